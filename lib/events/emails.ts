import "server-only";

import { absoluteUrl } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { formatterFor, MESSAGES, translatorFor } from "@/lib/i18n/messages";
import type { OutgoingMail } from "@/lib/mail/transport";

import type { NotificationData } from "./emit";
import type { Notification } from "./types";

/**
 * The person's notification emails, in the language they chose: plain text, what happened,
 * what to do, a link straight to the place to do it. Nothing personal beyond what the
 * reviewer wrote to them.
 */
type Mail = Omit<OutgoingMail, "to">;

const itemLink = (item: string) => absoluteUrl(`/account/items/${item}`);
const isReasonCode = (code: string | undefined): code is keyof (typeof MESSAGES)["en"]["reasons"] => !!code && code in MESSAGES.en.reasons;

export function renderNotification<N extends Notification>(type: N, data: NotificationData[N], locale: Locale = "en"): Mail {
  const t = translatorFor(locale);
  const label = (item: keyof (typeof MESSAGES)["en"]["items"]) => t(`items.${item}.label`);
  const mail = ((): Mail => {
    switch (type) {
      case "item.approved": {
        const { item } = data as NotificationData["item.approved"];
        return { subject: t("email.approvedSubject", { item: label(item) }), text: `${t("email.approvedBody", { item: label(item) })}\n\n${t("email.seeIt", { url: itemLink(item) })}` };
      }
      case "item.rejected": {
        const { item, reason: explained, note, resubmission } = data as NotificationData["item.rejected"];
        const reason = explained && isReasonCode(explained.code) ? { label: t(`reasons.${explained.code}.label`), hint: t(`reasons.${explained.code}.hint`) } : explained;
        const lines = [
          resubmission ? t("email.resubmitBody", { item: label(item) }) : t("email.rejectedBody", { item: label(item) }),
          ...(reason ? [t("email.reason", { reason: reason.label }), t("email.howToFix", { hint: reason.hint })] : []),
          ...(note ? [t("email.reviewerNote", { note })] : []),
          t("email.provideAgain", { url: itemLink(item) }),
        ];
        return { subject: resubmission ? t("email.resubmitSubject", { item: label(item) }) : t("email.rejectedSubject", { item: label(item) }), text: lines.join("\n\n") };
      }
      case "credential.revoked": {
        const { reason } = data as NotificationData["credential.revoked"];
        return { subject: t("email.revokedSubject"), text: `${t("email.revokedBody", { reason })}\n\n${t("email.seeCredentials", { url: absoluteUrl("/account/credentials") })}` };
      }
      case "data.accessed": {
        const { partnerName, items } = data as NotificationData["data.accessed"];
        const names = items.map(label).join(", ");
        return { subject: t("email.accessedSubject", { partner: partnerName }), text: `${t("email.accessedBody", { partner: partnerName, items: names })}\n\n${t("email.manageSharing", { url: absoluteUrl("/account/partners") })}` };
      }
      case "document.expiring": {
        const { item, expiresAt } = data as NotificationData["document.expiring"];
        // A calendar date, not a moment: formatted in UTC so no zone moves it to another day.
        const date = formatterFor(locale, "UTC").dateTime(new Date(`${expiresAt.slice(0, 10)}T00:00:00Z`), { dateStyle: "long" });
        return { subject: t("email.expiringSubject", { item: label(item) }), text: t("email.expiringBody", { item: label(item), date, url: itemLink(item) }) };
      }
    }
  })();
  return { ...mail, text: `${mail.text}\n\n${t("email.footer", { url: absoluteUrl("/account#notifications") })}` };
}
