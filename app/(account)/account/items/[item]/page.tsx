import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ContinueOnPhone } from "@/components/kyc/continue-on-phone";
import { DeclaredItemForm } from "@/components/kyc/declared-item-form";
import { DocumentForm } from "@/components/kyc/document-form";
import { DecisionReason } from "@/components/kyc/decision-reason";
import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { OwnItemValue } from "@/components/kyc/own-item-value";
import { PhoneForm } from "@/components/kyc/phone-form";
import { SelfieCapture } from "@/components/kyc/selfie-capture";
import { WithdrawForm } from "@/components/kyc/withdraw-form";
import { requireUser } from "@/lib/auth/session";
import { consentReturnPath } from "@/lib/http/return-path";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { countryOptions } from "@/lib/items/countries";
import { itemStatusOf } from "@/lib/items/item-status";
import { effectiveState, getItem } from "@/lib/items/store";
import { DECLARED_ITEMS, DOCUMENT_ITEMS, ITEM_INFO, isItem, type DeclaredItem, type DocumentItem } from "@/lib/items/items";
import { NOT_WITHDRAWABLE } from "@/lib/account/lifecycle";
import { STATE_EXPLANATIONS } from "@/lib/items/next-step";
import { pendingPhoneCode } from "@/lib/phone/codes";
import { RESUBMISSION_REASON } from "@/lib/review/schemas";

type Params = { params: Promise<{ item: string }> };
type Search = { searchParams: Promise<{ return?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { item } = await params;
  return { title: isItem(item) ? ITEM_INFO[item].label : "Not found" };
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
  const info = ITEM_INFO[item];
  const countries = isDeclared(item) || isDocument(item) ? countryOptions() : [];
  const waiting = item === "phone" ? await pendingPhoneCode(db, user.id) : null;

  return (
    <div className="max-w-2xl space-y-6">
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <Link href="/account" className="text-sm font-medium text-brand-700 hover:underline">
          ← All items
        </Link>
        {backToRequest ? (
          <Link href={backToRequest} className="text-sm font-medium text-brand-700 hover:underline" data-testid="back-to-request">
            ← Back to the sharing request
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
          <span className="font-medium text-slate-800">Partners you allow receive:</span> {info.shares.charAt(0).toLowerCase() + info.shares.slice(1)}.
        </p>
      </div>

      {state === "rejected" ? (
        <div role="status" className={`space-y-1 rounded-xl border p-4 text-sm ${stored?.rejectionReason === RESUBMISSION_REASON ? "border-amber-200 bg-amber-50" : "border-red-200 bg-red-50"}`}>
          <p className="font-medium">{stored?.rejectionReason === RESUBMISSION_REASON ? "Action needed" : "Not accepted"}</p>
          <DecisionReason reason={stored?.rejectionReason ?? null} note={stored?.noteToUser ?? null} />
          <p>You can provide it again below.</p>
        </div>
      ) : null}
      {state === "expired" ? (
        <div role="status" className="rounded-xl border border-orange-200 bg-orange-50 p-4 text-sm text-orange-900">
          {STATE_EXPLANATIONS.expired}. Partners see it as missing until it is verified again.
        </div>
      ) : null}

      {stored && state !== "missing" ? (
        <section aria-labelledby="current" className="rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="current" className="mb-2 font-medium">
            What we have
          </h2>
          <OwnItemValue item={item} value={stored.value} />
        </section>
      ) : null}

      {item === "email" || item === "aml" ? null : (
        <section aria-labelledby="provide" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
          <h2 id="provide" className="font-medium">
            {state === "missing" ? "Provide it" : "Change it"}
          </h2>
          {state === "verified" || state === "pending" ? (
            <p className="text-sm text-slate-600">A change goes back to review; partners see it as pending until a reviewer decides.</p>
          ) : null}
          {isDeclared(item) ? <DeclaredItemForm item={item} current={stored?.value ?? null} countries={countries} /> : null}
          {item === "phone" ? <PhoneForm current={typeof stored?.value === "string" ? stored.value : undefined} waitingFor={waiting?.phone} /> : null}
          {isDocument(item) ? <DocumentForm item={item} countries={countries} readsPhotos={getEnv().checks} /> : null}
          {isDocument(item) ? <ContinueOnPhone item={item} status={itemStatusOf(item, stored)} /> : null}
          {item === "liveness" ? <SelfieCapture /> : null}
        </section>
      )}

      {item === "email" ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
          Your email address is verified each time you sign in with the link we send to it. To use another address, sign in with that address.
        </p>
      ) : null}
      {item === "aml" ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
          We screen your name and date of birth against the sanctions list automatically, whenever either changes and whenever a new list is loaded.
          {state === "missing" ? " Add your name to be screened." : ""}
        </p>
      ) : null}

      {stored && state !== "missing" && !NOT_WITHDRAWABLE.has(item) ? (
        <section aria-labelledby="withdraw" className="space-y-2 rounded-xl border border-slate-200 bg-white p-4">
          <h2 id="withdraw" className="font-medium">
            Withdraw
          </h2>
          <p className="text-sm text-slate-600">Erases this item and its files. Partners see it as missing from their next request.</p>
          <WithdrawForm item={item} label={info.label} />
        </section>
      ) : null}
    </div>
  );
}
