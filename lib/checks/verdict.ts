/**
 * What the checks conclude about an identity document or a selfie, from the analyses and the admins'
 * thresholds: approve, ask for a new image, or send to a reviewer with the reasons and a risk score the
 * queue sorts by. Pure, so the live decision and `npm run measure:checks` are the same function.
 */
import { compareMrzWithTyped, type TypedPassportFields } from "@/lib/documents/mrz";
import { inEnglish } from "@/lib/i18n/person-errors";

import type { ImageAnalysis } from "./engine";

export type Thresholds = {
  /** Face descriptor similarity (0–1) between document and selfie at or above which they are one person. */
  faceMatch: number;
  /** Antispoof score: a real face, not a picture or screen. */
  antispoof: number;
  liveness: number;
};

export type Finding = { code: string; message: string; risk: number };
export type Verdict = { outcome: "approve" | "resubmit" | "review"; findings: Finding[]; risk: number };

const finding = (code: string, message: string, risk: number): Finding => ({ code, message, risk });

/** Problems that make an image unusable: the person takes another, no reviewer needed. */
function usability(image: ImageAnalysis, what: string): Finding[] {
  const out = image.quality.problems.map((message) => finding("quality", message, 0));
  if (image.faceCount === 0) out.push(finding("no_face", `No face was found on the ${what}`, 0));
  return out;
}

function verdictOf(unusable: Finding[], suspicious: Finding[]): Verdict {
  if (suspicious.length > 0) return { outcome: "review", findings: [...suspicious, ...unusable], risk: Math.min(100, suspicious.reduce((s, f) => s + f.risk, 0)) };
  if (unusable.length > 0) return { outcome: "resubmit", findings: unusable, risk: 0 };
  return { outcome: "approve", findings: [], risk: 0 };
}

export type DocumentContext = {
  passport: boolean;
  typed: TypedPassportFields;
  /** YYYY-MM-DD; a document that expired is never approved by the checks. */
  today: string;
  /** Similarity with the person's selfie, when one has been analysed. */
  similarity: number | null;
};

/**
 * How many findings a reviewer should look at: every one but "no selfie to compare with yet", which
 * says nothing against the image. The review queue lists cases with concerns first.
 */
export function concernsOf(verdict: Verdict): number {
  return verdict.findings.filter((f) => f.code !== "no_match_yet").length;
}

export function documentVerdict(doc: ImageAnalysis, context: DocumentContext, thresholds: Thresholds): Verdict {
  const unusable = usability(doc, "document");
  const suspicious: Finding[] = [];
  if (doc.faceCount > 1) suspicious.push(finding("faces", `${doc.faceCount} faces were found on the document; a genuine page shows one photo`, 40));
  const expires = context.typed.expires_at;
  if (expires && expires < context.today) suspicious.push(finding("expired", "The document has expired", 60));
  if (context.passport && doc.mrz) {
    if (!doc.mrz.lines) unusable.push(finding("mrz_missing", "The machine-readable zone at the bottom of the page could not be read: photograph the whole page, flat and in focus", 0));
    else if (!doc.mrz.valid) suspicious.push(finding("mrz_invalid", `The machine-readable zone does not hold together: ${doc.mrz.errors.join(". ")}`, 70));
    else if (doc.mrz.fields) {
      const mismatch = compareMrzWithTyped(doc.mrz.fields, context.typed);
      if (mismatch.length > 0) suspicious.push(finding("mrz_mismatch", `The machine-readable zone disagrees with what was entered: ${mismatch.map(inEnglish).join(". ")}`, 60));
      if (doc.mrz.fields.expirationDate && doc.mrz.fields.expirationDate < context.today && !(expires && expires < context.today)) {
        suspicious.push(finding("expired", "The document has expired", 60));
      }
    }
  }
  suspicious.push(...faceMatchFindings(context.similarity, thresholds));
  return verdictOf(unusable, suspicious);
}

function faceMatchFindings(similarity: number | null, thresholds: Thresholds): Finding[] {
  if (similarity === null) return [finding("no_match_yet", "No selfie to compare the document photo with yet", 10)];
  if (similarity < thresholds.faceMatch) return [finding("face_mismatch", `The selfie and the document photo do not match (similarity ${similarity.toFixed(2)}, needs ${thresholds.faceMatch})`, 80)];
  return [];
}

/** A selfie at arm's length shows a face at least this wide, as a share of the picture's width. */
const MIN_SELFIE_FACE_SHARE = 0.35;

export function selfieVerdict(selfie: ImageAnalysis, similarity: number | null, thresholds: Thresholds): Verdict {
  const unusable = usability(selfie, "selfie");
  const suspicious: Finding[] = [];
  if (selfie.faceCount > 1) suspicious.push(finding("faces", `${selfie.faceCount} faces were found on the selfie; it must show only you`, 40));
  if (selfie.faceCount >= 1) {
    if ((selfie.faceShare ?? 0) < MIN_SELFIE_FACE_SHARE) suspicious.push(finding("small_face", "The face fills too little of the selfie: it may be a photo of a document or a screen", 60));
    if ((selfie.real ?? 0) < thresholds.antispoof) suspicious.push(finding("spoof", `The selfie may be a picture of a picture (antispoof ${(selfie.real ?? 0).toFixed(2)}, needs ${thresholds.antispoof})`, 70));
    if ((selfie.live ?? 0) < thresholds.liveness) suspicious.push(finding("liveness", `The selfie may not be of a live person (liveness ${(selfie.live ?? 0).toFixed(2)}, needs ${thresholds.liveness})`, 60));
  }
  suspicious.push(...faceMatchFindings(similarity, thresholds));
  return verdictOf(unusable, suspicious);
}
