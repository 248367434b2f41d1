"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";

/** The words come from the caller: the person's pages pass their language, the console its English. */
export function CopyButton({ text, label = "Copy token", copied: done = "Copied", failed = "Copy failed: select the token below" }: { text: string; label?: string; copied?: string; failed?: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("done");
    } catch {
      // Clipboard access needs a secure context; the token stays selectable in the box below.
      setCopied("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={copy}>
        {label}
      </Button>
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {copied === "done" ? done : copied === "failed" ? failed : ""}
      </span>
    </span>
  );
}
