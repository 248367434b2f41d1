"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useState, type FormEvent } from "react";

import { submitConsentDecision } from "@/app/kyc/grant/[ocid]/actions";
import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { DecisionRequestFields, DecisionState } from "@/lib/consent/decision-schema";
import type { Item, ItemState } from "@/lib/items/items";
import { IDLE } from "@/lib/http/action-state";

export type ConsentRow = { item: Item; label: string; shares: string; preview: string; state: ItemState; initiallyOn: boolean; purpose: string | null };

// Module-level, so React calls it once when the element mounts and not on every render.
const focusOnMount = (element: HTMLElement | null) => element?.focus();

/** Where an item is provided, coming back here afterwards; e-mail and screening need no visit. */
function ProvideLink({ item, label, pending, returnTo }: { item: Item; label: string; pending: boolean; returnTo: string }) {
  const t = useTranslations("consent");
  if (item === "aml" || item === "email") return null;
  const words = pending ? t("review") : t("provide");
  return (
    <a
      href={`/account/items/${item}?${new URLSearchParams({ return: returnTo })}`}
      aria-label={`${words}: ${label}`}
      className="mt-1 inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
    >
      {words}
    </a>
  );
}

/**
 * The decision itself. Sending the person back is a normal navigation (a
 * GET) from the confirmation, not a redirect answering the form's POST: the
 * CSP's form-action 'self' would stop a POST redirect to the partner.
 */
export function ConsentForm({ partnerName, rows, fields, returnTo }: { partnerName: string; rows: ConsentRow[]; fields: DecisionRequestFields; returnTo: string }) {
  const t = useTranslations("consent");
  const items = useTranslations("items");
  const forms = useTranslations("forms");
  const [state, action, pending] = useActionState<DecisionState, FormData>(submitConsentDecision, IDLE);
  const [confirmingNone, setConfirmingNone] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<Item>>(() => new Set(rows.filter((row) => row.initiallyOn).map((row) => row.item)));
  const listId = useId();

  useEffect(() => {
    if (state.ok && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);

  if (state.ok && state.redirectTo && state.status) {
    return (
      <section aria-live="polite" data-testid="consent-done">
        <Card className="text-center">
          <h2 className="text-lg font-semibold">{t("savedTitle")}</h2>
          <p className="mt-1 text-slate-600">
            {t(`status_${state.status}`)} {t("takingBack", { partner: partnerName })}
          </p>
          {/* A full navigation to the partner, not a client-side route change. */}
          <a href={state.redirectTo} className={buttonClass({ className: "mt-4" })}>
            {t("continue", { partner: partnerName })}
          </a>
          <p className="mt-3 text-sm text-slate-600">
            {t.rich("receiptIn", {
              link: (chunks) => (
                <a className="text-brand-700 underline" href="/account/partners">
                  {chunks}
                </a>
              ),
            })}
          </p>
        </Card>
      </section>
    );
  }

  const toggle = (item: Item, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(item);
      else next.delete(item);
      return next;
    });
  const allOn = rows.every((row) => selected.has(row.item));

  // "Share selected" with nothing selected would deny everything: ask first, instead of doing it silently.
  function checkNothingShared(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter?.getAttribute("value") !== "share" || selected.size > 0) return;
    event.preventDefault();
    setConfirmingNone(true);
  }

  return (
    <form action={action} onSubmit={checkNothingShared} className="space-y-4">
      <input type="hidden" name="ocid" value={fields.ocid} />
      <input type="hidden" name="grants" value={fields.grants} />
      <input type="hidden" name="user_ocid" value={fields.user_ocid} />
      <input type="hidden" name="callback_url" value={fields.callback_url} />
      {fields.state !== undefined ? <input type="hidden" name="state" value={fields.state} /> : null}
      <input type="hidden" name="token" value={fields.token} />

      {!state.ok && state.message ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}

      <Card padding="none">
        <fieldset>
          <legend className="sr-only">{t("itemsLegend", { partner: partnerName })}</legend>
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
            <p className="text-sm text-slate-600" id={`${listId}-count`} aria-live="polite">
              {t("selectedCount", { selected: selected.size, total: rows.length })}
            </p>
            <Button variant="quiet" size="sm" onClick={() => setSelected(allOn ? new Set() : new Set(rows.map((row) => row.item)))}>
              {allOn ? t("clearAll") : t("selectAll")}
            </Button>
          </div>
          <ul className="divide-y divide-slate-200">
            {rows.map((row) => {
              const id = `${listId}-${row.item}`;
              const on = selected.has(row.item);
              const label = items(`${row.item}.label`);
              return (
                <li key={row.item} className="flex items-start gap-4 px-4 py-4" data-testid={`consent-row-${row.item}`}>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <label htmlFor={id} className="font-medium">
                        {label}
                      </label>
                      <ItemStateBadge state={row.state} />
                    </div>
                    <p className="mt-0.5 text-sm text-slate-600" id={`${id}-shares`}>
                      {items(`${row.item}.shares`)}
                    </p>
                    <p className="mt-1 font-mono text-sm break-words text-slate-800" id={`${id}-preview`}>
                      {row.state === "missing" ? forms("notProvided") : row.preview}
                    </p>
                    {row.purpose ? (
                      <p className="mt-1 text-sm text-slate-700" id={`${id}-purpose`} data-testid="consent-purpose">
                        <span className="font-medium">{t("purpose", { partner: partnerName })}</span> {row.purpose}
                      </p>
                    ) : null}
                    {row.state !== "verified" ? (
                      <p className="mt-1 text-xs text-slate-600" id={`${id}-note`}>
                        {t(row.state === "pending" ? "pendingNote" : "missingNote", { partner: partnerName })}
                      </p>
                    ) : null}
                    {row.state !== "verified" ? <ProvideLink item={row.item} label={label} pending={row.state === "pending"} returnTo={returnTo} /> : null}
                  </div>
                  <span className="relative mt-1 inline-flex shrink-0">
                    <input
                      id={id}
                      type="checkbox"
                      role="switch"
                      name="share"
                      value={row.item}
                      checked={on}
                      onChange={(event) => toggle(row.item, event.target.checked)}
                      aria-checked={on}
                      aria-describedby={[`${id}-shares`, `${id}-preview`, row.purpose ? `${id}-purpose` : null, row.state !== "verified" ? `${id}-note` : null].filter(Boolean).join(" ")}
                      className="peer h-7 w-12 cursor-pointer appearance-none rounded-full bg-slate-500 transition-colors checked:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                    />
                    <span
                      aria-hidden="true"
                      className="pointer-events-none absolute top-1 left-1 h-5 w-5 rounded-full bg-white shadow transition-transform peer-checked:translate-x-5"
                    />
                  </span>
                </li>
              );
            })}
          </ul>
        </fieldset>
      </Card>

      {confirmingNone ? (
        <div ref={focusOnMount} tabIndex={-1} role="alertdialog" aria-labelledby={`${listId}-none`} aria-describedby={`${listId}-none-body`} className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 focus:outline-2 focus:outline-offset-2 focus:outline-amber-700" data-testid="confirm-deny">
          <p id={`${listId}-none`} className="font-medium">
            {t("confirmNoneTitle")}
          </p>
          <p id={`${listId}-none-body`}>{t("confirmNoneBody", { partner: partnerName })}</p>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" name="intent" value="deny" variant="strong" disabled={pending}>
              {t("confirmDeny")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirmingNone(false)}>
              {t("confirmBack")}
            </Button>
          </div>
        </div>
      ) : null}

      {/* On a phone the list is long: the decision stays on screen at the bottom while it scrolls. */}
      <div role="group" aria-label={t("decisionBar")} className="sticky bottom-0 z-10 -mx-4 grid grid-cols-2 gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0" data-testid="decision-bar">
        {/* Equal weight: not sharing is as easy to choose as sharing. */}
        <Button type="submit" name="intent" value="share" size="lg" disabled={pending}>
          {t("share")}
        </Button>
        <Button type="submit" name="intent" value="deny" variant="strong" size="lg" disabled={pending}>
          {t("deny")}
        </Button>
      </div>
      <p className="text-center text-sm text-slate-600" aria-live="polite">
        {pending ? t("saving") : t("changeLater")}
      </p>
    </form>
  );
}
