import type { Metadata } from "next";
import Link from "next/link";

import { PartnerForm } from "@/components/admin/partner-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listPartners } from "@/lib/ocn/partner-registry";

export const metadata: Metadata = { title: "Partners" };

export default async function PartnersPage() {
  await requireStaff("partners.manage", "/admin/partners");
  const partners = await listPartners(await getDb());
  return (
    <div className="space-y-6">
      <PageHeader title="Partners" description="OCN entities allowed to ask people for their data." />
      {partners.length === 0 ? (
        <EmptyState>No partner registered yet.</EmptyState>
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
              <Badge tone={partner.status === "active" ? "success" : "danger"}>{partner.status}</Badge>
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
