import { useActionState, useState, type FormEvent } from "react";
import type { z } from "zod";

import { CopyButton } from "@/components/admin/accounts/copy-button";
import { inputClass } from "@/components/ui/field";
import type { AccountFormState } from "@/app/(admin)/admin/accounts/actions";
import { fieldErrorsOf, IDLE } from "@/lib/http/action-state";

/**
 * An onSubmit that checks the form in the browser with the server's own schema: the field
 * errors go to `show`, and a form that fails is not sent.
 */
export function checkedSubmit(read: (form: FormData) => z.ZodSafeParseResult<unknown>, show: (errors: Record<string, string>) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    const parsed = read(new FormData(event.currentTarget));
    show(parsed.success ? {} : fieldErrorsOf(parsed.error));
    if (!parsed.success) event.preventDefault();
  };
}

/**
 * An account form's action state and its errors: the server's field errors, overlaid by the
 * browser's own check of the form with the same schema (`read`), which keeps a bad form unsent.
 */
export function useCheckedAction(serverAction: (state: AccountFormState, form: FormData) => Promise<AccountFormState>, read: (form: FormData) => z.ZodSafeParseResult<unknown>) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(serverAction, IDLE);
  const [local, setLocal] = useState<Record<string, string>>({});
  return { state, action, pending, errors: { ...state.fieldErrors, ...local }, onSubmit: checkedSubmit(read, setLocal) };
}

export function FormOutcome({ state }: { state: AccountFormState }) {
  if (!state.ok && state.message)
    return (
      <p role="alert" className="text-sm text-red-700">
        {state.message}
      </p>
    );
  return (
    <p role="status" aria-live="polite" className="text-sm text-emerald-800">
      {state.ok ? state.message : ""}
    </p>
  );
}

/** A secret shown exactly once: selectable, never stored in the page after a reload. */
export function OneTimeSecret({ secret, label }: { secret?: string; label: string }) {
  if (!secret) return null;
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium text-slate-800">{label}</span>
      <span className="flex gap-2">
        <input readOnly value={secret} data-testid="one-time-secret" className={`${inputClass} bg-amber-50 font-mono text-sm`} />
        <CopyButton text={secret} label={label.toLowerCase().includes("token") ? "Copy token" : label.toLowerCase().includes("secret") ? "Copy secret" : "Copy key"} />
      </span>
    </label>
  );
}
