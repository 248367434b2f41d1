"use client";

import { CopyButton } from "@/components/admin/accounts/copy-button";
import { curlSnippet, fetchSnippet, type SentRequest } from "@/lib/demo/snippets";

/** Copy the exact signed call as curl or as JavaScript; its nonce is spent, so a replay is refused. */
export function CopySnippets({ request }: { request: SentRequest }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="copy-snippets">
      <CopyButton text={curlSnippet(request)} label="Copy as curl" />
      <CopyButton text={fetchSnippet(request)} label="Copy as JavaScript" />
      <span className="text-xs text-slate-600">The exact request sent; its nonce is used, so a replay gets NONCE_REUSED.</span>
    </div>
  );
}
