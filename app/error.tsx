"use client";

import { HomeLink, ProblemCard } from "@/components/ui/problem-card";

/**
 * A page that failed on the server. Next sends only a digest to the browser, never the
 * error itself; the digest lets staff find the logged entry without the person seeing internals.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ProblemCard
      title="Something went wrong on our side"
      actions={
        <>
          <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Try again
          </button>
          <HomeLink />
        </>
      }
    >
      <p>This page could not be shown. Please try again in a moment; if it keeps happening, contact support with the reference below.</p>
      {error.digest ? <p className="mt-2 text-sm text-slate-500">Reference: <code className="font-mono">{error.digest}</code></p> : null}
    </ProblemCard>
  );
}
