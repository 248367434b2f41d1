import Link from "next/link";

/** The site's one shape for "this did not work": a heading, a plain explanation, a way on. */
export function ProblemCard({ title, children, action }: { title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-2 text-slate-600">{children}</div>
      <div className="mt-6 flex flex-wrap gap-3">
        {action}
        <Link href="/" className="inline-block rounded-md border border-slate-300 px-4 py-2 font-medium text-slate-700 hover:bg-slate-50">
          Attest home
        </Link>
      </div>
    </div>
  );
}
