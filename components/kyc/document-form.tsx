"use client";

import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";

import { uploadDocumentAction, type FormState } from "@/app/(account)/account/actions";
import { fieldErrorsOf, IDLE, type FieldErrors } from "@/lib/http/action-state";
import { ErrorSummary, SelectField, SubmitButton, TextField } from "@/components/kyc/fields";
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

type Country = { code: string; name: string };

const PROOF_LABELS: Record<(typeof PROOF_OF_ADDRESS_TYPES)[number], string> = {
  utility_bill: "Utility bill",
  bank_statement: "Bank statement",
  other: "Other official letter",
};

const ACCEPT = "image/jpeg,image/png,application/pdf";

const FILLED_HINT = "Filled in from the MRZ: check it.";

function FileField({ name, label, error, hint }: { name: string; label: string; error?: string; hint: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="file"
        accept={ACCEPT}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : `${name}-hint`}
        className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800 hover:file:bg-slate-200"
      />
      {error ? (
        <p id={`${name}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}

/** Upload with typed fields. The browser checks fields and sizes with the server's schema; the server checks the bytes. */
export function DocumentForm({ item, countries, readsPhotos = false }: { item: DocumentItem; countries: Country[]; readsPhotos?: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(uploadDocumentAction, IDLE);
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>();
  // Each reading of the MRZ remounts the fields it fills, with its values as their defaults.
  const [filled, setFilled] = useState<{ fill: MrzFill; round: number } | null>(null);
  const mrzReader = useRef<MrzReaderHandle>(null);
  const fromMrz = (name: keyof MrzFill) => (filled ? { key: `${name}-${filled.round}`, defaultValue: filled.fill[name], hint: FILLED_HINT } : {});
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
    if (!parsed.success) Object.assign(found, fieldErrorsOf(parsed.error));
    for (const side of isProof ? ["page"] : ["front", "back"]) {
      const file = form.get(side);
      if (file instanceof File && file.size > MAX_UPLOAD_BYTES) found[side] = "This file is larger than 10 MB";
      if (side !== "back" && (!(file instanceof File) || file.size === 0)) found[side] = "Choose a file to upload";
    }
    if (item === "passport" && String(form.get("mrz") ?? "").trim() === "") found.mrz = "Type or paste the two lines of the machine-readable zone";
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
            label="Kind of document"
            placeholder="Choose one"
            options={PROOF_OF_ADDRESS_TYPES.map((t) => ({ value: t, label: PROOF_LABELS[t] }))}
            error={errors.type}
          />
          <TextField name="issued_at" label="Date on the document" type="date" error={errors.issued_at} hint="Within the last 90 days." />
          <div className="sm:col-span-2">
            <FileField name="page" label="The document" error={errors.page} hint="JPEG, PNG or PDF, up to 10 MB. It must show your name and address." />
            <DocumentCapture input="page" shape={DOCUMENT_SHAPES[item]} label="The document" />
          </div>
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          {item === "passport" ? <MrzReader ref={mrzReader} error={errors.mrz} onRead={(fill) => setFilled((f) => ({ fill, round: (f?.round ?? 0) + 1 }))} /> : null}
          <TextField name="number" label="Document number" autoComplete="off" spellCheck={false} error={errors.number} {...fromMrz("number")} />
          <SelectField name="country" label="Issuing country" options={countryOptions} placeholder="Choose a country" error={errors.country} {...fromMrz("country")} />
          <TextField name="issued_at" label="Issue date" type="date" error={errors.issued_at} />
          <TextField name="expires_at" label="Expiry date" type="date" error={errors.expires_at} hint="Expired documents cannot be accepted." {...fromMrz("expires_at")} />
          <div className="sm:col-span-2">
            <FileField
              name="front"
              label={item === "passport" ? "Photo page" : "Front"}
              error={errors.front}
              hint="JPEG, PNG or PDF, up to 10 MB. All four corners visible, no glare."
            />
            <DocumentCapture input="front" shape={DOCUMENT_SHAPES[item]} label={item === "passport" ? "Photo page" : "Front"} />
          </div>
          {item === "passport" && readsPhotos ? <PassportPrefill onRead={(mrz) => mrzReader.current?.read(mrz)} /> : null}
          {item !== "passport" ? (
            <div className="sm:col-span-2">
              <FileField name="back" label="Back (optional)" error={errors.back} hint="If the back carries details, add it too." />
              <DocumentCapture input="back" shape={DOCUMENT_SHAPES[item]} label="Back" />
            </div>
          ) : null}
        </div>
      )}
      <SubmitButton pending={pending} pendingLabel="Uploading…">
        Upload for review
      </SubmitButton>
    </form>
  );
}
