import Link from "next/link";
import { useTranslations } from "next-intl";

const AREAS = [
  { href: "/account", key: "account" },
  { href: "/demo", key: "demo" },
  { href: "/admin", key: "console" },
] as const;

export default function HomePage() {
  const t = useTranslations("home");
  const code = (href: string) => (
    <a className="font-mono text-brand-700 underline" href={href}>
      {href}
    </a>
  );
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight text-brand-900 sm:text-4xl">{t("title")}</h1>
        <p className="max-w-2xl text-lg text-slate-700">{t("intro")}</p>
      </section>
      <ul className="grid gap-4 sm:grid-cols-3">
        {AREAS.map((area) => (
          <li key={area.href}>
            <Link
              href={area.href}
              className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow"
            >
              <h2 className="font-semibold text-brand-700">{t(`${area.key}Title`)}</h2>
              <p className="mt-2 text-sm text-slate-600">{t(`${area.key}Body`)}</p>
            </Link>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        {t.rich("partners", { metadata: () => code("/metadata.json"), openapi: () => code("/openapi.json") })}
      </p>
    </div>
  );
}
