/** An item's typed fields as a definition list; images and the MRZ are shown elsewhere. */
const LABELS: Record<string, string> = {
  first_name: "First name",
  last_name: "Last name",
  full_name: "Full name",
  number: "Number",
  country: "Country",
  issued_at: "Issued",
  expires_at: "Expires",
  street: "Street",
  city: "City",
  state: "Region",
  postal_code: "Postal code",
  type: "Kind",
  status: "Status",
  checked_at: "Checked",
  list: "List",
};

export function ItemValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <p className="text-sm text-slate-500">No value stored.</p>;
  if (typeof value !== "object") return <p className="font-mono text-sm">{String(value)}</p>;
  const entries = Object.entries(value as Record<string, unknown>).filter(([key, v]) => key !== "images" && key !== "mrz" && (typeof v !== "object" || v === null));
  if (entries.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {entries.map(([key, v]) => (
        <div key={key} className="contents">
          <dt className="text-slate-500">{LABELS[key] ?? key}</dt>
          <dd className="font-mono break-all">{v === "" || v === null ? "—" : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
