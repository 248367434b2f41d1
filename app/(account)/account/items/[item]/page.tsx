import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";

import { ContinueOnPhone } from "@/components/kyc/continue-on-phone";
import { DeclaredItemForm } from "@/components/kyc/declared-item-form";
import { DocumentForm } from "@/components/kyc/document-form";
import { DecisionReason } from "@/components/kyc/decision-reason";
import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { OwnItemValue } from "@/components/kyc/own-item-value";
import { PhoneForm } from "@/components/kyc/phone-form";
import { SelfieCapture } from "@/components/kyc/selfie-capture";
import { WithdrawForm } from "@/components/kyc/withdraw-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { consentReturnPath } from "@/lib/http/return-path";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { localizedCountryOptions } from "@/lib/items/country-names";
import { itemStatusOf } from "@/lib/items/item-status";
import { effectiveState, getItem } from "@/lib/items/store";
import { DECLARED_ITEMS, DOCUMENT_ITEMS, isItem, type DeclaredItem, type DocumentItem } from "@/lib/items/items";
import { NOT_WITHDRAWABLE } from "@/lib/account/lifecycle";
import { pendingPhoneCode } from "@/lib/phone/codes";
import { RESUBMISSION_REASON } from "@/lib/review/schemas";

type Params = { params: Promise<{ item: string }> };
type Search = { searchParams: Promise<{ return?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { item } = await params;
  return { title: isItem(item) ? (await getTranslations("items"))(`${item}.label`) : (await getTranslations("problem"))("notFoundMeta") };
}

const isDeclared = (item: string): item is DeclaredItem => (DECLARED_ITEMS as readonly string[]).includes(item);
const isDocument = (item: string): item is DocumentItem => (DOCUMENT_ITEMS as readonly string[]).includes(item);

export default async function ItemPage({ params, searchParams }: Params & Search) {
  const { item } = await params;
  const backToRequest = consentReturnPath((await searchParams).return);
  if (!isItem(item)) notFound();
  const user = await requireUser(`/account/items/${item}`);
  const db = await getDb();
  const stored = await getItem(db, user.id, item);
  const state = stored ? effectiveState(stored) : "missing";
  const [t, items] = await Promise.all([getTranslations("item"), getTranslations("items")]);
  const info = { label: items(`${item}.label`), howVerified: items(`${item}.howVerified`), shares: items(`${item}.shares`) };
  const countries = isDeclared(item) || isDocument(item) ? localizedCountryOptions(await getLocale()) : [];
  const waiting = item === "phone" ? await pendingPhoneCode(db, user.id) : null;

  return (
    <div className="max-w-2xl space-y-6">
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <Link href="/account" className="text-sm font-medium text-brand-700 hover:underline">
          {t("allItems")}
        </Link>
        {backToRequest ? (
          <Link href={backToRequest} className="text-sm font-medium text-brand-700 hover:underline" data-testid="back-to-request">
            {t("backToRequest")}
          </Link>
        ) : null}
      </div>
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{info.label}</h1>
          <ItemStateBadge state={state} actionNeeded={stored?.rejectionReason === RESUBMISSION_REASON} />
        </div>
        <p className="text-slate-600">{info.howVerified}.</p>
        <p className="text-sm text-slate-600">
          <span className="font-medium text-slate-800">{t("partnersReceive")}</span> {info.shares}.
        </p>
      </div>

      {state === "rejected" ? (
        <div role="status" className={`space-y-1 rounded-xl border p-4 text-sm ${stored?.rejectionReason === RESUBMISSION_REASON ? "border-amber-200 bg-amber-50" : "border-red-200 bg-red-50"}`}>
          <p className="font-medium">{stored?.rejectionReason === RESUBMISSION_REASON ? t("actionNeeded") : t("notAccepted")}</p>
          <DecisionReason reason={stored?.rejectionReason ?? null} note={stored?.noteToUser ?? null} />
          <p>{t("provideBelow")}</p>
        </div>
      ) : null}
      {state === "expired" ? (
        <div role="status" className="rounded-xl border border-orange-200 bg-orange-50 p-4 text-sm text-orange-900">
          {t("expired")}
        </div>
      ) : null}

      {stored && state !== "missing" ? (
        <Card title={t("whatWeHave")} headingId="current">
          <OwnItemValue item={item} value={stored.value} />
        </Card>
      ) : null}

      {item === "email" || item === "aml" ? null : (
        <Card title={state === "missing" ? t("provide") : t("change")} headingId="provide">
          <div className="space-y-4">
            {state === "verified" || state === "pending" ? (
              <p className="text-sm text-slate-600">{t("changeGoesToReview")}</p>
            ) : null}
            {isDeclared(item) ? <DeclaredItemForm item={item} current={stored?.value ?? null} countries={countries} /> : null}
            {item === "phone" ? <PhoneForm current={typeof stored?.value === "string" ? stored.value : undefined} waitingFor={waiting?.phone} /> : null}
            {isDocument(item) ? <DocumentForm item={item} countries={countries} readsPhotos={getEnv().checks} /> : null}
            {isDocument(item) ? <ContinueOnPhone item={item} status={itemStatusOf(item, stored)} /> : null}
            {item === "liveness" ? <SelfieCapture /> : null}
          </div>
        </Card>
      )}

      {item === "email" ? (
        <Card className="text-sm text-slate-700">
          <p>{t("emailNote")}</p>
        </Card>
      ) : null}
      {item === "aml" ? (
        <Card className="text-sm text-slate-700">
          <p>
            {t("amlNote")}
            {state === "missing" ? t("amlAddName") : ""}
          </p>
        </Card>
      ) : null}

      {stored && state !== "missing" && !NOT_WITHDRAWABLE.has(item) ? (
        <Card title={t("withdraw")} headingId="withdraw">
          <div className="space-y-2">
            <p className="text-sm text-slate-600">{t("withdrawNote")}</p>
            <WithdrawForm item={item} label={info.label} />
          </div>
        </Card>
      ) : null}
    </div>
  );
}
