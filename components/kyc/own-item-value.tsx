import { countryName } from "@/lib/items/countries";
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

function DocumentThumb({ id, label }: { id: string; label: string }) {
  const href = `/account/documents/${id}`;
  return (
    <a href={href} target="_blank" rel="noreferrer" className="block w-40 overflow-hidden rounded-lg border border-slate-200 hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600">
      {/* eslint-disable-next-line @next/next/no-img-element -- private, uncached image */}
      <img src={href} alt={label} className="h-28 w-full bg-slate-50 object-contain" />
      <span className="block px-2 py-1 text-xs text-slate-600">{label} · open</span>
    </a>
  );
}

export function OwnItemValue({ item, value }: { item: Item; value: unknown }) {
  if (value === null || value === undefined) return null;
  const v = (typeof value === "object" ? value : {}) as Value;
  const images = (v.images ?? {}) as Record<string, string>;
  const rows: [string, React.ReactNode][] = [];
  switch (item) {
    case "name":
      rows.push(["First name(s)", str(v.first_name)], ["Last name", str(v.last_name)], ["Full name", str(v.full_name)]);
      break;
    case "email":
    case "phone":
    case "date_of_birth":
      rows.push(["Value", str(value)]);
      break;
    case "nationality":
      rows.push(["Country", country(value)]);
      break;
    case "address":
      rows.push(["Address", [v.street, v.city, v.state, v.postal_code, country(v.country)].filter(Boolean).map(str).join(", ")]);
      break;
    case "id_card":
    case "passport":
    case "driver_license":
      rows.push(["Number", <span key="n" className="font-mono">{str(v.number)}</span>], ["Issuing country", country(v.country)], ["Issued", str(v.issued_at)], ["Expires", str(v.expires_at)]);
      if (v.mrz) rows.push(["MRZ", <pre key="m" className="overflow-x-auto font-mono text-xs">{str(v.mrz)}</pre>]);
      break;
    case "proof_of_address":
      rows.push(["Kind", str(v.type).replace(/_/g, " ")], ["Dated", str(v.issued_at)]);
      break;
    case "aml":
      rows.push(["Result", v.status === "clear" ? "No match" : "Possible match, being reviewed"], ["Checked", str(v.checked_at).slice(0, 16).replace("T", " ")], ["List version", str(v.list)]);
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
            <DocumentThumb key={id} id={id} label={side === "selfie" ? "Your selfie" : side === "page" ? "Document" : side === "front" ? "Front" : "Back"} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
