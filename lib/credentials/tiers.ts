import type { IdentityDocument, Item } from "@/lib/items/items";

/**
 * KYC tiers of a credential (SPEC §6). Each tier names what must be verified;
 * "identity_document" is met by any verified id_card, passport or driving licence.
 */
export const TIERS = ["Tier1", "Tier2", "Tier3"] as const;
export type Tier = (typeof TIERS)[number];

export type Requirement = Item | "identity_document" | "aml_clear";

const TIER1: Requirement[] = ["name", "email", "phone", "date_of_birth"];
const TIER2: Requirement[] = [...TIER1, "identity_document", "liveness"];
const TIER3: Requirement[] = [...TIER2, "address", "proof_of_address", "aml_clear"];

export const TIER_REQUIREMENTS: Record<Tier, Requirement[]> = { Tier1: TIER1, Tier2: TIER2, Tier3: TIER3 };

export const TIER_LABELS: Record<Tier, string> = {
  Tier1: "Tier 1: name, email, phone and date of birth",
  Tier2: "Tier 2: Tier 1 plus an identity document and liveness",
  Tier3: "Tier 3: Tier 2 plus address, proof of address and a clear sanctions screening",
};

/** What a person's verified items look like to the tier rules. */
export type VerifiedFacts = { verified: ReadonlySet<Item>; amlClear: boolean };

export type TierCheck = { met: true; items: Item[] } | { met: false; missing: Requirement[] };

/** Which items a tier relies on for this person, or which requirements are missing. */
export function checkTier(tier: Tier, facts: VerifiedFacts): TierCheck {
  const items: Item[] = [];
  const missing: Requirement[] = [];
  for (const requirement of TIER_REQUIREMENTS[tier]) {
    if (requirement === "identity_document") {
      // A credential relies on one document: rejecting another one later must not revoke it.
      const document = (["passport", "id_card", "driver_license"] as const satisfies readonly IdentityDocument[]).find((d) => facts.verified.has(d));
      if (document) items.push(document);
      else missing.push(requirement);
    } else if (requirement === "aml_clear") {
      if (facts.verified.has("aml") && facts.amlClear) items.push("aml");
      else missing.push(requirement);
    } else if (facts.verified.has(requirement)) items.push(requirement);
    else missing.push(requirement);
  }
  return missing.length === 0 ? { met: true, items } : { met: false, missing };
}

const IDENTITY_DOCUMENTS = ["passport", "id_card", "driver_license"] as const satisfies readonly IdentityDocument[];

/**
 * Whether a person granted a partner every item `tier` relies on (any identity document for
 * "identity_document", `aml` for "aml_clear"): a credential for that partner must never
 * attest what the person withheld from it.
 */
export function tierGranted(tier: Tier, granted: ReadonlySet<Item>): boolean {
  return TIER_REQUIREMENTS[tier].every((requirement) =>
    requirement === "identity_document" ? IDENTITY_DOCUMENTS.some((document) => granted.has(document)) : granted.has(requirement === "aml_clear" ? "aml" : requirement),
  );
}

/** The facts restricted to what was granted: what a partner may rely on. */
export function grantedFacts(facts: VerifiedFacts, granted: ReadonlySet<Item>): VerifiedFacts {
  return { verified: new Set([...facts.verified].filter((item) => granted.has(item))), amlClear: facts.amlClear };
}

/** The highest tier met, or null. */
export function highestTier(facts: VerifiedFacts): { tier: Tier; items: Item[] } | null {
  for (const tier of [...TIERS].reverse()) {
    const check = checkTier(tier, facts);
    if (check.met) return { tier, items: check.items };
  }
  return null;
}
