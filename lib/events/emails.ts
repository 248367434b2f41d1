import "server-only";

import { absoluteUrl } from "@/lib/env";
import { ITEM_INFO } from "@/lib/items/items";
import type { OutgoingMail } from "@/lib/mail/transport";

import type { NotificationData } from "./emit";
import type { Notification } from "./types";

/**
 * The person's notification emails: plain text, what happened, what to do, a link straight to
 * the place to do it. Nothing personal beyond what the reviewer wrote to them.
 */
type Mail = Omit<OutgoingMail, "to">;

const footer = () => `\n\nYou can choose which emails Attest sends you: ${absoluteUrl("/account#notifications")}`;
const itemLink = (item: string) => absoluteUrl(`/account/items/${item}`);

export function renderNotification<N extends Notification>(type: N, data: NotificationData[N]): Mail {
  const mail = ((): Mail => {
    switch (type) {
      case "item.approved": {
        const { item } = data as NotificationData["item.approved"];
        return { subject: `${ITEM_INFO[item].label} verified`, text: `Your ${ITEM_INFO[item].label} has been verified.\n\nSee it: ${itemLink(item)}` };
      }
      case "item.rejected": {
        const { item, reason: explained, note, resubmission } = data as NotificationData["item.rejected"];
        const label = ITEM_INFO[item].label;
        const lines = [
          resubmission ? `A reviewer asks you to submit your ${label} again.` : `Your ${label} could not be verified.`,
          ...(explained ? [`Reason: ${explained.label}`, `How to fix it: ${explained.hint}`] : []),
          ...(note ? [`The reviewer's note: ${note}`] : []),
          `Provide it again: ${itemLink(item)}`,
        ];
        return { subject: resubmission ? `Please resubmit your ${label}` : `${label} not verified`, text: lines.join("\n\n") };
      }
      case "credential.revoked": {
        const { reason } = data as NotificationData["credential.revoked"];
        return { subject: "A credential of yours was revoked", text: `One of your verifiable credentials was revoked: ${reason}.\n\nSee your credentials: ${absoluteUrl("/account/credentials")}` };
      }
      case "data.accessed": {
        const { partnerName, items } = data as NotificationData["data.accessed"];
        const names = items.map((item) => ITEM_INFO[item].label).join(", ");
        return { subject: `${partnerName} read your data`, text: `${partnerName} read these items you shared: ${names}.\n\nManage what you share: ${absoluteUrl("/account/partners")}` };
      }
      case "document.expiring": {
        const { item, expiresAt } = data as NotificationData["document.expiring"];
        const label = ITEM_INFO[item].label;
        return { subject: `Your ${label} expires soon`, text: `Your ${label} expires on ${expiresAt.slice(0, 10)}. Provide a current one so your verification continues: ${itemLink(item)}` };
      }
    }
  })();
  return { ...mail, text: mail.text + footer() };
}
