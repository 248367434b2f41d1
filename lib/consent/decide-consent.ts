import "server-only";

import type { DbOrTx } from "@/lib/db/client";
import { requestTranslator } from "@/lib/i18n/request-preferences";

import { buildCallbackUrl } from "./callback-url";
import { isValidDecisionToken } from "./decision-token";
import type { DecisionForm, DecisionState } from "./decision-schema";
import { recordConsentDecision } from "./record-decision";
import { resolveGrantRequest } from "./resolve-grant-request";

/**
 * A decision posted from the consent page. The request is checked again
 * exactly as the page checked it (partner, callback, grants, user), the
 * token must be the one rendered for this person and partner, and only
 * requested items can be shared. Returns where to send the person next.
 */
export async function decideConsent(db: DbOrTx, user: { id: string; ocid: number }, form: DecisionForm): Promise<DecisionState> {
  const t = await requestTranslator();
  const REFUSED = t("consent.refused");
  const resolved = await resolveGrantRequest(db, form.ocid, {
    grants: form.grants,
    user_ocid: form.user_ocid,
    callback_url: form.callback_url,
    state: form.state,
  });
  if (resolved.kind !== "ok") return { ok: false, message: REFUSED };
  const { request, partner } = resolved;
  if (!isValidDecisionToken(form.token, user.id, partner.ocid)) return { ok: false, message: REFUSED };
  if (user.ocid !== request.userOcid) {
    return { ok: false, message: t("consent.otherPerson") };
  }

  const shared = form.intent === "deny" ? [] : request.items.filter((item) => form.share.includes(item));
  const decision = await recordConsentDecision(db, {
    userId: user.id,
    userOcid: user.ocid,
    partner: { ocid: partner.ocid, name: partner.name },
    requested: request.items,
    shared,
  });
  const redirectTo = buildCallbackUrl(
    request.callbackUrl,
    { status: decision.status, granted: decision.granted, denied: decision.denied, userOcid: user.ocid },
    request.state,
  );
  return { ok: true, status: decision.status, redirectTo, partnerName: partner.name };
}
