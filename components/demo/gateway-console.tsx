"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";

import { askConsentAction, checkStatusAction, fetchDataAction } from "@/app/demo/actions";
import { CallResult } from "@/components/demo/call-result";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Field, FieldError, inputClass } from "@/components/ui/field";
import { DEMO_PEOPLE, demoRequestSchema, type DemoActionResult, type DemoCallResult, type DemoRequest } from "@/lib/demo/gateway-form";
import { ITEM_INFO, ITEMS, type Item } from "@/lib/items/items";
import { fieldErrorsOf } from "@/lib/http/action-state";

type Action = "validate" | "data" | "consent";
type FieldErrors = Partial<Record<keyof DemoRequest, string>>;

const ACTIONS: Record<Action, (input: DemoRequest) => Promise<DemoActionResult>> = {
  validate: checkStatusAction,
  data: fetchDataAction,
  consent: askConsentAction,
};

/** The gateway's controls: who, which items, and the three things a gateway does. */
export function GatewayConsole({ initialOcid = "12345", initialGrants = [...ITEMS] }: { initialOcid?: string; initialGrants?: Item[] }) {
  const [userOcid, setUserOcid] = useState(initialOcid);
  const [grants, setGrants] = useState<Item[]>(initialGrants);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [results, setResults] = useState<DemoCallResult[]>([]);
  const [running, setRunning] = useState<Action | null>(null);
  const [, startTransition] = useTransition();
  const ocidId = useId();
  const resultsRef = useRef<HTMLElement>(null);

  // On a phone the results sit below the form: bring the newest one into view.
  useEffect(() => {
    const section = resultsRef.current;
    if (results.length > 0 && section && section.getBoundingClientRect().top > window.innerHeight) {
      section.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }, [results]);

  function toggle(item: Item) {
    setGrants((current) => (current.includes(item) ? current.filter((g) => g !== item) : ITEMS.filter((g) => g === item || current.includes(g))));
  }

  function run(action: Action) {
    const input = { userOcid, grants };
    const parsed = demoRequestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    setMessage(null);
    setRunning(action);
    startTransition(async () => {
      const outcome = await ACTIONS[action](parsed.data);
      setRunning(null);
      if (outcome?.ok) setResults((current) => [outcome.result, ...current].slice(0, 4));
      else if (outcome) {
        setErrors(outcome.fieldErrors ?? {});
        setMessage(outcome.message);
      }
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <Card className="shadow-sm lg:self-start">
        <form className="space-y-5" onSubmit={(event) => event.preventDefault()} noValidate>
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold text-slate-900">Person</legend>
            <div className="flex flex-wrap gap-2">
              {DEMO_PEOPLE.map((person) => (
                <button
                  key={person.ocid}
                  type="button"
                  onClick={() => setUserOcid(person.ocid)}
                  aria-pressed={userOcid === person.ocid}
                  title={person.summary}
                  className={`rounded-full border px-3 py-1 text-sm transition ${userOcid === person.ocid ? "border-brand-600 bg-brand-50 font-medium text-brand-700" : "border-slate-300 text-slate-700 hover:border-brand-600"}`}
                >
                  {person.name} <span className="font-mono text-xs text-slate-600">{person.ocid}</span>
                </button>
              ))}
            </div>
            <Field id={ocidId} label="User OCID" error={errors.userOcid} className="space-y-1 pt-1">
              {(control) => <input {...control} name="userOcid" inputMode="numeric" value={userOcid} onChange={(event) => setUserOcid(event.target.value)} className={`${inputClass} font-mono text-sm`} />}
            </Field>
          </fieldset>

          <fieldset className="space-y-2" aria-describedby={errors.grants ? "demo-grants-error" : undefined}>
            <div className="flex items-center justify-between">
              <legend className="text-sm font-semibold text-slate-900">Items</legend>
              <span className="space-x-3 text-sm">
                <button type="button" className="text-brand-700 underline-offset-2 hover:underline" onClick={() => setGrants([...ITEMS])}>
                  All
                </button>
                <button type="button" className="text-brand-700 underline-offset-2 hover:underline" onClick={() => setGrants([])}>
                  None
                </button>
              </span>
            </div>
            <ul className="grid grid-cols-2 gap-x-3 gap-y-1.5">
              {ITEMS.map((item) => (
                <li key={item}>
                  <label className="flex items-center gap-2 text-sm text-slate-700">
                    <input type="checkbox" checked={grants.includes(item)} onChange={() => toggle(item)} className="size-4 rounded border-slate-300 accent-brand-600" />
                    {ITEM_INFO[item].label}
                  </label>
                </li>
              ))}
            </ul>
            <FieldError id="demo-grants-error" message={errors.grants} />
          </fieldset>

          <div className="grid gap-2">
            <Button onClick={() => run("validate")} disabled={running !== null}>
              {running === "validate" ? "Checking…" : "Check status"}
            </Button>
            <Button onClick={() => run("data")} disabled={running !== null}>
              {running === "data" ? "Fetching…" : "Fetch data"}
            </Button>
            <Button variant="secondary" onClick={() => run("consent")} disabled={running !== null}>
              {running === "consent" ? "Opening…" : "Ask for consent"}
            </Button>
            <p className="text-xs text-slate-500">Check status calls POST /kyc/validate, Fetch data POST /kyc/data, both signed with partner 300&apos;s key. Ask for consent sends the person to Attest&apos;s consent page and back here.</p>
          </div>
          {message ? (
            <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
              {message}
            </p>
          ) : null}
        </form>
      </Card>

      <section ref={resultsRef} aria-live="polite" aria-busy={running !== null} aria-label="Results" className="space-y-4">
        {results.length === 0 ? (
          <EmptyState>{running ? "Calling Attest…" : "Pick a person and some items, then check their status or fetch their data. Each call's signatures are checked and shown here."}</EmptyState>
        ) : (
          results.map((result, index) => <CallResult key={`${results.length - index}`} result={result} />)
        )}
      </section>
    </div>
  );
}
