import { summaryOf, type ActionState } from "@/lib/http/action-state";

/**
 * An action's answer under a form that marks no field itself: success as a status, failure
 * as an alert, with the field messages after the form's message.
 */
export function ActionMessage({ state, className = "text-sm", boxed = false }: { state: ActionState; className?: string; boxed?: boolean }) {
  const text = summaryOf(state);
  if (!text) return null;
  const tone = state.ok ? `text-emerald-800${boxed ? " bg-emerald-50" : ""}` : `text-red-800${boxed ? " bg-red-50" : ""}`;
  return (
    <p role={state.ok ? "status" : "alert"} className={`${className} ${tone}${boxed ? " rounded-md px-3 py-2" : ""}`}>
      {text}
    </p>
  );
}
