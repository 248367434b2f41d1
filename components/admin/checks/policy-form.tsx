"use client";

import { useActionState } from "react";

import { saveChecksPolicyAction } from "@/app/(admin)/admin/checks/actions";
import { IDLE, type ActionState } from "@/lib/http/action-state";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { ChecksPolicy } from "@/lib/checks/policy-defaults";

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
    <Field id={name} label={label} hint={hint}>
      {(control) => <input {...control} name={name} type="number" inputMode="decimal" step={step} min={min} max={max} required defaultValue={value} className={`${inputClass} max-w-32 font-mono text-sm`} />}
    </Field>
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
      <ActionMessage state={state} boxed />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save policy"}
      </Button>
    </form>
  );
}
