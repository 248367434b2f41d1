import Link from "next/link";

/** A page's title, with the way back to its list above it, a sentence on what it is for, and actions at its end. */
export function PageHeader({
  title,
  back,
  description,
  actions,
  children,
}: {
  title: React.ReactNode;
  back?: { href: string; label: string };
  description?: React.ReactNode;
  actions?: React.ReactNode;
  /** More under the description: facts about the thing shown, a warning. */
  children?: React.ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        {back ? (
          <Link href={back.href} className="text-sm text-brand-700 underline hover:text-brand-900">
            ← {back.label}
          </Link>
        ) : null}
        <h1 className={`${back ? "mt-1 " : ""}text-2xl font-semibold tracking-tight break-words`}>{title}</h1>
        {description ? <div className="mt-1 max-w-3xl text-slate-600">{description}</div> : null}
        {children}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
