import { ITEM_INFO, isItem } from "@/lib/items/items";

/** The values a partner received from /kyc/data, document images included. */
export function KycDataView({ data }: { data: Record<string, unknown> }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-2" data-testid="kyc-data">
      {Object.entries(data).map(([item, value]) => (
        <div key={item} className="rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid={`data-${item}`}>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{isItem(item) ? ITEM_INFO[item].label : item}</dt>
          <dd className="mt-1 text-sm text-slate-900">
            <Value value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Value({ value }: { value: unknown }) {
  if (typeof value !== "object" || value === null) return <span className="break-words font-mono">{String(value)}</span>;
  const entries = Object.entries(value as Record<string, unknown>);
  const images = entries.filter(([key, v]) => /_url$/.test(key) && typeof v === "string");
  return (
    <div className="space-y-2">
      <ul className="space-y-0.5">
        {entries
          .filter(([key]) => !/_url$/.test(key))
          .map(([key, v]) => (
            <li key={key} className="flex flex-wrap gap-x-2">
              <span className="text-slate-500">{key}</span>
              <span className="break-all font-mono">{v === "" ? "—" : String(v)}</span>
            </li>
          ))}
      </ul>
      {images.map(([key, url]) => (
        <figure key={key} className="space-y-1">
          {/* A signed, short-lived URL from the provider: exactly what a gateway would fetch. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={url as string} alt={`${key.replace(/_url$/, "").replace("image", "document")} image`} className="max-h-48 rounded border border-slate-200 bg-white" />
          <figcaption className="text-xs text-slate-500">
            {key}: signed link, expires {expiryOf(url as string)}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

function expiryOf(url: string): string {
  const exp = Number(new URL(url).searchParams.get("exp"));
  return Number.isFinite(exp) && exp > 0 ? new Date(exp * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—";
}
