/**
 * The look of the person behind a seed, drawn by templates/face.svg: the document photos and the
 * selfie of one seed show the same face. Shading is drawn over these base colours.
 */
import { rng } from "./random";

const SKIN = ["#f5d6c0", "#efc3a4", "#e2ae8c", "#cf9871", "#b57a55", "#98613f", "#7a4a2f", "#5c3522"];
const HAIR = ["#1c1613", "#2f1f16", "#4a2e1c", "#6b4429", "#8a4a26", "#b88a52", "#d6b77c", "#8f8c88"];
const EYES = ["#5a3a22", "#3a2618", "#4a79a6", "#5d7f4d", "#86683a", "#6f7d8a"];
const CLOTHING = ["#263450", "#393c42", "#6a2636", "#2c6767", "#e9e6df", "#585b39", "#3d6cae", "#1f1f23", "#b0862e", "#7d8a99"];
const SHIRTS = ["#f4f4f1", "#dfe8f3", "#f1ece2", "#cfd8e3"];

export type FaceFeatures = ReturnType<typeof faceFeatures>;

export function faceFeatures(seed: number) {
  const r = rng(seed * 7919 + 17);
  const n = (lo: number, hi: number) => Number(r.range(lo, hi).toFixed(2));
  const skin = r.int(0, SKIN.length - 1);
  const [hairStyle, clothing, eyeDx] = [r.pick(["short", "short", "long", "long", "bun", "buzz", "curly", "bald"] as const), r.pick(CLOTHING), n(21, 25)];
  return {
    ...{ skin: SKIN[skin]!, hairStyle, style: { [hairStyle]: true }, clothing, shirt: r.chance(0.4) && clothing !== "#e9e6df" ? r.pick(SHIRTS) : null },
    // Darker skin tones come with dark hair and eyes: plausibility, not a rule.
    ...{ hair: skin >= 5 ? r.pick(HAIR.slice(0, 3)) : r.pick(HAIR), eyes: skin >= 4 ? r.pick(EYES.slice(0, 2)) : r.pick(EYES) },
    ...{ beard: hairStyle !== "long" && hairStyle !== "bun" && r.chance(0.3), glasses: r.chance(0.18) ? r.pick(["#26262b", "#5b3b22", "#8a8f96"]) : null },
    ...{ headWidth: n(0.92, 1.06), eyeSize: n(1, 1.15), mouthWidth: n(0.85, 1.12), smile: n(0.5, 4), noseLength: n(0.9, 1.1), brow: n(2.4, 3.8) },
    ...{ parting: r.chance(0.5) ? -1 : 1, shoulders: n(0.94, 1.06), leftEye: 120 - eyeDx, rightEye: 120 + eyeDx },
    // Where the glasses' bridge and arms meet the frames.
    bridge: [136 - eyeDx, 104 + eyeDx, 104 - eyeDx, 136 + eyeDx],
  };
}
