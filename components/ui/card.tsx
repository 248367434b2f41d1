import { useId } from "react";

const PADDINGS = { none: "", md: "p-4 sm:p-5 ", lg: "p-6 sm:p-8 " } as const;

/**
 * A white bordered panel. With a `title` it is a section named by its heading (`headingId`
 * when a link points at the heading), with `actions` (links, buttons) at the heading's end.
 * `padding="none"` is for a panel of rows that carry their own; `"lg"` gives more room to the
 * one panel a page is made of (sign-in, a problem).
 */
export function Card({
  title,
  headingId,
  actions,
  tone = "default",
  padding = "md",
  className,
  children,
  ...attributes
}: { title?: React.ReactNode; headingId?: string; actions?: React.ReactNode; tone?: "default" | "danger"; padding?: keyof typeof PADDINGS } & React.HTMLAttributes<HTMLElement>) {
  const generatedId = useId();
  const heading = headingId ?? generatedId;
  const frame = `rounded-xl border ${PADDINGS[padding]}${tone === "danger" ? "border-red-200 bg-red-50 text-red-900" : "border-slate-200 bg-white"}${className ? ` ${className}` : ""}`;
  if (title === undefined) {
    return (
      <div className={frame} {...attributes}>
        {children}
      </div>
    );
  }
  return (
    <section aria-labelledby={heading} className={frame} {...attributes}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={heading} className="text-lg font-medium">
          {title}
        </h2>
        {actions ? <div className="flex flex-wrap items-center gap-2 text-sm">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** What stands where a list or table has nothing to show. */
export function EmptyState({ children, ...attributes }: React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600" {...attributes}>
      {children}
    </div>
  );
}
