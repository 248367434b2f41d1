import { useTranslations } from "next-intl";

import { switchAccount } from "@/app/kyc/grant/[ocid]/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Signed in as someone other than the person the partner asked about: share nothing, offer the way out. */
export function AccountMismatch({ partnerName, signedInOcid, requestedOcid, returnTo }: { partnerName: string; signedInOcid: number; requestedOcid: number; returnTo: string }) {
  const t = useTranslations("consent");
  return (
    <Card padding="lg" className="mx-auto max-w-xl" data-testid="account-mismatch">
      <h1 className="text-2xl font-semibold tracking-tight">{t("mismatchTitle")}</h1>
      <p className="mt-2 text-slate-600">
        {t.rich("mismatchBody", {
          partner: partnerName,
          requested: String(requestedOcid),
          signedIn: String(signedInOcid),
          mono: (chunks) => <span className="font-mono font-medium">{chunks}</span>,
        })}
      </p>
      <p className="mt-2 text-slate-600">{t("mismatchHint")}</p>
      <form action={switchAccount} className="mt-6">
        <input type="hidden" name="returnTo" value={returnTo} />
        <Button type="submit">{t("switchAccount")}</Button>
      </form>
    </Card>
  );
}
