import Link from "next/link";

import type { Journey, JourneyStepId, StepStatus } from "@/lib/items/journey";

/** Every sentence of the guided flow, kept together so they can move into a catalogue whole. */
const STEP_TEXT: Record<JourneyStepId, { title: string; description: string; next: string; again: string }> = {
  about_you: {
    title: "About you",
    description: "Your name, date of birth, nationality and address.",
    next: "Next: tell us about yourself",
    again: "Next: correct your personal details",
  },
  phone: {
    title: "Phone number",
    description: "Verified with a code we send by SMS.",
    next: "Next: verify your phone number",
    again: "Next: verify your phone number again",
  },
  identity_document: {
    title: "Identity document",
    description: "One of passport, ID card or driving licence.",
    next: "Next: upload an identity document",
    again: "Next: upload your identity document again",
  },
  proof_of_address: {
    title: "Proof of address",
    description: "A recent utility bill, bank statement or official letter.",
    next: "Next: upload a proof of address",
    again: "Next: upload a new proof of address",
  },
  selfie: {
    title: "Selfie",
    description: "A reviewer compares it with your document photo.",
    next: "Next: take a selfie",
    again: "Next: take a new selfie",
  },
};

const STATUS_TEXT: Record<StepStatus, { label: string; className: string }> = {
  done: { label: "Verified", className: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  waiting: { label: "With a reviewer", className: "bg-amber-50 text-amber-800 ring-amber-300" },
  todo: { label: "To do", className: "bg-slate-100 text-slate-700 ring-slate-300" },
  attention: { label: "Needs you", className: "bg-red-50 text-red-800 ring-red-300" },
};

const TEXT = {
  progressLabel: "Verification progress",
  progress: (done: number, total: number) => `${done} of ${total} steps verified`,
  start: "Start",
  fix: "Fix it",
  waitingNext: "Everything is provided. A reviewer decides within about {hours} hours; you see the result here.",
  finishedTitle: "You are fully verified",
  finishedBody: "Partners you allow now receive verified answers. You can still change any item below.",
  stepsLabel: "Steps",
} as const;

const withHours = (text: string, hours: number) => text.replace("{hours}", String(hours));

/** The next thing to do first, then every step with its status: the top of the account page. */
export function JourneySteps({ journey, reviewHours }: { journey: Journey; reviewHours: number }) {
  const { next, steps, done, finished } = journey;
  return (
    <section aria-labelledby="journey-next" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" data-testid="journey">
      {finished ? (
        <div role="status" className="space-y-1">
          <h2 id="journey-next" className="text-lg font-semibold tracking-tight text-emerald-800">
            {TEXT.finishedTitle}
          </h2>
          <p className="text-sm text-slate-600">{TEXT.finishedBody}</p>
        </div>
      ) : next ? (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="space-y-1">
            <h2 id="journey-next" className="text-lg font-semibold tracking-tight" data-testid="journey-next">
              {next.status === "attention" ? STEP_TEXT[next.id].again : STEP_TEXT[next.id].next}
            </h2>
            <p className="text-sm text-slate-600">{STEP_TEXT[next.id].description}</p>
          </div>
          <Link
            href={`/account/items/${next.item}`}
            className="shrink-0 self-start rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:self-center"
          >
            {next.status === "attention" ? TEXT.fix : TEXT.start}
          </Link>
        </div>
      ) : (
        <h2 id="journey-next" className="text-base font-medium" data-testid="journey-next">
          {withHours(TEXT.waitingNext, reviewHours)}
        </h2>
      )}

      <div className="space-y-1">
        <div className="flex justify-between text-sm text-slate-600">
          <span id="journey-progress-label">{TEXT.progressLabel}</span>
          <span data-testid="journey-progress">{TEXT.progress(done, steps.length)}</span>
        </div>
        <div
          role="progressbar"
          aria-labelledby="journey-progress-label"
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={done}
          aria-valuetext={TEXT.progress(done, steps.length)}
          className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-emerald-600" style={{ width: `${(done / steps.length) * 100}%` }} />
        </div>
      </div>

      <ol aria-label={TEXT.stepsLabel} className="grid gap-2 sm:grid-cols-5">
        {steps.map((step, index) => (
          <li
            key={step.id}
            className="flex items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-2 sm:block sm:space-y-1 sm:p-3"
            data-testid={`step-${step.id}`}
            data-status={step.status}
          >
            <Link href={`/account/items/${step.item}`} className="text-sm font-medium text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:block">
              {index + 1}. {STEP_TEXT[step.id].title}
            </Link>
            <span className={`inline-flex shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_TEXT[step.status].className}`}>
              {STATUS_TEXT[step.status].label}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
