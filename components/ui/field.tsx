/** The look of a text input, select or textarea in a form. */
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-600";

/** The look of a file input: its button drawn like a secondary one. */
export const fileInputClass =
  "block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800 hover:file:bg-slate-200";

/** The smaller control of a filter bar, which sits in a row with its neighbours. */
export const compactInputClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600";

export type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/**
 * The attributes a field's control needs so a screen reader reads its hint and error with
 * it: the error is named first, and only an error marks the control invalid.
 */
export function controlProps(id: string, { hint, error }: { hint?: React.ReactNode; error?: string | null }): ControlProps {
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return { id, ...(described && { "aria-describedby": described }), ...(error ? { "aria-invalid": true as const } : {}) };
}

/**
 * A label, its control, a hint and an error, wired together. The control is drawn by
 * `children`, given the id and aria attributes to spread on it:
 * `<Field id="x" label="Name">{(control) => <input {...control} name="name" className={inputClass} />}</Field>`.
 */
export function Field({
  id,
  label,
  optional,
  hint,
  error,
  announce = true,
  className = "space-y-1",
  children,
}: {
  id: string;
  label: React.ReactNode;
  /** Said after the label in a lighter weight, e.g. "(optional)". */
  optional?: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | null;
  /** False where a summary above the form already announces every error: the field's own is then read with the control. */
  announce?: boolean;
  className?: string;
  children: (control: ControlProps) => React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {optional ? <span className="font-normal text-slate-500"> {optional}</span> : null}
      </label>
      {children(controlProps(id, { hint, error }))}
      <FieldError id={`${id}-error`} message={error} announce={announce} />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A field's error under a control that is not a `Field` (a fieldset of checkboxes), with the id it is described by. */
export function FieldError({ id, message, announce = true }: { id: string; message?: string | null; announce?: boolean }) {
  return message ? (
    <p id={id} role={announce ? "alert" : undefined} className="text-sm text-red-700">
      {message}
    </p>
  ) : null;
}
