"use client";

import { useActionState } from "react";

import { saveChecksPolicyAction } from "@/app/(admin)/admin/checks/actions";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import type { ChecksPolicy } from "@/lib/checks/policy-defaults";

const INPUT = "mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-brand-600";

function Toggle({ name, label, hint, checked }: { name: string; label: string; hint: string; checked: boolean }) {
  return (
    <div className="flex gap-3">
      <input id={name} name={name} type="checkbox" defaultChecked={checked} aria-describedby={`${name}-hint`} className="mt-1 size-4" />
      <div>
        <label htmlFor={name} className="font-medium text-slate-800">
          {label}
        </label>
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      </div>
    </div>
  );
}

function Threshold({ name, label, value, hint, step = "0.01", min = "0", max = "1" }: { name: string; label: string; value: number; hint: string; step?: string; min?: string; max?: string }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={name} name={name} type="number" inputMode="decimal" step={step} min={min} max={max} required defaultValue={value} aria-describedby={`${name}-hint`} className={INPUT} />
      <p id={`${name}-hint`} className="mt-1 text-sm text-slate-600">
        {hint}
      </p>
    </div>
  );
}

export function ChecksPolicyForm({ policy }: { policy: ChecksPolicy }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveChecksPolicyAction, IDLE);
  return (
    <form action={action} className="space-y-5">
      <fieldset className="space-y-3">
        <legend className="mb-2 font-medium">Decisions</legend>
        <Toggle name="autoApprove" label="Approve documents and selfies whose checks all pass" hint="Otherwise every item waits for a reviewer, with the checks' scores on the case page." checked={policy.autoApprove} />
        <Toggle name="autoResubmit" label="Ask for a new image when it is unusable" hint="Blurred, glare, cut off, no face or no readable MRZ: the person is told what to fix." checked={policy.autoResubmit} />
        <Threshold name="samplingPercent" label="Auto-approvals also sent to a reviewer (%)" value={Math.round(policy.samplingShare * 1000) / 10} step="0.1" max="100" hint="A sample, to see that the checks keep deciding as a reviewer would." />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 font-medium">Thresholds</legend>
        <Threshold name="faceMatch" label="Face match" value={policy.thresholds.faceMatch} hint="Similarity of the selfie and the document photo." />
        <Threshold name="antispoof" label="Antispoof" value={policy.thresholds.antispoof} hint="A real face, not a picture or a screen." />
        <Threshold name="liveness" label="Liveness" value={policy.thresholds.liveness} hint="A live person in front of the camera." />
      </fieldset>
      <p className="text-sm text-slate-600">A possible sanctions match is never cleared by the checks: it always goes to two reviewers.</p>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60">
        {pending ? "Saving…" : "Save policy"}
      </button>
    </form>
  );
}
