"use client";

import { useState, useTransition } from "react";

import { readPassportPhotoAction } from "@/app/(account)/account/passport-photo-actions";

/**
 * "Fill in from the photo": reads the MRZ off the chosen photo page and hands its two lines to
 * `onRead`, which fills the form as a typed zone would. The person looks the fields over and uploads.
 */
export function PassportPrefill({ onRead }: { onRead: (mrz: string) => void }) {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  function read(button: HTMLButtonElement) {
    const form = button.form;
    if (!form) return;
    const data = new FormData();
    const front = new FormData(form).get("front");
    if (front instanceof File) data.set("front", front);
    startTransition(async () => {
      const result = await readPassportPhotoAction(data);
      if (!result.mrz) return setStatus({ ok: false, text: result.message ?? "The photo could not be read." });
      onRead(result.mrz);
      setStatus({ ok: true, text: "Filled in from the photo: check every field against your passport, then upload." });
    });
  }

  return (
    <div className="space-y-2 sm:col-span-2">
      <button
        type="button"
        onClick={(event) => read(event.currentTarget)}
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
      >
        {pending ? "Reading the photo…" : "Fill in from the photo"}
      </button>
      <p role="status" aria-live="polite" className={`text-sm ${status?.ok === false ? "text-red-700" : "text-slate-700"}`}>
        {status?.text ?? ""}
      </p>
    </div>
  );
}
