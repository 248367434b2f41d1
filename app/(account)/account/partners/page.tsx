import type { Metadata } from "next";
import Link from "next/link";

import { AccessHistory } from "@/components/consent/access-history";
import { DecisionBadge } from "@/components/consent/decision-badge";
import { RegrantButton } from "@/components/consent/regrant-button";
import { RevokeButton } from "@/components/consent/revoke-button";
import { Time } from "@/components/consent/time";
import { requireUser } from "@/lib/auth/session";
import { listConnectedPartners } from "@/lib/consent/connected-partners";
import { listReceipts } from "@/lib/consent/receipts";
import { getDb } from "@/lib/db/client";
import { ITEM_INFO } from "@/lib/items/items";

export const metadata: Metadata = { title: "Connected partners" };

export default async function ConnectedPartnersPage() {
  const user = await requireUser("/account/partners");
  const db = await getDb();
  const [connected, receipts] = await Promise.all([listConnectedPartners(db, user.id), listReceipts(db, user.id)]);
  const partnerNames = new Map(connected.map((partner) => [partner.ocid, partner.name]));

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Connected partners</h1>
        <p className="mt-1 text-slate-600">Who can see what. Take anything back at any time: from their next request on, they see it as restricted.</p>
      </div>

      {connected.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          You have not shared anything with a partner yet. When a partner asks, you decide item by item on Attest&apos;s consent page.
        </p>
      ) : (
        connected.map((partner) => {
          const anyGranted = partner.items.some((item) => item.decision === "granted");
          return (
            <section
              key={partner.ocid}
              aria-labelledby={`partner-${partner.ocid}`}
              className="rounded-xl border border-slate-200 bg-white shadow-sm"
              data-testid={`partner-${partner.ocid}`}
            >
              <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 p-4">
                <div>
                  <h2 id={`partner-${partner.ocid}`} className="text-lg font-semibold">
                    {partner.name}
                  </h2>
                  <p className="text-sm text-slate-600">
                    OCID {partner.ocid} · last accessed your data: <Time value={partner.lastAccessedAt} empty="not yet" />
                    {partner.suspended ? " · suspended by Attest" : ""}
                  </p>
                </div>
                {anyGranted ? (
                  <RevokeButton
                    partnerOcid={partner.ocid}
                    label="Revoke all"
                    accessibleLabel={`Revoke all items shared with ${partner.name}`}
                    confirm={`Stop sharing everything with ${partner.name}?`}
                  />
                ) : null}
              </div>
              <ul className="divide-y divide-slate-200">
                {partner.items.map((item) => (
                  <li key={item.item} className="flex items-center justify-between gap-3 px-4 py-3" data-testid={`grant-${partner.ocid}-${item.item}`}>
                    <div className="min-w-0">
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="font-medium">{ITEM_INFO[item.item].label}</span>
                        <DecisionBadge decision={item.decision} />
                      </div>
                      <p className="text-sm text-slate-600">
                        {item.decision === "granted" ? (
                          <>
                            Granted <Time value={item.grantedAt} />
                          </>
                        ) : (
                          <>
                            {item.decision === "denied" ? "Denied" : "Revoked"} <Time value={item.decidedAt} />
                          </>
                        )}{" "}
                        · last accessed <Time value={item.lastAccessedAt} empty="not yet" />
                      </p>
                    </div>
                    {item.decision === "granted" ? (
                      <RevokeButton
                        partnerOcid={partner.ocid}
                        item={item.item}
                        label="Revoke"
                        accessibleLabel={`Revoke ${ITEM_INFO[item.item].label} from ${partner.name}`}
                      />
                    ) : (
                      <RegrantButton partnerOcid={partner.ocid} item={item.item} accessibleLabel={`Share again: ${ITEM_INFO[item.item].label} with ${partner.name}`} />
                    )}
                  </li>
                ))}
              </ul>
              <AccessHistory partnerOcid={partner.ocid} partnerName={partner.name} accesses={partner.accesses} />
            </section>
          );
        })
      )}

      <section aria-labelledby="receipts" className="space-y-3">
        <h2 id="receipts" className="text-lg font-semibold">
          Consent receipts
        </h2>
        <p className="text-sm text-slate-600">Each decision you make, on a consent page or here (taking access back, sharing again), yields a receipt signed by Attest, which you can keep and check.</p>
        {receipts.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No receipts yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm">
            {receipts.map((receipt) => (
              <li key={receipt.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="receipt">
                <div className="min-w-0 text-sm">
                  <p className="font-medium">
                    {partnerNames.get(receipt.partnerOcid) ?? receipt.signed.partner.name} · <Time value={receipt.createdAt} />
                  </p>
                  <p className="text-slate-600">
                    {receipt.revoked.length > 0 && receipt.granted.length === 0 ? "Access taken back" : `Shared: ${receipt.granted.length > 0 ? receipt.granted.map((item) => ITEM_INFO[item].label).join(", ") : "nothing"}`}
                    {receipt.denied.length > 0 ? ` · Denied: ${receipt.denied.map((item) => ITEM_INFO[item].label).join(", ")}` : ""}
                    {receipt.revoked.length > 0 ? ` · Revoked: ${receipt.revoked.map((item) => ITEM_INFO[item].label).join(", ")}` : ""}
                  </p>
                </div>
                <div className="flex gap-3 text-sm font-medium">
                  <Link href={`/account/receipts/${receipt.id}`} className="text-brand-700 hover:underline">
                    View
                  </Link>
                  <a href={`/account/receipts/${receipt.id}/download`} download className="text-brand-700 hover:underline">
                    Download JSON
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
