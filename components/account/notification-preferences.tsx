"use client";

import { useActionState } from "react";

import { savePreferencesAction, type PreferencesState } from "@/app/(account)/account/notifications/actions";
import { IDLE } from "@/lib/http/action-state";

type Preferences = { decisions: boolean; credentials: boolean; expiry: boolean; dataAccess: boolean };

const CHOICES: { name: keyof Preferences; label: string; hint: string }[] = [
  { name: "decisions", label: "Review decisions", hint: "When an item is verified, not accepted, or needs to be provided again, with the reviewer's reason." },
  { name: "credentials", label: "Revoked credentials", hint: "When a credential of yours stops being valid." },
  { name: "expiry", label: "Documents about to expire", hint: "30 days before a verified document stops counting." },
  { name: "dataAccess", label: "Partner reads", hint: "Each time a partner reads data you shared with it." },
];

/** The person's email choices on /account. */
export function NotificationPreferencesForm({ preferences }: { preferences: Preferences }) {
  const [state, action, pending] = useActionState<PreferencesState, FormData>(savePreferencesAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <fieldset className="space-y-3">
        <legend className="sr-only">Emails to send you</legend>
        {CHOICES.map((choice) => (
          <div key={choice.name} className="flex items-start gap-3">
            <input id={`notify-${choice.name}`} name={choice.name} type="checkbox" defaultChecked={preferences[choice.name]} aria-describedby={`notify-${choice.name}-hint`} className="mt-1 size-4" />
            <div>
              <label htmlFor={`notify-${choice.name}`} className="text-sm font-medium text-slate-900">
                {choice.label}
              </label>
              <p id={`notify-${choice.name}-hint`} className="text-sm text-slate-600">
                {choice.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save email choices"}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-emerald-800">
          {state.message ?? ""}
        </p>
      </div>
    </form>
  );
}
