import { useTranslations } from "next-intl";

import { countryName } from "@/lib/items/countries";
import { PROOF_OF_ADDRESS_TYPES } from "@/lib/items/document-values";
import type { Item } from "@/lib/items/items";

/** The person's own value in full, on their item page (the overview shows it masked). */
type Value = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const country = (code: unknown) => (typeof code === "string" ? (countryName(code) ?? code) : "");

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

const isProofType = (value: unknown): value is (typeof PROOF_OF_ADDRESS_TYPES)[number] => (PROOF_OF_ADDRESS_TYPES as readonly unknown[]).includes(value);

function DocumentThumb({ id, label }: { id: string; label: string }) {
  const t = useTranslations("forms");
  const href = `/account/documents/${id}`;
  return (
    <a href={href} target="_blank" rel="noreferrer" className="block w-40 overflow-hidden rounded-lg border border-slate-200 hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600">
      {/* eslint-disable-next-line @next/next/no-img-element -- private, uncached image */}
      <img src={href} alt={label} className="h-28 w-full bg-slate-50 object-contain" />
      <span className="block px-2 py-1 text-xs text-slate-600">{t("openThumb", { label })}</span>
    </a>
  );
}

export function OwnItemValue({ item, value }: { item: Item; value: unknown }) {
  const t = useTranslations("forms");
  if (value === null || value === undefined) return null;
  const v = (typeof value === "object" ? value : {}) as Value;
  const images = (v.images ?? {}) as Record<string, string>;
  const rows: [string, React.ReactNode][] = [];
  switch (item) {
    case "name":
      rows.push([t("firstName"), str(v.first_name)], [t("lastName"), str(v.last_name)], [t("fullName"), str(v.full_name)]);
      break;
    case "email":
    case "phone":
    case "date_of_birth":
      rows.push([t("value"), str(value)]);
      break;
    case "nationality":
      rows.push([t("country"), country(value)]);
      break;
    case "address":
      rows.push([t("address"), [v.street, v.city, v.state, v.postal_code, country(v.country)].filter(Boolean).map(str).join(", ")]);
      break;
    case "id_card":
    case "passport":
    case "driver_license":
      rows.push([t("number"), <span key="n" className="font-mono">{str(v.number)}</span>], [t("issuingCountry"), country(v.country)], [t("issued"), str(v.issued_at)], [t("expires"), str(v.expires_at)]);
      if (v.mrz) rows.push([t("mrz"), <pre key="m" className="overflow-x-auto font-mono text-xs">{str(v.mrz)}</pre>]);
      break;
    case "proof_of_address":
      rows.push([t("kind"), isProofType(v.type) ? t(`proof_${v.type}`) : str(v.type)], [t("dated"), str(v.issued_at)]);
      break;
    case "aml":
      rows.push([t("result"), v.status === "clear" ? t("noMatch") : t("possibleMatch")], [t("checked"), str(v.checked_at).slice(0, 16).replace("T", " ")], [t("listVersion"), str(v.list)]);
      break;
    case "liveness":
      break;
  }
  const pictures = Object.entries(images).filter(([, id]) => typeof id === "string");
  return (
    <div className="space-y-3">
      {rows.length > 0 ? (
        <dl className="divide-y divide-slate-100">
          {rows.map(([label, content]) => (
            <Row key={label} label={label}>
              {content}
            </Row>
          ))}
        </dl>
      ) : null}
      {pictures.length > 0 ? (
        <div className="flex flex-wrap gap-3">
          {pictures.map(([side, id]) => (
            <DocumentThumb key={id} id={id} label={side === "selfie" ? t("yourSelfie") : side === "page" ? t("document") : side === "front" ? t("front") : t("back")} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
