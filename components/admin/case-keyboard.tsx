"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

import { Button } from "@/components/ui/button";

const SHORTCUTS: [string, string][] = [
  ["J", "Next case"],
  ["K", "Previous case"],
  ["A", "Approve the current item"],
  ["R", "Reject the current item"],
  ["U", "Request resubmission of the current item"],
  ["?", "Show this help"],
];

/**
 * Keyboard shortcuts of the case page. They press the current item's own
 * buttons, so a shortcut can do nothing a click could not.
 */
export function CaseKeyboard({ nextHref, previousHref }: { nextHref: string | null; previousHref: string | null }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]") || dialog.current?.open) return;
      const press = (action: string) => {
        const button = document.querySelector<HTMLButtonElement>(`[data-current="true"] [data-action="${action}"]`);
        if (button && !button.disabled) {
          event.preventDefault();
          button.click();
        }
      };
      switch (event.key) {
        case "j":
        case "J":
          if (nextHref) router.push(nextHref);
          break;
        case "k":
        case "K":
          if (previousHref) router.push(previousHref);
          break;
        case "a":
        case "A":
          press("approve");
          break;
        case "r":
        case "R":
          press("reject");
          break;
        case "u":
        case "U":
          press("resubmit");
          break;
        case "?":
          event.preventDefault();
          dialog.current?.showModal();
          break;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [nextHref, previousHref, router]);

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => dialog.current?.showModal()}>
        Shortcuts <kbd className="text-xs text-slate-500">?</kbd>
      </Button>
      <dialog ref={dialog} aria-labelledby="shortcuts-title" className="m-auto w-full max-w-sm rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40">
        <div className="space-y-4 p-5">
          <h2 id="shortcuts-title" className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            {SHORTCUTS.map(([key, label]) => (
              <div key={key} className="contents">
                <dt>
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
                </dt>
                <dd className="text-slate-700">{label}</dd>
              </div>
            ))}
          </dl>
          <p className="text-xs text-slate-600">After a decision the page moves to the next pending item.</p>
          <form method="dialog">
            <Button type="submit" size="sm">
              Close
            </Button>
          </form>
        </div>
      </dialog>
    </>
  );
}
