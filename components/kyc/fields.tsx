"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

/** Labelled inputs with their message wired to aria-describedby, shared by the account forms. */
const INPUT =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-600";

type Common = { name: string; label: string; error?: string; hint?: ReactNode; className?: string };

function Message({ name, error, hint }: { name: string; error?: string; hint?: ReactNode }) {
  if (error)
    return (
      <p id={`${name}-error`} className="text-sm text-red-700">
        {error}
      </p>
    );
  return hint ? (
    <p id={`${name}-hint`} className="text-sm text-slate-600">
      {hint}
    </p>
  ) : null;
}

const describedBy = (name: string, error?: string, hint?: ReactNode) => (error ? `${name}-error` : hint ? `${name}-hint` : undefined);

export function TextField({
  name,
  label,
  error,
  hint,
  className,
  ...input
}: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)} className={INPUT} {...input} />
      <Message name={name} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField({ name, label, error, hint, className, ...input }: Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)} className={`${INPUT} font-mono`} {...input} />
      <Message name={name} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  error,
  hint,
  className,
  options,
  placeholder,
  ...select
}: Common & { options: { value: string; label: string }[]; placeholder?: string } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, hint)} className={INPUT} {...select}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Message name={name} error={error} hint={hint} />
    </div>
  );
}

export function FormMessage({ message, ok }: { message?: string; ok?: boolean }) {
  if (!message) return null;
  return (
    <p role={ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
      {message}
    </p>
  );
}

/**
 * What is wrong with a form, above its fields: focused when it appears so a screen reader
 * hears it and a keyboard starts from it, with a link per field that moves focus there.
 * Without field messages it is the form's own message (the server's, or its failure).
 */
export function ErrorSummary({ message, errors }: { message?: string; errors?: Record<string, string> }) {
  const t = useTranslations("forms");
  const ref = useRef<HTMLDivElement>(null);
  const fields = Object.entries(errors ?? {});
  const shown = fields.length > 0 || Boolean(message);
  // `errors` is a new object for each refused submission, so a second try with the same mistakes focuses it again.
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, errors, message]);
  if (!shown) return null;

  function focusField(event: MouseEvent<HTMLAnchorElement>, name: string) {
    const field = document.getElementById(name);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  }

  return (
    <div ref={ref} tabIndex={-1} className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 focus:outline-2 focus:outline-offset-2 focus:outline-red-700">
      <div role="alert">
        <p className="font-medium">{fields.length > 0 ? t("correctFields") : message}</p>
        {fields.length > 0 ? (
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {fields.map(([name, text]) => (
              <li key={name}>
                <a href={`#${name}`} onClick={(event) => focusField(event, name)} className="underline hover:no-underline">
                  {text}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

export function SubmitButton({ pending, children, pendingLabel }: { pending: boolean; children: ReactNode; pendingLabel: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60"
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
