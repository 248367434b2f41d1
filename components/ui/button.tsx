import Link from "next/link";

/**
 * `quiet`: a text-only button beside a stronger one, such as Cancel. `strong`: the other side of
 * a choice that must weigh as much as the primary one (not sharing beside sharing). `destructive`:
 * the last confirmation of what cannot be undone.
 */
export type ButtonVariant = "primary" | "secondary" | "strong" | "danger" | "destructive" | "quiet";
/** `lg`: a full-height touch target, for the decision a page exists for. */
export type ButtonSize = "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  strong: "bg-slate-800 text-white hover:bg-slate-900",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  destructive: "bg-red-700 text-white hover:bg-red-800",
  quiet: "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
};
const SIZES: Record<ButtonSize, string> = { sm: "px-3 py-1.5 text-sm", md: "px-4 py-2", lg: "px-4 py-3" };

/** The class of a button or of a link drawn as one, for the few controls that are neither (a file input, a summary). */
export function buttonClass({ variant = "primary", size = "md", className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return [
    "inline-flex items-center justify-center gap-1.5 rounded-md font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-60",
    VARIANTS[variant],
    SIZES[size],
    className,
  ]
    .filter(Boolean)
    .join(" ");
}

type Look = { variant?: ButtonVariant; size?: ButtonSize };
type AsButton = Look & React.ButtonHTMLAttributes<HTMLButtonElement> & { href?: undefined };
type AsLink = Look & Omit<React.ComponentProps<typeof Link>, "href"> & { href: string };

/**
 * Attest's one button, on the person's pages and in the console: a `<button>` (type "button" unless said otherwise, so it never
 * submits a form by accident), or a link that looks like one when given `href`.
 */
export function Button(props: AsButton | AsLink) {
  if (props.href !== undefined) {
    const { variant, size, className, href, ...link } = props;
    return <Link href={href} className={buttonClass({ variant, size, className })} {...link} />;
  }
  const { variant, size, className, type = "button", ...button } = props;
  return <button type={type} className={buttonClass({ variant, size, className })} {...button} />;
}
