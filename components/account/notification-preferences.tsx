"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { savePreferencesAction, type PreferencesState } from "@/app/(account)/account/notifications/actions";
import { Button } from "@/components/ui/button";
import { IDLE } from "@/lib/http/action-state";

type Preferences = { decisions: boolean; credentials: boolean; expiry: boolean; dataAccess: boolean };

const CHOICES = ["decisions", "credentials", "expiry", "dataAccess"] as const satisfies readonly (keyof Preferences)[];

/** The person's email choices on /account. */
export function NotificationPreferencesForm({ preferences }: { preferences: Preferences }) {
  const t = useTranslations("notifications");
  const [state, action, pending] = useActionState<PreferencesState, FormData>(savePreferencesAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <fieldset className="space-y-3">
        <legend className="sr-only">{t("legend")}</legend>
        {CHOICES.map((choice) => (
          <div key={choice} className="flex items-start gap-3">
            <input id={`notify-${choice}`} name={choice} type="checkbox" defaultChecked={preferences[choice]} aria-describedby={`notify-${choice}-hint`} className="mt-1 size-4" />
            <div>
              <label htmlFor={`notify-${choice}`} className="text-sm font-medium text-slate-900">
                {t(`${choice}.label`)}
              </label>
              <p id={`notify-${choice}-hint`} className="text-sm text-slate-600">
                {t(`${choice}.hint`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <p role="status" aria-live="polite" className="text-sm text-emerald-800">
          {state.message ?? ""}
        </p>
      </div>
    </form>
  );
}
