import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";

import { PartnerForm, PartnerStatusForm } from "@/components/admin/partner-form";
import { OwnerEndpoints } from "@/components/admin/webhooks/owner-endpoints";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listEndpoints } from "@/lib/events/endpoints";
import { getPartner } from "@/lib/ocn/partner-registry";

export const metadata: Metadata = { title: "Partner" };

type Props = { params: Promise<{ ocid: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PartnerPage({ params, searchParams }: Props) {
  const staff = await requireStaff("partners.manage", "/admin/partners");
  const ocid = z.coerce.number().int().positive().max(2_147_483_647).safeParse((await params).ocid);
  if (!ocid.success) notFound();
  const db = await getDb();
  const partner = await getPartner(db, ocid.data);
  if (!partner) notFound();
  const endpoints = can(staff.role, "webhooks.manage") ? await listEndpoints(db, { partnerOcid: partner.ocid }) : null;
  const saved = (await searchParams).saved === "1";
  const suspended = partner.status === "suspended";
  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <>
            {partner.name} <span className="text-slate-500">· OCID {partner.ocid}</span>
          </>
        }
        back={{ href: "/admin/partners", label: "Partners" }}
        actions={<PartnerStatusForm ocid={partner.ocid} suspended={suspended} />}
      >
        <p className="mt-1 text-slate-600" data-testid="partner-status">
          Status: {partner.status}
        </p>
      </PageHeader>
      {saved ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
          Registered: metadata fetched and its signature verified.
        </p>
      ) : null}
      <PartnerForm
        mode="update"
        initial={{
          ocid: partner.ocid,
          name: partner.name,
          metadataUrl: partner.metadataUrl,
          callbackOrigins: partner.callbackOrigins,
          allowedGrants: partner.allowedGrants,
          fullDocumentNumbers: partner.fullDocumentNumbers,
          retentionNote: partner.retentionNote,
          itemPurposes: partner.itemPurposes,
          rateLimitPerMinute: partner.rateLimitPerMinute,
        }}
      />
      {endpoints ? <OwnerEndpoints endpoints={endpoints} addHref={`/admin/webhooks?owner=partner:${partner.ocid}`} /> : null}
    </div>
  );
}
