"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";

/** Copies a secret shown once to the clipboard, and says so; the field stays selectable as a fallback. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <>
      <Button variant="secondary" size="sm" className="shrink-0" onClick={() => navigator.clipboard.writeText(text).then(() => setCopied("yes"), () => setCopied("failed"))}>
        {label}
      </Button>
      <span role="status" className="sr-only">
        {copied === "yes" ? "Copied" : copied === "failed" ? "Could not copy: select the text and copy it" : ""}
      </span>
    </>
  );
}
