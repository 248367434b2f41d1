/**
 * The partner's icon as Attest serves it (lib/ocn/partner-icon.ts), or its initial when it
 * has none: the browser never fetches from the partner, which would tell it who is looking.
 */
export function PartnerAvatar({ name, iconUrl }: { name: string; iconUrl: string | null }) {
  if (iconUrl) {
    // eslint-disable-next-line @next/next/no-img-element -- Attest's copy of an icon of unknown size; next/image adds nothing here
    return <img src={iconUrl} alt="" width={48} height={48} className="h-12 w-12 shrink-0 rounded-xl border border-slate-200 bg-white object-contain" />;
  }
  const initial = [...name.trim()][0]?.toUpperCase() ?? "?";
  return (
    <span aria-hidden="true" className="flex h-12 w-12 shrink-0 items-center justify-center rounded-xl bg-brand-100 text-xl font-semibold text-brand-900">
      {initial}
    </span>
  );
}
