import Link from "next/link";
import { useTranslations } from "next-intl";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Journey, StepStatus } from "@/lib/items/journey";

const STATUS_TONE: Record<StepStatus, BadgeTone> = { done: "success", waiting: "warning", todo: "neutral", attention: "danger" };

/** The next thing to do first, then every step with its status: the top of the account page. */
export function JourneySteps({ journey, reviewHours }: { journey: Journey; reviewHours: number }) {
  const t = useTranslations("journey");
  const { next, steps, done, finished } = journey;
  const progress = t("progress", { done, total: steps.length });
  return (
    <section aria-labelledby="journey-next" data-testid="journey">
      <Card className="space-y-4">
        {finished ? (
          <div role="status" className="space-y-1">
            <h2 id="journey-next" className="text-lg font-semibold tracking-tight text-emerald-800">
              {t("finishedTitle")}
            </h2>
            <p className="text-sm text-slate-600">{t("finishedBody")}</p>
          </div>
        ) : next ? (
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="space-y-1">
              <h2 id="journey-next" className="text-lg font-semibold tracking-tight" data-testid="journey-next">
                {next.status === "attention" ? t(`${next.id}.again`) : t(`${next.id}.next`)}
              </h2>
              <p className="text-sm text-slate-600">{t(`${next.id}.description`)}</p>
            </div>
            <Button href={`/account/items/${next.item}`} className="shrink-0 self-start sm:self-center">
              {next.status === "attention" ? t("fix") : t("start")}
            </Button>
          </div>
        ) : (
          <h2 id="journey-next" className="text-base font-medium" data-testid="journey-next">
            {t("waitingNext", { hours: reviewHours })}
          </h2>
        )}

        <div className="space-y-1">
          <div className="flex justify-between text-sm text-slate-600">
            <span id="journey-progress-label">{t("progressLabel")}</span>
            <span data-testid="journey-progress">{progress}</span>
          </div>
          <div
            role="progressbar"
            aria-labelledby="journey-progress-label"
            aria-valuemin={0}
            aria-valuemax={steps.length}
            aria-valuenow={done}
            aria-valuetext={progress}
            className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-emerald-600" style={{ width: `${(done / steps.length) * 100}%` }} />
          </div>
        </div>

        <ol aria-label={t("stepsLabel")} className="grid gap-2 sm:grid-cols-5">
          {steps.map((step, index) => (
            <li
              key={step.id}
              className="flex items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-2 sm:block sm:space-y-1 sm:p-3"
              data-testid={`step-${step.id}`}
              data-status={step.status}
            >
              <Link href={`/account/items/${step.item}`} className="text-sm font-medium text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:block">
                {index + 1}. {t(`${step.id}.title`)}
              </Link>
              <Badge tone={STATUS_TONE[step.status]} className="shrink-0">
                {t(`status.${step.status}`)}
              </Badge>
            </li>
          ))}
        </ol>
      </Card>
    </section>
  );
}
