import Link from "next/link";
import { useTranslations } from "next-intl";

/** The site's one shape for "this did not work": a heading, a plain explanation, the ways on. */
export function ProblemCard({ title, children, actions, ...attributes }: { title: string; children: React.ReactNode; actions: React.ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div className="mx-auto max-w-xl rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" {...attributes}>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-2 text-slate-600">{children}</div>
      <div className="mt-6 flex flex-wrap gap-3">{actions}</div>
    </div>
  );
}

export function PrimaryLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
      {children}
    </Link>
  );
}

export function HomeLink() {
  const t = useTranslations("problem");
  return (
    <Link href="/" className="inline-block rounded-md border border-slate-300 px-4 py-2 font-medium text-slate-700 hover:bg-slate-50">
      {t("home")}
    </Link>
  );
}
