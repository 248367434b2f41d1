import { formatTime } from "@/lib/review/age";
import type { ReviewCase } from "@/lib/review/case";

/** The latest screening and each possible match, with how its score was reached. */
export function AmlMatches({ caseData }: { caseData: ReviewCase }) {
  const screening = caseData.screening;
  if (!screening) return <p className="text-sm text-slate-600">No screening record found.</p>;
  return (
    <div className="space-y-2" data-testid="aml-matches">
      <p className="text-sm text-slate-600">
        Screened {formatTime(screening.createdAt)} against list <span className="font-mono">{screening.listVersion}</span>: {screening.status}.
      </p>
      {screening.matches.length === 0 ? (
        <p className="text-sm">No possible matches.</p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {screening.matches.map((match, index) => (
            <li key={`${match.entryId ?? index}`} className="rounded-lg border border-red-200 bg-red-50/40 p-3 text-sm" data-testid="aml-match">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium text-slate-900">{match.name}</p>
                <p className="font-mono text-red-900">score {match.score.toFixed(3)}</p>
              </div>
              <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                <dt className="text-slate-600">Matched on</dt>
                <dd>{match.matchedName ?? "—"}</dd>
                <dt className="text-slate-600">Aliases</dt>
                <dd>{match.aliases?.join("; ") || "—"}</dd>
                <dt className="text-slate-600">Born</dt>
                <dd>{match.birthDates?.join(", ") || "—"}</dd>
                <dt className="text-slate-600">Countries</dt>
                <dd>{match.countries?.join(", ").toUpperCase() || "—"}</dd>
                <dt className="text-slate-600">Programme</dt>
                <dd>{match.programs?.join("; ") || "—"}</dd>
                <dt className="text-slate-600">Score</dt>
                <dd data-testid="score-parts">
                  {match.nameScore !== undefined && match.birthDateFactor !== undefined
                    ? `name ${match.nameScore.toFixed(3)} × birth date ${match.birthDateFactor.toFixed(2)}${match.nameScore * match.birthDateFactor > 1 ? " (capped at 1)" : ""} = ${match.score.toFixed(3)}`
                    : match.score.toFixed(3)}
                </dd>
                <dt className="text-slate-600">Entry</dt>
                <dd className="font-mono text-xs">{match.entryId ?? "—"}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
