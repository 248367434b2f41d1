import type { Metadata } from "next";
import Link from "next/link";

import { NotificationPreferencesForm } from "@/components/account/notification-preferences";
import { DecisionReason } from "@/components/kyc/decision-reason";
import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { JourneySteps } from "@/components/kyc/journey-steps";
import { SubmissionNotice } from "@/components/kyc/submission-notice";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getPreferences } from "@/lib/events/preferences";
import { getEnv } from "@/lib/env";
import { effectiveState, getItems } from "@/lib/items/store";
import { isItem, ITEM_INFO, ITEMS, type Item, type ItemState } from "@/lib/items/items";
import { missingNeeded, planJourney } from "@/lib/items/journey";
import { previewItem } from "@/lib/items/mask";
import { nextStepLabel } from "@/lib/items/next-step";
import { RESUBMISSION_REASON } from "@/lib/review/schemas";

export const metadata: Metadata = { title: "Your identity" };

const GROUPS: { title: string; description: string; items: Item[] }[] = [
  { title: "About you", description: "What you tell us, checked by a reviewer against your documents.", items: ["name", "date_of_birth", "nationality", "address"] },
  { title: "Contact", description: "Verified by a link or a code we send you.", items: ["email", "phone"] },
  { title: "Documents", description: "One of passport, ID card or driving licence is enough, with a proof of address.", items: ["passport", "id_card", "driver_license", "proof_of_address"] },
  { title: "Checks", description: "A selfie, and the sanctions screening we run for you.", items: ["liveness", "aml"] },
];

function dateOf(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ submitted?: string | string[] }> }) {
  const user = await requireUser("/account");
  const { submitted } = await searchParams;
  const db = await getDb();
  const [items, preferences] = await Promise.all([getItems(db, user.id), getPreferences(db, user.id)]);
  const states = new Map<Item, ItemState>(ITEMS.map((item) => [item, items.has(item) ? effectiveState(items.get(item)!) : "missing"]));
  const count = (state: ItemState) => [...states.values()].filter((s) => s === state).length;
  const missing = missingNeeded(states).length;
  const journey = planJourney(states);
  const reviewHours = getEnv().reviewSlaHours;
  const attention = [...states.entries()].filter(([, s]) => s === "rejected" || s === "expired").map(([item]) => item);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Your identity</h1>
        <p className="text-slate-600">
          Signed in as <span className="font-medium">{user.email}</span> · your OCID is{" "}
          <span className="font-mono" data-testid="user-ocid">
            {user.ocid}
          </span>
        </p>
        <p className="text-sm text-slate-600" data-testid="summary">
          {count("verified")} of {ITEMS.length} verified · {count("pending")} waiting for review
          {missing > 0 ? ` · ${missing} not provided` : ""}
        </p>
      </div>

      {typeof submitted === "string" && isItem(submitted) ? <SubmissionNotice item={submitted} state={states.get(submitted)!} reviewHours={reviewHours} /> : null}
      <JourneySteps journey={journey} reviewHours={reviewHours} />

      {attention.length > 0 ? (
        <div role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">Some items need your attention</p>
          <p className="mt-1">
            {attention.map((item) => ITEM_INFO[item].label).join(", ")}: {attention.length === 1 ? "it was" : "they were"} not accepted or{" "}
            {attention.length === 1 ? "has" : "have"} expired. Partners see {attention.length === 1 ? "it" : "them"} as missing until you provide{" "}
            {attention.length === 1 ? "it" : "them"} again.
          </p>
        </div>
      ) : null}

      {GROUPS.map((group) => (
        <section key={group.title} aria-labelledby={`group-${group.title}`} className="space-y-3">
          <div>
            <h2 id={`group-${group.title}`} className="text-lg font-semibold tracking-tight">
              {group.title}
            </h2>
            <p className="text-sm text-slate-600">{group.description}</p>
          </div>
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {group.items.map((item) => {
              const stored = items.get(item);
              const state = states.get(item)!;
              const step = nextStepLabel(item, state);
              const expires = stored?.state === "verified" ? dateOf(stored.expiresAt) : null;
              return (
                <li key={item} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid={`item-${item}`}>
                  <div className="min-w-0 space-y-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <h3 className="font-medium">{ITEM_INFO[item].label}</h3>
                      <ItemStateBadge state={state} actionNeeded={stored?.rejectionReason === RESUBMISSION_REASON} />
                    </div>
                    {state !== "missing" && stored?.value != null ? <p className="text-sm text-slate-800">{previewItem(item, stored.value)}</p> : null}
                    <p className="text-sm text-slate-600">{ITEM_INFO[item].howVerified}.</p>
                    {state === "rejected" ? <DecisionReason reason={stored?.rejectionReason ?? null} note={stored?.noteToUser ?? null} /> : null}
                    {state === "expired" ? (
                      <p className="text-sm text-orange-800">Expired on {dateOf(stored?.expiresAt ?? null)}. Partners see it as missing.</p>
                    ) : null}
                    {state === "verified" && expires ? <p className="text-xs text-slate-500">Valid until {expires}</p> : null}
                  </div>
                  {step ? (
                    <Link
                      href={item === "email" ? "/signin?callbackUrl=%2Faccount" : `/account/items/${item}`}
                      className={`shrink-0 self-start rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${
                        state === "verified" || state === "pending"
                          ? "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
                          : "bg-brand-600 text-white hover:bg-brand-700"
                      }`}
                      aria-label={`${step}: ${ITEM_INFO[item].label}`}
                    >
                      {step}
                    </Link>
                  ) : item === "aml" && state !== "missing" ? (
                    <Link href="/account/items/aml" className="shrink-0 self-start rounded-md px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-slate-50">
                      Details
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}

      <section id="notifications" aria-labelledby="notifications-title" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="notifications-title" className="font-medium">
          Email notifications
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-600">What Attest emails you about. The emails hold no more than what they are about and a link here.</p>
        <NotificationPreferencesForm preferences={preferences} />
      </section>

      <section aria-labelledby="danger" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="danger" className="font-medium">
          Delete your account
        </h2>
        <p className="mt-1 text-sm text-slate-600">Erases your identity items and documents. Partners will no longer find you.</p>
        <Link href="/account/delete" className="mt-3 inline-block text-sm font-medium text-red-700 underline-offset-2 hover:underline">
          Delete account…
        </Link>
      </section>
    </div>
  );
}
