/**
 * `npm run measure:checks [people] [calibration people]`: runs the automated checks on the generated
 * test set (lib/checks/test-set.ts, 200 people by default) and prints the MRZ exact-read rate, the
 * same-person accept and different-person false-accept rates at the chosen face threshold, tamper
 * detection per kind and the time per document. The thresholds are the defaults of the decisions
 * policy. The face threshold is chosen on other people (400 by default, faces only), so that the
 * measured set does not grade a threshold picked on itself.
 */
import { analyseImage, STAGES, type ImageAnalysis } from "../lib/checks/engine";
import { closeModels, loadHuman, loadOcr } from "../lib/checks/models";
import { faceMatch } from "../lib/checks/similarity";
import { DEFAULT_POLICY } from "../lib/checks/policy-defaults";
import { passportPhoto, selfiePhoto, TAMPER_KINDS, tampered, testPerson, type TamperKind, type TestPerson } from "../lib/checks/test-set";
import { documentVerdict, selfieVerdict, type Thresholds } from "../lib/checks/verdict";
import { mrzCountryToAlpha2 } from "../lib/items/countries";

const people = Number(process.argv[2] ?? 200);
const calibrationPeople = Number(process.argv[3] ?? 400);
const tamperShare = Math.max(1, Math.floor(people / 8));
const TODAY = "2026-12-02";
const today = new Date(`${TODAY}T12:00:00Z`);
const thresholds: Thresholds = DEFAULT_POLICY.thresholds;

const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)} %`);
const typedOf = (p: TestPerson) => ({ number: p.number, country: mrzCountryToAlpha2(p.nationality) ?? p.nationality, expires_at: p.expiresAt, date_of_birth: p.birthDate, last_name: p.last, first_name: p.first });


/** Caught: the document or the selfie would not be approved by the checks (at the policy's thresholds unless others are given). */
function caught(passport: ImageAnalysis, selfie: ImageAnalysis, p: TestPerson, at: Thresholds = thresholds): boolean {
  const sim = faceMatch(passport, selfie);
  const doc = documentVerdict(passport, { passport: true, typed: typedOf(p), today: TODAY, similarity: sim }, at);
  const face = selfieVerdict(selfie, sim, at);
  return doc.outcome !== "approve" || face.outcome !== "approve";
}

/** The lowest threshold (to a thousandth) that no different-person similarity reaches. */
const lowestWithoutFalseAccept = (different: number[]) => Math.ceil((different.reduce((max, s) => Math.max(max, s), 0) + 0.0005) * 1000) / 1000;

/** Document–selfie similarities of `set`: each person's own pair, and every pairing of two people. */
async function faceSimilarities(set: TestPerson[]): Promise<{ same: number[]; different: number[] }> {
  const docs: ImageAnalysis[] = [];
  const selfies: ImageAnalysis[] = [];
  for (const p of set) {
    docs.push(await analyseImage(await passportPhoto(p), "document"));
    selfies.push(await analyseImage(await selfiePhoto(p), "selfie"));
  }
  return similarities(docs, selfies);
}

function similarities(docs: ImageAnalysis[], selfies: ImageAnalysis[]): { same: number[]; different: number[] } {
  const same: number[] = [];
  const different: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = 0; j < selfies.length; j++) {
      const s = faceMatch(docs[i]!, selfies[j]!);
      if (s !== null) (i === j ? same : different).push(s);
    }
  }
  return { same, different };
}

/** The face threshold the previous default had, to show what the chosen one changes for tampered submissions. */
const EARLIER_FACE_MATCH = 0.8;

async function main() {
  const loadStart = performance.now();
  await Promise.all([loadHuman(), loadOcr()]);
  const loadMs = performance.now() - loadStart;

  const docs: ImageAnalysis[] = [];
  const selfies: ImageAnalysis[] = [];
  const set = Array.from({ length: people }, (_, i) => testPerson(i));
  let exact = 0;
  // A read whose check digits hold but which is not the page's zone, and of those the ones that agree with
  // every typed field: a wrong zone accepted, which must never happen.
  let wrongValid = 0;
  let wrongAccepted = 0;
  let approvedBoth = 0;
  const byCondition = new Map<string, { n: number; exact: number }>();
  for (const p of set) {
    const doc = await analyseImage(await passportPhoto(p), "document", { passport: true, today });
    const selfie = await analyseImage(await selfiePhoto(p), "selfie");
    docs.push(doc);
    selfies.push(selfie);
    const ok = doc.mrz?.lines?.join("\n") === p.mrz.join("\n");
    if (ok) exact++;
    else if (doc.mrz?.valid) {
      wrongValid++;
      if (documentVerdict(doc, { passport: true, typed: typedOf(p), today: TODAY, similarity: 1 }, thresholds).outcome === "approve") wrongAccepted++;
    }
    const c = byCondition.get(p.condition) ?? { n: 0, exact: 0 };
    byCondition.set(p.condition, { n: c.n + 1, exact: c.exact + (ok ? 1 : 0) });
    if (!caught(doc, selfie, p)) approvedBoth++;
  }

  const { same, different } = similarities(docs, selfies);
  const calibration = await faceSimilarities(Array.from({ length: calibrationPeople }, (_, i) => testPerson(people + i)));
  const accepted = same.filter((s) => s >= thresholds.faceMatch).length;
  const falseAccepted = different.filter((s) => s >= thresholds.faceMatch).length;

  const tamper = new Map<TamperKind, { n: number; caught: number; caughtEarlier: number; similarities: number[] }>();
  for (const kind of TAMPER_KINDS) {
    let hits = 0;
    let hitsEarlier = 0;
    const similarities: number[] = [];
    for (let k = 0; k < tamperShare; k++) {
      const p = set[(k * 8 + TAMPER_KINDS.indexOf(kind)) % people]!;
      const other = set[(p.index + 1 + k) % people]!;
      const images = await tampered(kind, p, other);
      const doc = await analyseImage(images.passport, "document", { passport: true, today });
      const selfie = await analyseImage(images.selfie, "selfie");
      if (caught(doc, selfie, p)) hits++;
      if (caught(doc, selfie, p, { ...thresholds, faceMatch: EARLIER_FACE_MATCH })) hitsEarlier++;
      const sim = faceMatch(doc, selfie);
      if (sim !== null) similarities.push(sim);
    }
    tamper.set(kind, { n: tamperShare, caught: hits, caughtEarlier: hitsEarlier, similarities });
  }

  const docMs = docs.map((d) => d.ms).sort((a, b) => a - b);
  const selfieMs = selfies.map((d) => d.ms).sort((a, b) => a - b);
  const median = (v: number[]) => v[Math.floor(v.length / 2)] ?? 0;
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  const q = (v: number[], f: number) => sorted(v)[Math.min(v.length - 1, Math.floor(v.length * f))]?.toFixed(3);

  console.log(`Automated checks on ${people} generated people (${docs[0]?.models.human} human, ${docs[0]?.models.tesseract} tesseract.js), models loaded in ${Math.round(loadMs)} ms`);
  console.log(`Thresholds: face match ≥ ${thresholds.faceMatch}, antispoof ≥ ${thresholds.antispoof}, liveness ≥ ${thresholds.liveness}`);
  console.log(`MRZ exact read: ${exact}/${people} = ${pct(exact, people)}; wrong reads with every check digit holding: ${wrongValid}, of them agreeing with every typed field (accepted): ${wrongAccepted}`);
  for (const [condition, c] of byCondition) console.log(`  ${condition.padEnd(8)} ${c.exact}/${c.n}`);
  console.log(`Same person accepted: ${accepted}/${same.length} = ${pct(accepted, same.length)} (similarity min ${q(same, 0)}, 5th pct ${q(same, 0.05)}, median ${q(same, 0.5)})`);
  console.log(`Different person false accepts: ${falseAccepted}/${different.length} = ${pct(falseAccepted, different.length)} (similarity max ${q(different, 1)}, 99th pct ${q(different, 0.99)})`);
  // The threshold choice: the lowest that lets no different person through, and what it costs genuine ones.
  const zeroFalseAccept = lowestWithoutFalseAccept(different);
  const calibrated = lowestWithoutFalseAccept(calibration.different);
  console.log("Face threshold sweep (same-person accepted / different-person false accepts):");
  for (const t of [0.7, 0.72, 0.74, 0.75, 0.76, 0.78, 0.8, 0.85, 0.9, zeroFalseAccept, calibrated]) {
    const note = t === zeroFalseAccept ? "  (lowest with no false accept here)" : t === calibrated ? "  (lowest with no false accept among the calibration people)" : "";
    console.log(`  ≥ ${t.toFixed(3)}: ${pct(same.filter((s) => s >= t).length, same.length)} / ${different.filter((s) => s >= t).length} of ${different.length}${note}`);
  }
  const calibrationAccepted = calibration.same.filter((s) => s >= thresholds.faceMatch).length;
  const calibrationFalse = calibration.different.filter((s) => s >= thresholds.faceMatch).length;
  console.log(
    `Calibration people ${people}–${people + calibrationPeople - 1} (faces only): same person accepted at ≥ ${thresholds.faceMatch}: ${calibrationAccepted}/${calibration.same.length} = ${pct(calibrationAccepted, calibration.same.length)}; ` +
      `different person false accepts: ${calibrationFalse}/${calibration.different.length} (similarity max ${q(calibration.different, 1)}); lowest threshold with no false accept: ${calibrated.toFixed(3)}`,
  );
  console.log(`Genuine submissions approved end to end (document and selfie): ${approvedBoth}/${people} = ${pct(approvedBoth, people)}`);
  console.log(`Tampered submissions caught (sent to a reviewer or refused), at face match ≥ ${thresholds.faceMatch} / at ≥ ${EARLIER_FACE_MATCH}:`);
  for (const [kind, t] of tamper) {
    const face = kind === "swapped_face" && t.similarities.length > 0 ? `  (document–selfie similarity max ${Math.max(...t.similarities).toFixed(3)})` : "";
    console.log(`  ${kind.padEnd(19)} ${t.caught}/${t.n} / ${t.caughtEarlier}/${t.n}${face}`);
  }
  const attempts = docs.map((d) => d.mrz?.attempts ?? 0);
  console.log(`MRZ OCR passes per passport: ${attempts.filter((a) => a === 1).length} read at the first, ${attempts.filter((a) => a > 1).length} needed more (mean ${(attempts.reduce((s, a) => s + a, 0) / Math.max(1, attempts.length)).toFixed(2)})`);
  console.log(`Time per document: median ${median(docMs)} ms, max ${docMs.at(-1)} ms; per selfie: median ${median(selfieMs)} ms, max ${selfieMs.at(-1)} ms`);
  const stageMedians = (set: ImageAnalysis[]) =>
    STAGES.map((stage) => [stage, set.map((d) => d.timings?.[stage]).filter((v): v is number => v !== undefined)] as const)
      .filter(([, v]) => v.length > 0)
      .map(([stage, v]) => `${stage} ${median(sorted(v))}`)
      .join(", ");
  console.log(`Stage medians (ms), document: ${stageMedians(docs)}; selfie: ${stageMedians(selfies)}`);
  await closeModels();
}

await main();
