"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState, type FormEvent } from "react";

import { confirmPhoneCodeAction, requestPhoneCodeAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormMessage, SubmitButton, TextField } from "@/components/kyc/fields";
import { phoneSchema } from "@/lib/items/values";
import { ReturnToField } from "@/components/kyc/return-to-field";
import { useFieldMessages } from "@/components/kyc/use-field-messages";

/** Step 1 sends a code to the number; step 2 takes the code. A new code can be asked for at any time. */
export function PhoneForm({ current, waitingFor }: { current?: string; waitingFor?: string }) {
  const t = useTranslations("forms");
  const { firstMessage } = useFieldMessages();
  const [sent, requestCode, requesting] = useActionState<FormState, FormData>(requestPhoneCodeAction, IDLE);
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const codeFor = sent.ok ? sent.phone : waitingFor;

  // Sent by hand: React resets a form after its action runs, which would empty the
  // number the person just typed whenever the server says no.
  function checkPhone(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = phoneSchema.safeParse(form.get("phone"));
    setPhoneError(parsed.success ? undefined : firstMessage(parsed.error));
    if (parsed.success) startTransition(() => requestCode(form));
  }

  return (
    <div className="space-y-6">
      <form action={requestCode} onSubmit={checkPhone} noValidate className="space-y-4">
        <TextField
          name="phone"
          label={t("mobile")}
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          placeholder="+44 7700 900123"
          defaultValue={sent.phone ?? waitingFor ?? current ?? ""}
          error={phoneError ?? (sent.ok ? undefined : sent.fieldErrors?.phone)}
          hint={t("mobileHint")}
        />
        <FormMessage message={sent.fieldErrors?.phone ? undefined : sent.message} ok={sent.ok} />
        <SubmitButton pending={requesting} pendingLabel={t("sending")}>
          {codeFor ? t("sendNewCode") : t("sendCode")}
        </SubmitButton>
      </form>

      {/* A new code is a new form: "Too many wrong codes" belonged to the old one. */}
      {codeFor ? <CodeForm key={sent.sentAt ?? "waiting"} phone={codeFor} /> : null}
    </div>
  );
}

function CodeForm({ phone }: { phone: string }) {
  const t = useTranslations("forms");
  const [confirmed, confirmCode, confirming] = useActionState<FormState, FormData>(confirmPhoneCodeAction, IDLE);
  const [codeError, setCodeError] = useState<string | undefined>();

  function checkCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const ok = /^\d{6}$/.test(String(form.get("code") ?? "").replace(/\s/g, ""));
    setCodeError(ok ? undefined : t("enterCode"));
    if (ok) startTransition(() => confirmCode(form));
  }

  return (
    <form action={confirmCode} onSubmit={checkCode} noValidate className="space-y-4 border-t border-slate-200 pt-6">
      <ReturnToField />
      <TextField
        name="code"
        label={t("codeSentTo", { phone })}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        className="max-w-xs"
        error={codeError ?? confirmed.fieldErrors?.code}
        hint={t("codeHint")}
      />
      <FormMessage message={confirmed.fieldErrors?.code ? undefined : confirmed.message} />
      <SubmitButton pending={confirming} pendingLabel={t("checking")}>
        {t("verifyNumber")}
      </SubmitButton>
    </form>
  );
}
