"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";

import { uploadDocumentAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE, type FieldErrors } from "@/lib/http/action-state";
import { ErrorSummary, FileField, SelectField, SubmitButton, TextField } from "@/components/kyc/fields";
import { DocumentCapture } from "@/components/kyc/document-capture";
import { MrzReader, type MrzReaderHandle } from "@/components/kyc/mrz-reader";
import { PassportPrefill } from "@/components/kyc/passport-prefill";
import { identityDocumentFieldsSchema, PROOF_OF_ADDRESS_TYPES, proofOfAddressFieldsSchema } from "@/lib/items/document-values";
import { DOCUMENT_SHAPES } from "@/lib/documents/capture-frame";
import { MAX_UPLOAD_BYTES } from "@/lib/documents/file-type";
import type { MrzFill } from "@/lib/documents/mrz";
import { documentFieldsFrom } from "@/lib/items/form-input";
import type { DocumentItem } from "@/lib/items/items";
import { ReturnToField } from "@/components/kyc/return-to-field";
import { useFieldMessages } from "@/components/kyc/use-field-messages";

type Country = { code: string; name: string };

const ACCEPT = "image/jpeg,image/png,application/pdf";

/** Upload with typed fields. The browser checks fields and sizes with the server's schema; the server checks the bytes. */
export function DocumentForm({ item, countries, readsPhotos = false }: { item: DocumentItem; countries: Country[]; readsPhotos?: boolean }) {
  const t = useTranslations("forms");
  const { fieldErrors } = useFieldMessages();
  const [state, action, pending] = useActionState<FormState, FormData>(uploadDocumentAction, IDLE);
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>();
  // Each reading of the MRZ remounts the fields it fills, with its values as their defaults.
  const [filled, setFilled] = useState<{ fill: MrzFill; round: number } | null>(null);
  const mrzReader = useRef<MrzReaderHandle>(null);
  const fromMrz = (name: keyof MrzFill) => (filled ? { key: `${name}-${filled.round}`, defaultValue: filled.fill[name], hint: t("filledFromMrz") } : {});
  const errors = clientErrors ?? state.fieldErrors ?? {};
  const isProof = item === "proof_of_address";
  const countryOptions = countries.map((c) => ({ value: c.code, label: c.name }));

  // Sent by hand: React resets a form after its action runs, which would wipe the typed
  // fields whenever the server refuses the upload.
  function validate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const found: FieldErrors = {};
    const schema = isProof ? proofOfAddressFieldsSchema : identityDocumentFieldsSchema;
    const parsed = schema.safeParse(documentFieldsFrom(form, isProof ? ["type", "issued_at"] : ["number", "country", "issued_at", "expires_at"]));
    if (!parsed.success) Object.assign(found, fieldErrors(parsed.error));
    for (const side of isProof ? ["page"] : ["front", "back"]) {
      const file = form.get(side);
      if (file instanceof File && file.size > MAX_UPLOAD_BYTES) found[side] = t("tooLarge");
      if (side !== "back" && (!(file instanceof File) || file.size === 0)) found[side] = t("chooseFile");
    }
    if (item === "passport" && String(form.get("mrz") ?? "").trim() === "") found.mrz = t("mrzMissing");
    if (Object.keys(found).length > 0) return setClientErrors(found);
    setClientErrors(undefined);
    startTransition(() => action(form));
  }

  return (
    <form action={action} onSubmit={validate} noValidate className="space-y-4">
      <input type="hidden" name="item" value={item} />
      <ReturnToField />
      <ErrorSummary errors={clientErrors ?? state.fieldErrors} message={clientErrors ? undefined : state.message} />
      {isProof ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="type"
            label={t("kindOfDocument")}
            placeholder={t("chooseOne")}
            options={PROOF_OF_ADDRESS_TYPES.map((type) => ({ value: type, label: t(`proof_${type}`) }))}
            error={errors.type}
          />
          <TextField name="issued_at" label={t("dateOnDocument")} type="date" error={errors.issued_at} hint={t("within90Days")} />
          <div className="sm:col-span-2">
            <FileField name="page" accept={ACCEPT} label={t("theDocument")} error={errors.page} hint={t("proofFileHint")} />
            <DocumentCapture input="page" shape={DOCUMENT_SHAPES[item]} label={t("theDocument")} />
          </div>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          {item === "passport" ? <MrzReader ref={mrzReader} countries={countries} error={errors.mrz} onRead={(fill) => setFilled((f) => ({ fill, round: (f?.round ?? 0) + 1 }))} /> : null}
          <TextField name="number" label={t("documentNumber")} autoComplete="off" spellCheck={false} error={errors.number} {...fromMrz("number")} />
          <SelectField name="country" label={t("issuingCountry")} options={countryOptions} placeholder={t("chooseCountry")} error={errors.country} {...fromMrz("country")} />
          <TextField name="issued_at" label={t("issueDate")} type="date" error={errors.issued_at} />
          <TextField name="expires_at" label={t("expiryDate")} type="date" error={errors.expires_at} hint={t("expiredNotAccepted")} {...fromMrz("expires_at")} />
          <div className="sm:col-span-2">
            <FileField
              name="front"
              accept={ACCEPT}
              label={item === "passport" ? t("photoPage") : t("front")}
              error={errors.front}
              hint={t("frontHint")}
            />
            <DocumentCapture input="front" shape={DOCUMENT_SHAPES[item]} label={item === "passport" ? t("photoPage") : t("front")} />
          </div>
          {item === "passport" && readsPhotos ? <PassportPrefill onRead={(mrz) => mrzReader.current?.read(mrz)} /> : null}
          {item !== "passport" ? (
            <div className="sm:col-span-2">
              <FileField name="back" accept={ACCEPT} label={t("backOptional")} error={errors.back} hint={t("backHint")} />
              <DocumentCapture input="back" shape={DOCUMENT_SHAPES[item]} label={t("backSide")} />
            </div>
          ) : null}
        </div>
      )}
      <SubmitButton pending={pending} pendingLabel={t("uploading")}>
        {t("uploadForReview")}
      </SubmitButton>
    </form>
  );
}
