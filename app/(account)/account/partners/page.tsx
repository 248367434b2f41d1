import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { AccessHistory } from "@/components/consent/access-history";
import { DecisionBadge } from "@/components/consent/decision-badge";
import { RegrantButton } from "@/components/consent/regrant-button";
import { RevokeButton } from "@/components/consent/revoke-button";
import { Time } from "@/components/consent/time";
import { Card, EmptyState } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { listConnectedPartners } from "@/lib/consent/connected-partners";
import { listReceipts } from "@/lib/consent/receipts";
import { getDb } from "@/lib/db/client";
import type { Item } from "@/lib/items/items";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("partners"))("metaTitle") };
}

export default async function ConnectedPartnersPage() {
  const user = await requireUser("/account/partners");
  const db = await getDb();
  const [connected, receipts, t, items] = await Promise.all([listConnectedPartners(db, user.id), listReceipts(db, user.id), getTranslations("partners"), getTranslations("items")]);
  const label = (item: Item) => items(`${item}.label`);
  const labels = (list: readonly Item[]) => list.map(label).join(", ");
  const partnerNames = new Map(connected.map((partner) => [partner.ocid, partner.name]));

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-slate-600">{t("intro")}</p>
      </div>

      {connected.length === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        connected.map((partner) => {
          const anyGranted = partner.items.some((item) => item.decision === "granted");
          return (
            <section key={partner.ocid} aria-labelledby={`partner-${partner.ocid}`} data-testid={`partner-${partner.ocid}`}>
              <Card padding="none">
                <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 p-4">
                  <div>
                    <h2 id={`partner-${partner.ocid}`} className="text-lg font-semibold">
                      {partner.name}
                    </h2>
                    <p className="text-sm text-slate-600">
                      {t("partnerLine", { ocid: String(partner.ocid) })} <Time value={partner.lastAccessedAt} empty={t("notYet")} />
                      {partner.suspended ? t("suspended") : ""}
                    </p>
                  </div>
                  {anyGranted ? (
                    <RevokeButton
                      partnerOcid={partner.ocid}
                      label={t("revokeAll")}
                      accessibleLabel={t("revokeAllLabel", { partner: partner.name })}
                      confirm={t("revokeAllConfirm", { partner: partner.name })}
                    />
                  ) : null}
                </div>
                <ul className="divide-y divide-slate-200">
                  {partner.items.map((item) => (
                    <li key={item.item} className="flex items-center justify-between gap-3 px-4 py-3" data-testid={`grant-${partner.ocid}-${item.item}`}>
                      <div className="min-w-0">
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="font-medium">{label(item.item)}</span>
                          <DecisionBadge decision={item.decision} />
                        </div>
                        <p className="text-sm text-slate-600">
                          {item.decision === "granted" ? (
                            <>
                              {t("granted")} <Time value={item.grantedAt} />
                            </>
                          ) : (
                            <>
                              {item.decision === "denied" ? t("denied") : t("revoked")} <Time value={item.decidedAt} />
                            </>
                          )}{" "}
                          {t("lastAccessed")} <Time value={item.lastAccessedAt} empty={t("notYet")} />
                        </p>
                      </div>
                      {item.decision === "granted" ? (
                        <RevokeButton
                          partnerOcid={partner.ocid}
                          item={item.item}
                          label={t("revoke")}
                          accessibleLabel={t("revokeLabel", { item: label(item.item), partner: partner.name })}
                        />
                      ) : (
                        <RegrantButton partnerOcid={partner.ocid} item={item.item} accessibleLabel={t("shareAgainLabel", { item: label(item.item), partner: partner.name })} />
                      )}
                    </li>
                  ))}
                </ul>
                <AccessHistory partnerOcid={partner.ocid} partnerName={partner.name} accesses={partner.accesses} />
              </Card>
            </section>
          );
        })
      )}

      <section aria-labelledby="receipts" className="space-y-3">
        <h2 id="receipts" className="text-lg font-semibold">
          {t("receiptsTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("receiptsIntro")}</p>
        {receipts.length === 0 ? (
          <EmptyState>{t("noReceipts")}</EmptyState>
        ) : (
          <Card padding="none">
            <ul className="divide-y divide-slate-200">
              {receipts.map((receipt) => (
                <li key={receipt.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="receipt">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium">
                      {partnerNames.get(receipt.partnerOcid) ?? receipt.signed.partner.name} · <Time value={receipt.createdAt} />
                    </p>
                    <p className="text-slate-600">
                      {receipt.revoked.length > 0 && receipt.granted.length === 0 ? t("accessTakenBack") : t("sharedList", { items: receipt.granted.length > 0 ? labels(receipt.granted) : t("sharedNothing") })}
                      {receipt.denied.length > 0 ? t("deniedList", { items: labels(receipt.denied) }) : ""}
                      {receipt.revoked.length > 0 ? t("revokedList", { items: labels(receipt.revoked) }) : ""}
                    </p>
                  </div>
                  <div className="flex gap-3 text-sm font-medium">
                    <Link href={`/account/receipts/${receipt.id}`} className="text-brand-700 hover:underline">
                      {t("view")}
                    </Link>
                    <a href={`/account/receipts/${receipt.id}/download`} download className="text-brand-700 hover:underline">
                      {t("download")}
                    </a>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </section>
    </div>
  );
}
