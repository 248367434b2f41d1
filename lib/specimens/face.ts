/**
 * The look of the person behind a seed, drawn by templates/face.svg: the document photos and the
 * selfie of one seed show the same face. Shading is drawn over these base colours.
 */
import { rng, type Rng } from "./random";

const SKIN = ["#f5d6c0", "#efc3a4", "#e2ae8c", "#cf9871", "#b57a55", "#98613f", "#7a4a2f", "#5c3522"];
const HAIR = ["#1c1613", "#2f1f16", "#4a2e1c", "#6b4429", "#8a4a26", "#b88a52", "#d6b77c", "#8f8c88"];
const EYES = ["#5a3a22", "#3a2618", "#4a79a6", "#5d7f4d", "#86683a", "#6f7d8a"];
const CLOTHING = ["#263450", "#393c42", "#6a2636", "#2c6767", "#e9e6df", "#585b39", "#3d6cae", "#1f1f23", "#b0862e", "#7d8a99"];
const SHIRTS = ["#f4f4f1", "#dfe8f3", "#f1ece2", "#cfd8e3"];
const LIPS = ["#a8424a", "#b5575c", "#8e3b3f", "#9c4f4a", "#c0626a", "#7a3434"];

/**
 * Face-shape families as [cheek half-width, jaw half-width, jaw height, chin height, chin roundness]
 * ranges in the template's units: real people differ most in the lower face's outline.
 */
const SHAPES = {
  oval: [[57, 61], [40, 46], [172, 182], [204, 210], [10, 16]],
  round: [[61, 65], [48, 54], [166, 174], [197, 203], [18, 24]],
  square: [[59, 63], [52, 57], [178, 186], [201, 207], [22, 28]],
  long: [[53, 57], [39, 45], [182, 190], [211, 218], [9, 15]],
  heart: [[62, 66], [33, 39], [170, 178], [203, 209], [4, 8]],
} as const;

export type FaceFeatures = ReturnType<typeof faceFeatures>;

const f1 = (v: number) => Number(v.toFixed(1));
const within = (r: Rng) => ([lo, hi]: readonly [number, number]) => Number(r.range(lo, hi).toFixed(2));

/**
 * The head's outline around x = 120: the crown at y = 50, the cheeks widest at y = 122, then the jaw
 * and a chin flat for `round` units either side of the middle.
 */
function outline(cheek: number, jaw: number, jawY: number, chinY: number, round: number) {
  const [dx, dy] = [round - jaw, chinY - jawY];
  // The right half from cheek to chin; the left half is its mirror, drawn back up.
  const half = [[cheek, 122], [cheek, 122 + 0.45 * (jawY - 122)], [jaw - 0.18 * dx, jawY - 0.3 * dy], [jaw, jawY], [jaw + 0.35 * dx, jawY + 0.35 * dy], [round, chinY], [0, chinY]] as const;
  const at = (side: 1 | -1) => ([x, y]: readonly [number, number]) => `${f1(120 + side * x)} ${f1(y)}`;
  const [right, left] = [half.map(at(1)), [...half].reverse().map(at(-1))];
  const lower = `M${right[0]}C${right.slice(1, 4).join(" ")}C${right.slice(4).join(" ")}C${left.slice(1, 4).join(" ")}C${left.slice(4).join(" ")}`;
  const crown = `C${f1(120 - cheek)} 80 84 50 120 50C156 50 ${f1(120 + cheek)} 80 ${f1(120 + cheek)} 122`;
  return { face: `${lower}${crown}Z`, lower };
}

/** The beard's outline for a face: a full beard's edge runs from cheek to cheek above the mouth at `y`, and each style leaves the lips bare. */
function beardPath(style: "full" | "goatee" | "moustache", cheek: number, jaw: number, jawY: number, chinY: number, round: number, y: number) {
  const m = (dy: number) => f1(y + dy);
  const lips = `M104 ${y}Q120 ${m(-5)} 136 ${y}Q136 ${m(15)} 120 ${m(17)}Q104 ${m(15)} 104 ${y}Z`;
  const moustache = `M99 ${m(1)}Q100 ${m(-9)} 120 ${m(-10)}Q140 ${m(-9)} 141 ${m(1)}Q136 ${m(-4)} 120 ${m(-4)}Q104 ${m(-4)} 99 ${m(1)}Z`;
  if (style === "moustache") return moustache;
  if (style === "goatee") return `${moustache}M108 ${m(6)}Q120 ${m(3)} 132 ${m(6)}Q134 ${f1(chinY - 2)} 120 ${f1(chinY + 3)}Q106 ${f1(chinY - 2)} 108 ${m(6)}Z`;
  return `${outline(cheek + 1, jaw + 2, jawY + 2, chinY + 4, round).lower}C${f1(130 - cheek)} ${m(-21)} 94 ${m(-9)} 94 ${m(-9)}C104 ${m(-15)} 112 ${m(-15)} 120 ${m(-13)}C128 ${m(-15)} 136 ${m(-15)} 146 ${m(-9)}C${f1(110 + cheek)} ${m(-21)} ${120 + cheek} 130 ${120 + cheek} 122Z` +
    lips;
}

export function faceFeatures(seed: number) {
  const r = rng(seed * 7919 + 17);
  const n = (lo: number, hi: number) => Number(r.range(lo, hi).toFixed(2));
  const skin = r.int(0, SKIN.length - 1);
  const [hairStyle, clothing] = [r.pick(["short", "short", "long", "long", "bun", "buzz", "curly", "bald"] as const), r.pick(CLOTHING)];
  const bearded = hairStyle !== "long" && hairStyle !== "bun" && r.chance(0.3);
  const glasses = r.chance(0.18) ? r.pick(["#26262b", "#5b3b22", "#8a8f96"]) : null;

  // The geometry has a stream of its own, so a feature added to it leaves the colours and hair as drawn.
  const g = rng(seed * 7919 + 29);
  const v = within(g);
  const shape = g.pick(Object.keys(SHAPES) as (keyof typeof SHAPES)[]);
  const ranges = SHAPES[shape];
  const [cheek, jaw, jawY, chinY, round] = [v(ranges[0]), v(ranges[1]), v(ranges[2]), v(ranges[3]), v(ranges[4])];
  const { face, lower } = outline(cheek, jaw, jawY, chinY, round);
  const [eyeDx, eyeY, eyeSize, eyeOpen, eyeTilt] = [v([19, 28]), v([120, 136]), v([0.88, 1.2]), v([0.72, 1.22]), v([-8, 8])];
  const [browLift, browArch, browSlope, browLength, brow] = [v([13, 22]), v([2, 10]), v([-5, 5]), v([13, 19]), v([1.8, 4.6])];
  const noseY = f1(Math.min(eyeY + g.range(26, 40), chinY - 40));
  const mouthY = f1(Math.min(noseY + g.range(15, 26), chinY - 17));
  const [upperLip, lowerLip] = [v([2.5, 8]), v([4.5, 12])];
  const [earY, earW, earH] = [v([eyeY - 6, eyeY + 12]), v([0.75, 1.2]), v([0.8, 1.3])];
  const [leftEye, rightEye] = [120 - eyeDx, 120 + eyeDx];
  const headWidth = n(0.92, 1.06);
  // Frames come in shapes of their own, from small and round to wide and square, clear of each other at the nose.
  const [lensW, lensH] = [f1(Math.min(g.range(28, 38), 2 * eyeDx - 8)), v([17, 27])];
  const frame = { lensX: f1(-lensW / 2), lensY: f1(-lensH / 2), lensW, lensH, lensR: f1(g.range(2, lensH / 2)), lensStroke: v([1.6, 3.4]) };
  const [lensIn, lensOut, temple] = [eyeDx - lensW / 2, eyeDx + lensW / 2, Math.max(eyeDx + lensW / 2 + 3, (cheek - 6) * headWidth)];
  const eyeLine = f1(eyeY - 4);
  const beard = bearded ? g.pick(["full", "full", "stubble", "goatee", "moustache"] as const) : null;
  const browPath = `M${-browLength} ${f1(3 - browLift)}Q${f1(-browLength / 4)} ${f1(-browLift - browArch)} ${browLength} ${f1(browSlope - browLift)}`;
  return {
    ...{ skin: SKIN[skin]!, hairStyle, style: { [hairStyle]: true }, clothing, shirt: r.chance(0.4) && clothing !== "#e9e6df" ? r.pick(SHIRTS) : null },
    // Darker skin tones come with dark hair and eyes: plausibility, not a rule.
    ...{ hair: skin >= 5 ? r.pick(HAIR.slice(0, 3)) : r.pick(HAIR), eyes: skin >= 4 ? r.pick(EYES.slice(0, 2)) : r.pick(EYES) },
    ...{ beard, glasses, ...frame, headWidth, mouthWidth: n(0.8, 1.2), smile: n(0.5, 4), shoulders: n(0.94, 1.06) },
    ...{ shape, face, lower, chinY, leftEye, rightEye, eyeY, eyeSize, eyeOpen: f1(eyeSize * eyeOpen), eyeTilt, brow, browPath },
    ...{ noseY, noseLength: f1((noseY - eyeY + 4) / 36), noseWidth: v([0.8, 1.4]), mouthY, upperLip, upperDip: f1(upperLip / 2), lowerLip, lipShine: f1(lowerLip * 0.65) },
    ...{ earLeft: f1(122 - cheek), earRight: f1(118 + cheek), earY, earW, earH, hairline: v([0.9, 1.1]),
    // Which side the hair is parted on, and how full it is over the temples of this face's width.
    hairX: Number(((r.chance(0.5) ? -1 : 1) * (cheek / 60) * g.range(0.97, 1.06)).toFixed(2)), blushX: f1(cheek * 0.5), blushY: f1(noseY - 2) },
    // The beard follows the jaw a little below it, and leaves the mouth bare.
    beardPath: beard && beardPath(beard === "stubble" ? "full" : beard, cheek, jaw, jawY, chinY, round, mouthY),
    beardOpacity: beard === "stubble" ? 0.35 : 0.8,
    ...{ lips: g.pick(LIPS), cheekboneY: v([eyeY + 16, eyeY + 30]), cheekboneX: f1(cheek * 0.6) },
    // Where the glasses' bridge and arms meet the frames, at the eyes' height.
    glassesPath: `M${f1(120 - lensIn)} ${eyeLine}Q120 ${f1(eyeY - 9)} ${f1(120 + lensIn)} ${eyeLine}M${f1(120 - lensOut)} ${eyeLine}L${f1(120 - temple)} ${f1(eyeY - 7)}M${f1(120 + lensOut)} ${eyeLine}L${f1(120 + temple)} ${f1(eyeY - 7)}`,
  };
}
