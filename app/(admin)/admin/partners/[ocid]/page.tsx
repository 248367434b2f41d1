import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";

import { PartnerForm, PartnerStatusForm } from "@/components/admin/partner-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getPartner } from "@/lib/ocn/partner-registry";

export const metadata: Metadata = { title: "Partner" };

type Props = { params: Promise<{ ocid: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PartnerPage({ params, searchParams }: Props) {
  await requireStaff("partners.manage", "/admin/partners");
  const ocid = z.coerce.number().int().positive().max(2_147_483_647).safeParse((await params).ocid);
  if (!ocid.success) notFound();
  const partner = await getPartner(await getDb(), ocid.data);
  if (!partner) notFound();
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
    </div>
  );
}
