import { Card } from "@/components/ui/card";
import type { ConsentCallback } from "@/lib/demo/consent-callback";
import { ITEM_INFO } from "@/lib/items/items";

const STATE_TEXT: Record<ConsentCallback["stateCheck"], { ok: boolean; text: string }> = {
  matches: { ok: true, text: "state matches the one this gateway issued" },
  mismatch: { ok: false, text: "state does NOT match the one this gateway issued: a real gateway would ignore this redirect" },
  missing: { ok: false, text: "no state came back: a real gateway would ignore this redirect" },
  "not-issued": { ok: false, text: "this browser has no consent request pending (it expired, or was started elsewhere)" },
};

const HEADLINE: Record<string, string> = {
  granted: "Everything asked for was shared",
  partial: "Some items were shared, others denied",
  denied: "The person shared nothing",
  error: "The consent request was refused",
};

/** The consent redirect's parameters, shown as received, and what the gateway concludes. */
export function ConsentOutcome({ callback }: { callback: ConsentCallback }) {
  const state = STATE_TEXT[callback.stateCheck];
  return (
    <Card title={(callback.status && HEADLINE[callback.status]) || "No consent result"} className="space-y-4 shadow-sm" data-testid="consent-outcome">
      <p className={`text-sm font-medium ${state.ok ? "text-emerald-800" : "text-red-800"}`} data-testid="state-check" data-ok={state.ok}>
        <span aria-hidden="true">{state.ok ? "✓ " : "✗ "}</span>
        {state.text}
      </p>
      {callback.params.length > 0 ? (
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          {callback.params.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="font-mono text-slate-500">{key}</dt>
              <dd className="break-all font-mono text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-600">The page was opened without any parameters.</p>
      )}
      {callback.granted.length > 0 || callback.denied.length > 0 ? (
        <p className="text-sm text-slate-700">
          {callback.granted.length > 0 ? <>Shared: {callback.granted.map((item) => ITEM_INFO[item].label).join(", ")}. </> : null}
          {callback.denied.length > 0 ? <>Denied: {callback.denied.map((item) => ITEM_INFO[item].label).join(", ")}.</> : null}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">The gateway can now check the status or fetch the data below. Nothing is trusted from this redirect alone: the signed answers decide.</p>
    </Card>
  );
}
