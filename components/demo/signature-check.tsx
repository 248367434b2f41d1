/** One plainly worded signature verdict, never colour alone. */
export function SignatureCheck({ ok, passed, failed, detail, testId }: { ok: boolean; passed: string; failed: string; detail: string; testId: string }) {
  return (
    <li className="flex items-start gap-2 text-sm" data-testid={testId} data-ok={ok}>
      <span
        aria-hidden="true"
        className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${ok ? "bg-emerald-600" : "bg-red-600"}`}
      >
        {ok ? "✓" : "✗"}
      </span>
      <span>
        <span className={`font-medium ${ok ? "text-emerald-800" : "text-red-800"}`}>{ok ? passed : failed}</span>
        <span className="block text-xs text-slate-600">{detail}</span>
      </span>
    </li>
  );
}
