"use client";

import { useState } from "react";

/** Copies a secret shown once to the clipboard, and says so; the field stays selectable as a fallback. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => navigator.clipboard.writeText(text).then(() => setCopied("yes"), () => setCopied("failed"))}
        className="shrink-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
      >
        {label}
      </button>
      <span role="status" className="sr-only">
        {copied === "yes" ? "Copied" : copied === "failed" ? "Could not copy: select the text and copy it" : ""}
      </span>
    </>
  );
}
