/** Shown while the queue or a case loads. */
export function ConsoleLoading() {
  return (
    <div className="space-y-4" role="status" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200" />
      <div className="h-16 animate-pulse rounded-xl bg-slate-100" />
      {[0, 1, 2].map((row) => (
        <div key={row} className="h-20 animate-pulse rounded-xl border border-slate-200 bg-white" />
      ))}
    </div>
  );
}
