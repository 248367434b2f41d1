import Link from "next/link";

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
    <div className="mx-auto max-w-xl rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" data-testid="consent-problem" data-problem={problem}>
      <h1 className="text-2xl font-semibold tracking-tight">{text.title}</h1>
      <p className="mt-2 text-slate-600">{text.body}</p>
      <Link href="/account" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
        Go to your identity
      </Link>
    </div>
  );
}
