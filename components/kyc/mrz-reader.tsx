"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useImperativeHandle, useState, type Ref } from "react";

import { TextAreaField } from "@/components/kyc/fields";
import { useFieldMessages } from "@/components/kyc/use-field-messages";
import { Button } from "@/components/ui/button";
import { mrzCountryToAlpha2 } from "@/lib/items/countries";
import { mrzFormFill, parsePassportMrz, type MrzFields, type MrzFill } from "@/lib/documents/mrz";

/** The sexes an MRZ records, each with its words in the catalogue (`forms.sex_…`). */
const SEXES = ["male", "female", "nonspecified"] as const;
const isSex = (value: string | null | undefined): value is (typeof SEXES)[number] => (SEXES as readonly (string | null | undefined)[]).includes(value);

/** Lets the form hand over a zone read elsewhere (off the photo page), to be shown and read as if pasted. */
export type MrzReaderHandle = { read: (text: string) => void };

/**
 * The MRZ first: a valid paste fills the passport's fields and shows what else it says
 * (names, nationality, birth date, sex) so the person confirms rather than types. The
 * server parses and compares again; this only saves typing.
 */
export function MrzReader({ countries, error, onRead, ref }: { countries: { code: string; name: string }[]; error?: string; onRead: (fill: MrzFill) => void; ref?: Ref<MrzReaderHandle> }) {
  const [text, setText] = useState("");
  const t = useTranslations("forms");
  const { sentences } = useFieldMessages();
  const format = useFormatter();
  const [read, setRead] = useState<MrzFields | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const id = useId();

  function readFrom(text: string, explicit: boolean) {
    const parsed = parsePassportMrz(text);
    // While typing, say nothing until the lines are complete; a press of the button explains what is wrong.
    if (!parsed.valid) {
      if (explicit) setProblem(sentences(parsed.errors));
      return;
    }
    setProblem(undefined);
    setRead(parsed.fields);
    onRead(mrzFormFill(parsed.fields));
  }

  useImperativeHandle(ref, () => ({
    read(zone: string) {
      setText(zone);
      readFrom(zone, true);
    },
  }));

  const nationality = read?.nationality ? mrzCountryToAlpha2(read.nationality) : null;
  // The names the form's country select shows, in the page's language.
  const countryIn = (code: string) => countries.find((country) => country.code === code)?.name;
  // A calendar date, not a moment: in UTC so no time zone moves it to another day.
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const rows: [string, string][] = read
    ? [
        [t("name"), [read.firstName, read.lastName].filter(Boolean).join(" ") || t("notReadable")],
        [t("nationality"), (nationality && countryIn(nationality)) ?? read.nationality ?? t("notReadable")],
        [t("dateOfBirth"), read.birthDate ? day(read.birthDate) : t("notReadable")],
        [t("sex"), (isSex(read.sex) ? t(`sex_${read.sex}`) : null) ?? t("notReadable")],
      ]
    : [];

  return (
    <div className="space-y-2 sm:col-span-2">
      <TextAreaField
        name="mrz"
        label={t("mrzLabel")}
        rows={3}
        spellCheck={false}
        autoCapitalize="characters"
        error={problem ?? error}
        hint={t("mrzHint")}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          readFrom(event.currentTarget.value, false);
        }}
      />
      <Button variant="secondary" size="sm" onClick={() => readFrom(text, true)}>
        {t("mrzRead")}
      </Button>
      {read ? (
        <div role="status" aria-labelledby={`${id}-title`} className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="mrz-read">
          <p id={`${id}-title`} className="font-medium">
            {t("mrzReadTitle")}
          </p>
          <p className="mt-0.5">{t("mrzReadHint")}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {rows.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-emerald-800">{term}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
