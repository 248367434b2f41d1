import "server-only";

import { eq } from "drizzle-orm";

import type { Db } from "@/lib/db/client";
import { checkResults } from "@/lib/db/schema";
import { IDENTITY_DOCUMENTS, type Item } from "@/lib/items/items";
import { decryptJson } from "@/lib/security/encryption";

import type { ImageAnalysis } from "./engine";
import { getChecksPolicy } from "./policy";
import type { Thresholds, Verdict } from "./verdict";
import { faceMatch } from "./similarity";

/** What the case page shows of the automated checks on one item: scores against thresholds, and both face crops. */
export type CheckView = {
  item: Item;
  outcome: string;
  risk: number;
  checkedAt: Date;
  findings: { code: string; message: string }[];
  faces: number;
  faceScore: number | null;
  similarity: number | null;
  antispoof: number | null;
  liveness: number | null;
  sharpness: number;
  glare: number;
  mrz: { read: boolean; valid: boolean; repairs: number } | null;
  ms: number;
  models: ImageAnalysis["models"];
  /** data: URLs of the document's and the selfie's face crops. */
  documentFace: string | null;
  selfieFace: string | null;
};

const crop = (analysis: ImageAnalysis | undefined) => (analysis?.crop ? `data:image/jpeg;base64,${analysis.crop}` : null);

export async function loadCheckViews(db: Db, userId: string): Promise<{ views: Map<Item, CheckView>; thresholds: Thresholds }> {
  const rows = await db.select().from(checkResults).where(eq(checkResults.userId, userId));
  const stored = rows.map((row) => ({ row, ...decryptJson<{ analysis: ImageAnalysis; verdict?: Verdict }>(row.resultEnc, "check_results.result") }));
  const selfie = stored.find((s) => s.row.item === "liveness")?.analysis;
  const document = stored.find((s) => (IDENTITY_DOCUMENTS as readonly string[]).includes(s.row.item) && s.analysis.embedding)?.analysis;
  const match = faceMatch(document, selfie);
  const similarity = match === null ? null : Number(match.toFixed(3));
  const views = new Map<Item, CheckView>();
  for (const { row, analysis, verdict } of stored) {
    views.set(row.item, {
      item: row.item,
      outcome: row.outcome,
      risk: row.risk,
      checkedAt: row.createdAt,
      findings: (verdict?.findings ?? []).map(({ code, message }) => ({ code, message })),
      faces: analysis.faceCount,
      faceScore: analysis.faceScore,
      similarity,
      antispoof: analysis.real,
      liveness: analysis.live,
      sharpness: analysis.quality.sharpness,
      glare: analysis.quality.glare,
      mrz: analysis.mrz ? { read: analysis.mrz.lines !== null, valid: analysis.mrz.valid, repairs: analysis.mrz.repairs } : null,
      ms: analysis.ms,
      models: analysis.models,
      documentFace: crop(document),
      selfieFace: crop(selfie),
    });
  }
  return { views, thresholds: (await getChecksPolicy(db)).thresholds };
}
