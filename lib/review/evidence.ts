import { IDENTITY_DOCUMENTS, type Item, type ItemState } from "@/lib/items/items";

/** What the evidence rule reads of an item: its name, its value, its state now. */
export type EvidenceCandidate = { item: Item; value: unknown; effective: ItemState };

/** What a declared item is checked against; approval waits until one of these is verified. */
export function evidenceFor(item: Item): readonly Item[] | null {
  switch (item) {
    case "name":
    case "date_of_birth":
    case "nationality":
      return IDENTITY_DOCUMENTS;
    case "address":
      return ["proof_of_address"];
    default:
      return null;
  }
}

/** Document ids of an item's images, read from its value (`images: {front, back?, page, selfie}`). */
export function imagesOf(value: unknown): Record<string, string> {
  const images = (value as { images?: unknown } | null)?.images;
  if (!images || typeof images !== "object") return {};
  return Object.fromEntries(Object.entries(images).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The verified document a declared item is compared with, if any: the case's first that counts for it. */
export function evidenceItem<T extends EvidenceCandidate>(item: Item, items: T[]): T | null {
  const evidence = evidenceFor(item);
  if (!evidence) return null;
  return items.find((candidate) => evidence.includes(candidate.item) && candidate.effective === "verified") ?? null;
}

/**
 * What a reviewer sees beside a declared item: the verified document's value and the image
 * that shows the declared facts (a card's front, a letter's page). Null for items that are
 * not checked against a document, and while no document is verified.
 */
export function comparisonFor<T extends EvidenceCandidate>(item: Item, items: T[]): { evidence: T; image: string | null } | null {
  const evidence = evidenceItem(item, items);
  if (!evidence) return null;
  const images = imagesOf(evidence.value);
  return { evidence, image: images.front ?? images.page ?? null };
}

/** The photo a selfie is compared with: the first identity document, in any state, that has a front image. */
export function documentPhoto(items: EvidenceCandidate[]): { item: Item; id: string } | null {
  for (const name of IDENTITY_DOCUMENTS) {
    const found = items.find((candidate) => candidate.item === name);
    const front = found ? imagesOf(found.value).front : undefined;
    if (front) return { item: name, id: front };
  }
  return null;
}
