"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState, type FormEvent } from "react";

import { submitDeclaredItemAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE, type FieldErrors } from "@/lib/http/action-state";
import { ErrorSummary, SelectField, SubmitButton, TextField } from "@/components/kyc/fields";
import { declaredInputFrom } from "@/lib/items/form-input";
import type { DeclaredItem } from "@/lib/items/items";
import { ITEM_VALUE_SCHEMAS, MAXIMUM_AGE, MINIMUM_AGE } from "@/lib/items/values";
import { ReturnToField } from "@/components/kyc/return-to-field";
import { useFieldMessages } from "@/components/kyc/use-field-messages";

type Country = { code: string; name: string };

/** Name, date of birth, nationality or address: checked here with the server's own schema, then sent. */
export function DeclaredItemForm({ item, current, countries }: { item: DeclaredItem; current: unknown; countries: Country[] }) {
  const t = useTranslations("forms");
  const { fieldErrors } = useFieldMessages();
  const [state, action, pending] = useActionState<FormState, FormData>(submitDeclaredItemAction, IDLE);
  const [clientErrors, setClientErrors] = useState<FieldErrors | undefined>();
  const errors = clientErrors ?? state.fieldErrors ?? {};
  const value = (current ?? {}) as Record<string, string>;
  const scalar = typeof current === "string" ? current : "";
  const countryOptions = countries.map((c) => ({ value: c.code, label: c.name }));

  // Sent by hand rather than through the form's action: React resets a form after its
  // action runs, which would wipe what the person typed whenever the server says no.
  function validate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ITEM_VALUE_SCHEMAS[item]!.safeParse(declaredInputFrom(item, form));
    if (!parsed.success) return setClientErrors(fieldErrors(parsed.error, "value"));
    setClientErrors(undefined);
    startTransition(() => action(form));
  }

  return (
    <form action={action} onSubmit={validate} noValidate className="space-y-4">
      <input type="hidden" name="item" value={item} />
      <ReturnToField />
      <ErrorSummary errors={clientErrors ?? state.fieldErrors} message={clientErrors ? undefined : state.message} />
      {item === "name" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="first_name" label={t("firstName")} autoComplete="given-name" defaultValue={value.first_name} error={errors.first_name} />
          <TextField name="last_name" label={t("lastName")} autoComplete="family-name" defaultValue={value.last_name} error={errors.last_name} />
          <TextField
            name="full_name"
            label={t("fullNameOnDocs")}
            autoComplete="name"
            className="sm:col-span-2"
            defaultValue={value.full_name}
            error={errors.full_name}
            hint={t("fullNameHint")}
          />
        </div>
      ) : null}
      {item === "date_of_birth" ? (
        <TextField
          name="value"
          label={t("dateOfBirth")}
          type="date"
          autoComplete="bday"
          defaultValue={scalar}
          error={errors.value}
          hint={t("ageHint", { min: MINIMUM_AGE, max: MAXIMUM_AGE })}
        />
      ) : null}
      {item === "nationality" ? (
        <SelectField name="value" label={t("nationality")} options={countryOptions} placeholder={t("chooseCountry")} defaultValue={scalar} error={errors.value} />
      ) : null}
      {item === "address" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="street" label={t("street")} autoComplete="street-address" className="sm:col-span-2" defaultValue={value.street} error={errors.street} />
          <TextField name="city" label={t("city")} autoComplete="address-level2" defaultValue={value.city} error={errors.city} />
          <TextField name="state" label={t("region")} autoComplete="address-level1" defaultValue={value.state} error={errors.state} />
          <TextField name="postal_code" label={t("postalCode")} autoComplete="postal-code" defaultValue={value.postal_code} error={errors.postal_code} />
          <SelectField name="country" label={t("country")} options={countryOptions} placeholder={t("chooseCountry")} defaultValue={value.country} error={errors.country} />
        </div>
      ) : null}
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {t("submitForReview")}
      </SubmitButton>
    </form>
  );
}
