/**
 * The twelve KYC items of SPEC §3 and the vocabularies around them. Everything that
 * names an item (OCN grants, consent rows, the review queue) imports from here so the
 * list cannot drift.
 */

export const ITEMS = [
  "name",
  "email",
  "phone",
  "date_of_birth",
  "nationality",
  "address",
  "id_card",
  "passport",
  "driver_license",
  "proof_of_address",
  "liveness",
  "aml",
] as const;
export type Item = (typeof ITEMS)[number];

/** States inside Attest. Partners never see these directly (see PARTNER_STATUSES). */
export const ITEM_STATES = ["missing", "pending", "verified", "rejected", "expired"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** What `/kyc/validate` reports to a partner for one item (SPEC §4). */
export const PARTNER_STATUSES = ["verified", "pending", "missing", "restricted"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const IDENTITY_DOCUMENTS = ["id_card", "passport", "driver_license"] as const;
export type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number];

export const DOCUMENT_ITEMS = [...IDENTITY_DOCUMENTS, "proof_of_address"] as const;
export type DocumentItem = (typeof DOCUMENT_ITEMS)[number];

/** Items the user types in and a reviewer confirms against a document. */
export const DECLARED_ITEMS = ["name", "date_of_birth", "nationality", "address"] as const;
export type DeclaredItem = (typeof DECLARED_ITEMS)[number];

/** A verification older than this is `expired` and must be renewed (SPEC §3). */
export const VERIFICATION_VALIDITY_DAYS = 365;

export interface ItemInfo {
  label: string;
  /** Plain language, shown on the consent page: what the partner receives. */
  shares: string;
  /** How the item becomes verified, in the present tense: it is shown while the item is still missing too. */
  howVerified: string;
}

export const ITEM_INFO: Record<Item, ItemInfo> = {
  name: {
    label: "Full name",
    shares: "Your first name, last name and full name",
    howVerified: "You enter it; a reviewer checks it against your approved identity document",
  },
  email: {
    label: "Email address",
    shares: "Your email address",
    howVerified: "You sign in through a link we send to it",
  },
  phone: {
    label: "Phone number",
    shares: "Your phone number in international format",
    howVerified: "You type in the 6-digit code we send to it by SMS",
  },
  date_of_birth: {
    label: "Date of birth",
    shares: "Your full date of birth",
    howVerified: "You enter it; a reviewer checks it against your identity document",
  },
  nationality: {
    label: "Nationality",
    shares: "The country of your nationality",
    howVerified: "You choose it; a reviewer checks it against your identity document",
  },
  address: {
    label: "Home address",
    shares: "Your street, city, region, postal code and country",
    howVerified: "You enter it; a reviewer checks it against your proof of address",
  },
  id_card: {
    label: "National ID card",
    shares: "Your ID card's number, issuing country, issue and expiry dates, and a short-lived link to its image",
    howVerified: "You upload a photo and type its details; a reviewer approves it",
  },
  passport: {
    label: "Passport",
    shares: "Your passport's number, issuing country, issue and expiry dates, and a short-lived link to its image",
    howVerified:
      "You upload the photo page and type its details; we check the machine-readable zone, then a reviewer approves it",
  },
  driver_license: {
    label: "Driving licence",
    shares: "Your licence's number, issuing country, issue and expiry dates, and a short-lived link to its image",
    howVerified: "You upload a photo and type its details; a reviewer approves it",
  },
  proof_of_address: {
    label: "Proof of address",
    shares: "The kind of document, its issue date, and a short-lived link to its image",
    howVerified: "You upload a bill or statement from the last 90 days; a reviewer approves it",
  },
  liveness: {
    label: "Selfie check",
    shares: "That your selfie was verified, when, and a short-lived link to the selfie",
    howVerified: "You take a selfie; a reviewer compares it with your document photo",
  },
  aml: {
    label: "Sanctions screening",
    shares: "Whether your name appears on the sanctions list we screen against, and when it was checked",
    howVerified: "Your name and date of birth are screened automatically; a possible match goes to a reviewer",
  },
};

const ITEM_SET: ReadonlySet<string> = new Set(ITEMS);

export function isItem(value: string): value is Item {
  return ITEM_SET.has(value);
}
