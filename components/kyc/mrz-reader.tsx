"use client";

import { useId, useImperativeHandle, useState, type Ref } from "react";

import { TextAreaField } from "@/components/kyc/fields";
import { countryName, mrzCountryToAlpha2 } from "@/lib/items/countries";
import { mrzFormFill, parsePassportMrz, type MrzFields, type MrzFill } from "@/lib/documents/mrz";

const TEXT = {
  label: "Machine-readable zone",
  hint: "Start here: the two lines of 44 characters at the bottom of the photo page, with every < sign. We fill in the rest from them.",
  read: "Fill in from the MRZ",
  readTitle: "Read from the machine-readable zone",
  readHint: "Check these against your passport. The fields below are filled in; only confirm or correct them.",
  name: "Name",
  nationality: "Nationality",
  birthDate: "Date of birth",
  sex: "Sex",
  unreadable: "Not readable",
} as const;

const SEX_WORDS: Record<string, string> = { male: "Male", female: "Female", nonspecified: "Not specified" };

/** Lets the form hand over a zone read elsewhere (off the photo page), to be shown and read as if pasted. */
export type MrzReaderHandle = { read: (text: string) => void };

/**
 * The MRZ first: a valid paste fills the passport's fields and shows what else it says
 * (names, nationality, birth date, sex) so the person confirms rather than types. The
 * server parses and compares again; this only saves typing.
 */
export function MrzReader({ error, onRead, ref }: { error?: string; onRead: (fill: MrzFill) => void; ref?: Ref<MrzReaderHandle> }) {
  const [text, setText] = useState("");
  const [read, setRead] = useState<MrzFields | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const id = useId();

  function readFrom(text: string, explicit: boolean) {
    const parsed = parsePassportMrz(text);
    // While typing, say nothing until the lines are complete; a press of the button explains what is wrong.
    if (!parsed.valid) {
      if (explicit) setProblem(parsed.errors.join(". "));
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
  const rows: [string, string][] = read
    ? [
        [TEXT.name, [read.firstName, read.lastName].filter(Boolean).join(" ") || TEXT.unreadable],
        [TEXT.nationality, (nationality && countryName(nationality)) ?? read.nationality ?? TEXT.unreadable],
        [TEXT.birthDate, read.birthDate ?? TEXT.unreadable],
        [TEXT.sex, (read.sex && SEX_WORDS[read.sex]) ?? TEXT.unreadable],
      ]
    : [];

  return (
    <div className="space-y-2 sm:col-span-2">
      <TextAreaField
        name="mrz"
        label={TEXT.label}
        rows={3}
        spellCheck={false}
        autoCapitalize="characters"
        error={problem ?? error}
        hint={TEXT.hint}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          readFrom(event.currentTarget.value, false);
        }}
      />
      <button
        type="button"
        onClick={() => readFrom(text, true)}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        {TEXT.read}
      </button>
      {read ? (
        <div role="status" aria-labelledby={`${id}-title`} className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="mrz-read">
          <p id={`${id}-title`} className="font-medium">
            {TEXT.readTitle}
          </p>
          <p className="mt-0.5">{TEXT.readHint}</p>
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
