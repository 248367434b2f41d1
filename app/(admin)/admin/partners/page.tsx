import type { Metadata } from "next";
import Link from "next/link";

import { PartnerForm } from "@/components/admin/partner-form";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listPartners } from "@/lib/ocn/partner-registry";

export const metadata: Metadata = { title: "Partners" };

export default async function PartnersPage() {
  await requireStaff("partners.manage", "/admin/partners");
  const partners = await listPartners(await getDb());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Partners</h1>
        <p className="mt-1 text-slate-600">OCN entities allowed to ask people for their data.</p>
      </div>
      {partners.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No partner registered yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Registered partners">
          {partners.map((partner) => (
            <li key={partner.ocid} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="partner">
              <div className="min-w-0">
                <Link href={`/admin/partners/${partner.ocid}`} className="font-medium text-brand-700 hover:underline">
                  {partner.name}
                </Link>
                <p className="truncate text-sm text-slate-600">
                  OCID {partner.ocid} · {partner.metadataUrl}
                </p>
              </div>
              <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${partner.status === "active" ? "bg-emerald-50 text-emerald-800 ring-emerald-300" : "bg-red-50 text-red-800 ring-red-300"}`}>
                {partner.status}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Register a partner</h2>
        <PartnerForm mode="register" />
      </section>
    </div>
  );
}
