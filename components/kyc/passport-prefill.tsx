"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import { readPassportPhotoAction } from "@/app/(account)/account/passport-photo-actions";
import { Button } from "@/components/ui/button";

/**
 * "Fill in from the photo": reads the MRZ off the chosen photo page and hands its two lines to
 * `onRead`, which fills the form as a typed zone would. The person looks the fields over and uploads.
 */
export function PassportPrefill({ onRead }: { onRead: (mrz: string) => void }) {
  const t = useTranslations("forms");
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
      if (!result.mrz) return setStatus({ ok: false, text: result.message ?? t("photoUnreadable") });
      onRead(result.mrz);
      setStatus({ ok: true, text: t("filledFromPhoto") });
    });
  }

  return (
    <div className="space-y-2 sm:col-span-2">
      <Button variant="secondary" size="sm" onClick={(event) => read(event.currentTarget)} disabled={pending}>
        {pending ? t("readingPhoto") : t("fillFromPhoto")}
      </Button>
      <p role="status" aria-live="polite" className={`text-sm ${status?.ok === false ? "text-red-700" : "text-slate-700"}`}>
        {status?.text ?? ""}
      </p>
    </div>
  );
}
