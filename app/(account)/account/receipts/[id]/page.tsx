import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Time } from "@/components/consent/time";
import { requireUser } from "@/lib/auth/session";
import { getReceipt } from "@/lib/consent/receipts";
import { verifyReceipt } from "@/lib/consent/verify-receipt";
import { getDb } from "@/lib/db/client";
import { ITEM_INFO } from "@/lib/items/items";
import { providerPublicKey } from "@/lib/ocn/provider";

export const metadata: Metadata = { title: "Consent receipt" };

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/account/receipts/${encodeURIComponent(id)}`);
  const receipt = await getReceipt(await getDb(), user.id, id);
  if (!receipt) notFound();
  const signed = receipt.signed;
  const valid = verifyReceipt(signed, providerPublicKey());
  const list = (items: string[]) => (items.length > 0 ? items.map((item) => ITEM_INFO[item as keyof typeof ITEM_INFO]?.label ?? item).join(", ") : "nothing");

  return (
    <div className="space-y-6">
      <div>
        <Link href="/account/partners" className="text-sm font-medium text-brand-700 hover:underline">
          ← Connected partners
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Consent receipt</h1>
      </div>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <dl className="grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Partner</dt>
            <dd className="font-medium">
              {signed.partner.name} (OCID {signed.partner.ocid})
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Decided</dt>
            <dd className="font-medium">
              <Time value={new Date(signed.issued_at * 1000)} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Shared</dt>
            <dd className="font-medium" data-testid="receipt-granted">{list(signed.granted)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Denied</dt>
            <dd className="font-medium" data-testid="receipt-denied">{list(signed.denied)}</dd>
          </div>
          {signed.revoked ? (
            <div>
              <dt className="text-slate-600">Access taken back</dt>
              <dd className="font-medium" data-testid="receipt-revoked">{list(signed.revoked)}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-slate-600">Your OCID · provider OCID</dt>
            <dd className="font-mono">
              {signed.user_ocid} · {signed.provider}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Signature</dt>
            <dd className={valid ? "font-medium text-emerald-800" : "font-medium text-red-700"} data-testid="receipt-signature-status">
              {valid ? "Valid: signed by this Attest instance" : "Does not verify"}
            </dd>
          </div>
        </dl>
        <a
          href={`/account/receipts/${receipt.id}/download`}
          download
          className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Download JSON
        </a>
      </section>
      <section className="space-y-2 text-sm text-slate-600">
        <h2 className="text-base font-semibold text-slate-900">Checking it yourself</h2>
        <p>
          The signature is an OCN secp256k1 signature over the SHA-256 of the receipt in canonical JSON (RFC 8785), without its{" "}
          <code className="font-mono">signature</code> field. Check it against the <code className="font-mono">publicKey</code> in Attest&apos;s{" "}
          <a className="text-brand-700 underline" href="/metadata.json">
            metadata
          </a>
          .
        </p>
        {/* Focusable so a keyboard can scroll it sideways; a region so the label is announced. */}
        <pre
          tabIndex={0}
          role="region"
          aria-label="The signed receipt as JSON"
          className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        >{JSON.stringify(signed, null, 2)}</pre>
      </section>
    </div>
  );
}
