import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { Time } from "@/components/consent/time";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getReceipt } from "@/lib/consent/receipts";
import { verifyReceipt } from "@/lib/consent/verify-receipt";
import { getDb } from "@/lib/db/client";
import { isItem } from "@/lib/items/items";
import { providerPublicKey } from "@/lib/ocn/provider";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("receipt"))("metaTitle") };
}

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/account/receipts/${encodeURIComponent(id)}`);
  const receipt = await getReceipt(await getDb(), user.id, id);
  if (!receipt) notFound();
  const signed = receipt.signed;
  const valid = verifyReceipt(signed, providerPublicKey());
  const [t, itemText] = await Promise.all([getTranslations("receipt"), getTranslations("items")]);
  const list = (items: string[]) => (items.length > 0 ? items.map((item) => (isItem(item) ? itemText(`${item}.label`) : item)).join(", ") : t("nothing"));
  const code = (chunks: React.ReactNode) => <code className="font-mono">{chunks}</code>;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/account/partners" className="text-sm font-medium text-brand-700 hover:underline">
          {t("back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("title")}</h1>
      </div>
      <Card>
        <dl className="grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("partner")}</dt>
            <dd className="font-medium">
              {t("partnerValue", { name: signed.partner.name, ocid: String(signed.partner.ocid) })}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("decided")}</dt>
            <dd className="font-medium">
              <Time value={new Date(signed.issued_at * 1000)} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("shared")}</dt>
            <dd className="font-medium" data-testid="receipt-granted">{list(signed.granted)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("denied")}</dt>
            <dd className="font-medium" data-testid="receipt-denied">{list(signed.denied)}</dd>
          </div>
          {signed.revoked ? (
            <div>
              <dt className="text-slate-600">{t("takenBack")}</dt>
              <dd className="font-medium" data-testid="receipt-revoked">{list(signed.revoked)}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-slate-600">{t("ocids")}</dt>
            <dd className="font-mono">
              {signed.user_ocid} · {signed.provider}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("signature")}</dt>
            <dd className={valid ? "font-medium text-emerald-800" : "font-medium text-red-700"} data-testid="receipt-signature-status">
              {valid ? t("valid") : t("invalid")}
            </dd>
          </div>
        </dl>
        {/* A file, not a page: a plain link the browser downloads. */}
        <a href={`/account/receipts/${receipt.id}/download`} download className={buttonClass({ size: "sm", className: "mt-6" })}>
          {t("download")}
        </a>
      </Card>
      <section className="space-y-2 text-sm text-slate-600">
        <h2 className="text-base font-semibold text-slate-900">{t("checkTitle")}</h2>
        <p>
          {t.rich("checkBody", {
            code,
            link: (chunks) => (
              <a className="text-brand-700 underline" href="/metadata.json">
                {chunks}
              </a>
            ),
          })}
        </p>
        {/* Focusable so a keyboard can scroll it sideways; a region so the label is announced. */}
        <pre
          tabIndex={0}
          role="region"
          aria-label={t("jsonLabel")}
          className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >{JSON.stringify(signed, null, 2)}</pre>
      </section>
    </div>
  );
}
