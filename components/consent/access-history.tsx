import { useTranslations } from "next-intl";

import { Time } from "@/components/consent/time";
import type { DataAccess } from "@/lib/consent/connected-partners";

/** Every time the partner read the person's data: when, and which items it received. */
export function AccessHistory({ partnerOcid, partnerName, accesses }: { partnerOcid: number; partnerName: string; accesses: DataAccess[] }) {
  const t = useTranslations("consent.history");
  const items = useTranslations("items");
  return (
    <details className="border-t border-slate-200 px-4 py-3 text-sm" data-testid={`access-history-${partnerOcid}`}>
      <summary className="cursor-pointer font-medium text-slate-800">
        {t("summary")} ({t("count", { count: accesses.length })})
      </summary>
      {accesses.length === 0 ? (
        <p className="mt-2 text-slate-600">{t("empty", { partner: partnerName })}</p>
      ) : (
        <table className="mt-2 w-full text-left">
          <thead>
            <tr className="text-slate-600">
              <th scope="col" className="py-1 pr-4 font-medium">
                {t("when")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("what")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {accesses.map((access, index) => (
              <tr key={`${access.at.toISOString()}-${index}`} data-testid="access-row">
                <td className="py-1 pr-4 whitespace-nowrap">
                  <Time value={access.at} />
                </td>
                <td className="py-1">{access.items.map((item) => items(`${item}.label`)).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
