import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";

import { NotificationPreferencesForm } from "@/components/account/notification-preferences";
import { DecisionReason } from "@/components/kyc/decision-reason";
import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { JourneySteps } from "@/components/kyc/journey-steps";
import { SubmissionNotice } from "@/components/kyc/submission-notice";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getPreferences } from "@/lib/events/preferences";
import { getEnv } from "@/lib/env";
import { effectiveState, getItems } from "@/lib/items/store";
import { isItem, ITEMS, type Item, type ItemState } from "@/lib/items/items";
import { missingNeeded, planJourney } from "@/lib/items/journey";
import { previewItem } from "@/lib/items/mask";
import { nextStep } from "@/lib/items/next-step";
import { RESUBMISSION_REASON } from "@/lib/review/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("metaTitle") };
}

const GROUPS = [
  { key: "about", items: ["name", "date_of_birth", "nationality", "address"] },
  { key: "contact", items: ["email", "phone"] },
  { key: "documents", items: ["passport", "id_card", "driver_license", "proof_of_address"] },
  { key: "checks", items: ["liveness", "aml"] },
] as const satisfies readonly { key: string; items: readonly Item[] }[];

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ submitted?: string | string[] }> }) {
  const user = await requireUser("/account");
  const { submitted } = await searchParams;
  const db = await getDb();
  const [items, preferences, t, itemText, format, locale] = await Promise.all([
    getItems(db, user.id),
    getPreferences(db, user.id),
    getTranslations("account"),
    getTranslations("items"),
    getFormatter(),
    getLocale(),
  ]);
  // Expiry is a calendar day: shown as stored (UTC), in the person's language.
  const dateOf = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" }) : null);
  const label = (item: Item) => itemText(`${item}.label`);
  const states = new Map<Item, ItemState>(ITEMS.map((item) => [item, items.has(item) ? effectiveState(items.get(item)!) : "missing"]));
  const count = (state: ItemState) => [...states.values()].filter((s) => s === state).length;
  const missing = missingNeeded(states).length;
  const journey = planJourney(states);
  const reviewHours = getEnv().reviewSlaHours;
  const attention = [...states.entries()].filter(([, s]) => s === "rejected" || s === "expired").map(([item]) => item);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-slate-600">
          {t.rich("signedInAs", { email: user.email, strong: (chunks) => <span className="font-medium">{chunks}</span> })}{" "}
          <span className="font-mono" data-testid="user-ocid">
            {user.ocid}
          </span>
        </p>
        <p className="text-sm text-slate-600" data-testid="summary">
          {t("summary", { verified: count("verified"), total: ITEMS.length, pending: count("pending") })}
          {missing > 0 ? t("summaryMissing", { missing }) : ""}
        </p>
      </div>

      {typeof submitted === "string" && isItem(submitted) ? <SubmissionNotice item={submitted} state={states.get(submitted)!} reviewHours={reviewHours} /> : null}
      <JourneySteps journey={journey} reviewHours={reviewHours} />

      {attention.length > 0 ? (
        <div role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">{t("attentionTitle")}</p>
          <p className="mt-1">{t("attentionBody", { items: attention.map(label).join(", "), count: attention.length })}</p>
        </div>
      ) : null}

      {GROUPS.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`} className="space-y-3">
          <div>
            <h2 id={`group-${group.key}`} className="text-lg font-semibold tracking-tight">
              {t(`group_${group.key}`)}
            </h2>
            <p className="text-sm text-slate-600">{t(`group_${group.key}Body`)}</p>
          </div>
          <Card padding="none">
            <ul className="divide-y divide-slate-200">
              {group.items.map((item) => {
                const stored = items.get(item);
                const state = states.get(item)!;
                const next = nextStep(item, state);
                const step = next ? t(`step.${next}`) : null;
                const expires = stored?.state === "verified" ? dateOf(stored.expiresAt) : null;
                return (
                  <li key={item} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid={`item-${item}`}>
                    <div className="min-w-0 space-y-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <h3 className="font-medium">{label(item)}</h3>
                        <ItemStateBadge state={state} actionNeeded={stored?.rejectionReason === RESUBMISSION_REASON} />
                      </div>
                      {state !== "missing" && stored?.value != null ? <p className="text-sm text-slate-800">{previewItem(item, stored.value, locale)}</p> : null}
                      <p className="text-sm text-slate-600">{t("howVerified", { how: itemText(`${item}.howVerified`) })}</p>
                      {state === "rejected" ? <DecisionReason reason={stored?.rejectionReason ?? null} note={stored?.noteToUser ?? null} /> : null}
                      {state === "expired" ? (
                        <p className="text-sm text-orange-800">{t("expiredOn", { date: dateOf(stored?.expiresAt ?? null) ?? "—" })}</p>
                      ) : null}
                      {state === "verified" && expires ? <p className="text-xs text-slate-500">{t("validUntil", { date: expires })}</p> : null}
                    </div>
                    {step ? (
                      <Button
                        href={item === "email" ? "/signin?callbackUrl=%2Faccount" : `/account/items/${item}`}
                        variant={state === "verified" || state === "pending" ? "secondary" : "primary"}
                        size="sm"
                        className="shrink-0 self-start"
                        aria-label={`${step}: ${label(item)}`}
                      >
                        {step}
                      </Button>
                    ) : item === "aml" && state !== "missing" ? (
                      <Button href="/account/items/aml" variant="secondary" size="sm" className="shrink-0 self-start">
                        {t("details")}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </Card>
        </section>
      ))}

      <Card id="notifications" title={t("notificationsTitle")} headingId="notifications-title">
        <p className="mb-3 text-sm text-slate-600">{t("notificationsIntro")}</p>
        <NotificationPreferencesForm preferences={preferences} />
      </Card>

      <Card title={t("deleteTitle")} headingId="danger">
        <p className="text-sm text-slate-600">{t("deleteIntro")}</p>
        <Link href="/account/delete" className="mt-3 inline-block text-sm font-medium text-red-700 underline-offset-2 hover:underline">
          {t("deleteLink")}
        </Link>
      </Card>
    </div>
  );
}
