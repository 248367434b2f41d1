import type { Metadata } from "next";

import { ItemStateBadge } from "@/components/kyc/item-state-badge";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { effectiveState, getItems } from "@/lib/kyc/item-store";
import { ITEM_INFO, ITEMS } from "@/lib/kyc/items";

export const metadata: Metadata = { title: "Your identity" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const items = await getItems(await getDb(), user.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your identity</h1>
        <p className="mt-1 text-slate-600">
          Signed in as <span className="font-medium">{user.email}</span> · your OCID is{" "}
          <span className="font-mono" data-testid="user-ocid">
            {user.ocid}
          </span>
        </p>
      </div>
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Identity items">
        {ITEMS.map((item) => {
          const stored = items.get(item);
          const state = stored ? effectiveState(stored) : "missing";
          return (
            <li key={item} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid={`item-${item}`}>
              <div className="min-w-0">
                <h2 className="font-medium">{ITEM_INFO[item].label}</h2>
                <p className="text-sm text-slate-600">{ITEM_INFO[item].shares}</p>
                {state === "rejected" && stored?.noteToUser ? <p className="mt-1 text-sm text-red-700">{stored.noteToUser}</p> : null}
              </div>
              <ItemStateBadge state={state} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
