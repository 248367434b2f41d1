/**
 * The events Attest pushes. Partners (OCN) receive what concerns the people who granted them
 * something; API accounts receive what concerns the credentials they issued. Bodies carry ids
 * and statuses only: a partner reads personal data through /kyc/data.
 */
export const PARTNER_EVENTS = ["kyc.status_changed", "consent.updated", "user.deleted"] as const;
export const ACCOUNT_EVENTS = ["credential.revoked"] as const;
/** Sent by "send test event" in the console, to any endpoint. */
export const TEST_EVENT = "webhook.test";

export type PartnerEvent = (typeof PARTNER_EVENTS)[number];
export type AccountEvent = (typeof ACCOUNT_EVENTS)[number];
export type EventType = PartnerEvent | AccountEvent | typeof TEST_EVENT;

/** What goes on the wire: the outbox row's id, its type, when it happened (Unix seconds), and its data. */
export type EventBody = { id: string; type: string; occurred_at: number; data: Record<string, unknown> };

/** The emails a person may get; each maps to one preference. */
export const NOTIFICATIONS = {
  "item.approved": "decisions",
  "item.rejected": "decisions",
  "credential.revoked": "credentials",
  "data.accessed": "dataAccess",
  "document.expiring": "expiry",
} as const;
export type Notification = keyof typeof NOTIFICATIONS;
export type NotificationPreference = (typeof NOTIFICATIONS)[Notification];
