import type { CheckView } from "@/lib/checks/case-view";
import type { Thresholds } from "@/lib/checks/verdict";

const OUTCOME_LABELS: Record<string, string> = { approve: "All checks passed", resubmit: "Image unusable", review: "Needs a reviewer", pending: "Checking…" };

function Score({ label, value, threshold }: { label: string; value: number | null; threshold?: number }) {
  const passes = value !== null && (threshold === undefined || value >= threshold);
  return (
    <div className="flex items-baseline justify-between gap-3 border-b border-slate-100 py-1 text-sm last:border-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className={`font-mono tabular-nums ${threshold === undefined ? "text-slate-900" : passes ? "text-emerald-800" : "text-red-800"}`}>
        {value === null ? "—" : value.toFixed(2)}
        {threshold !== undefined ? <span className="text-slate-500"> / needs {threshold.toFixed(2)}</span> : null}
        {threshold !== undefined ? <span className="sr-only">{passes ? " (passes)" : " (fails)"}</span> : null}
      </dd>
    </div>
  );
}

function Face({ src, label }: { src: string | null; label: string }) {
  return (
    <figure className="space-y-1 text-center">
      {src ? (
        // A data URL of a 160-pixel crop made by the checks: next/image has nothing to optimise.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} alt={label} width={128} height={128} className="mx-auto size-32 rounded-md border border-slate-200 object-cover" />
      ) : (
        <div className="mx-auto flex size-32 items-center justify-center rounded-md border border-dashed border-slate-300 text-xs text-slate-500">No face found</div>
      )}
      <figcaption className="text-xs text-slate-600">{label}</figcaption>
    </figure>
  );
}

/** The automated checks on one document or selfie: both face crops side by side, each score against its threshold. */
export function CheckResults({ view, thresholds }: { view: CheckView; thresholds: Thresholds }) {
  const selfie = view.item === "liveness";
  return (
    <section aria-label="Automated checks" className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3" data-testid={`checks-${view.item}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-900">Automated checks: {OUTCOME_LABELS[view.outcome] ?? view.outcome}</h3>
        <span className="text-xs text-slate-600">
          risk {view.risk} · {view.ms} ms · Human {view.models.human}, tesseract.js {view.models.tesseract}
        </span>
      </div>
      <div className="grid gap-4 sm:grid-cols-[auto_minmax(0,1fr)]">
        <div className="flex gap-3">
          <Face src={view.documentFace} label="Document photo" />
          <Face src={view.selfieFace} label="Selfie" />
        </div>
        <dl>
          <Score label="Face match" value={view.similarity} threshold={thresholds.faceMatch} />
          {selfie ? <Score label="Antispoof" value={view.antispoof} threshold={thresholds.antispoof} /> : null}
          {selfie ? <Score label="Liveness" value={view.liveness} threshold={thresholds.liveness} /> : null}
          <Score label={`Faces found (${view.faces})`} value={view.faceScore} />
          <Score label="Sharpness" value={view.sharpness} />
          {view.mrz ? (
            <div className="flex justify-between gap-3 py-1 text-sm">
              <dt className="text-slate-600">MRZ from the image</dt>
              <dd>{!view.mrz.read ? "not found" : view.mrz.valid ? `read, check digits hold (${view.mrz.repairs} characters repaired)` : "read, check digits fail"}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      {view.findings.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900">
          {view.findings.map((f) => (
            <li key={f.code}>{f.message}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
