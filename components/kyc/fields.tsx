"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { Field, fileInputClass, inputClass, type ControlProps } from "@/components/ui/field";

/**
 * The account forms' labelled inputs, on `Field`, named and identified by `name`. Their errors
 * are not announced one by one: the form's `ErrorSummary` announces them all and takes focus.
 */
type Common = { name: string; label: string; error?: string; hint?: ReactNode; className?: string };

function Labelled({ name, label, error, hint, className, children }: Common & { children: (control: ControlProps) => ReactNode }) {
  return (
    <Field id={name} label={label} error={error} hint={hint} announce={false} className={className ? `space-y-1 ${className}` : "space-y-1"}>
      {children}
    </Field>
  );
}

export function TextField({ name, label, error, hint, className, ...input }: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  return (
    <Labelled name={name} label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...control} name={name} className={inputClass} {...input} />}
    </Labelled>
  );
}

export function TextAreaField({ name, label, error, hint, className, ...input }: Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  return (
    <Labelled name={name} label={label} error={error} hint={hint} className={className}>
      {(control) => <textarea {...control} name={name} className={`${inputClass} font-mono`} {...input} />}
    </Labelled>
  );
}

export function FileField({ name, label, error, hint, className, ...input }: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  return (
    <Labelled name={name} label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...control} name={name} type="file" className={fileInputClass} {...input} />}
    </Labelled>
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
    <Labelled name={name} label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select {...control} name={name} className={inputClass} {...select}>
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
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
    <Button type="submit" disabled={pending}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
