import { PrimaryLink, ProblemCard } from "@/components/ui/problem-card";

import type { GrantRequestProblem } from "@/lib/consent/grant-request";

const TEXT: Record<GrantRequestProblem | "metadata_unavailable", { title: string; body: string }> = {
  unknown_partner: {
    title: "We don't know who is asking",
    body: "The link names a partner that is not registered with Attest. Nothing has been shared. Go back to the site you came from and try again, or contact them.",
  },
  partner_suspended: {
    title: "This partner cannot ask for your data",
    body: "Attest has suspended this partner. Nothing has been shared, and they cannot receive anything from Attest for now.",
  },
  bad_callback: {
    title: "This link cannot be used",
    body: "The link would send you back to an address the partner has not registered with Attest. To keep your data safe we will not send you there, and nothing has been shared.",
  },
  metadata_unavailable: {
    title: "We cannot confirm who is asking",
    body: "The partner's identity could not be checked right now. Nothing has been shared. Please try again in a few minutes.",
  },
};

/** A request we will not act on: explained on Attest, never bounced to an address we could not check. */
export function ConsentProblem({ problem }: { problem: GrantRequestProblem | "metadata_unavailable" }) {
  const text = TEXT[problem];
  return (
    <ProblemCard title={text.title} actions={<PrimaryLink href="/account">Go to your identity</PrimaryLink>} data-testid="consent-problem" data-problem={problem}>
      <p>{text.body}</p>
    </ProblemCard>
  );
}
