/**
 * A deterministic cartoon-portrait generator shared by the document photos and the selfie, so the
 * same seed always produces the same person (skin, hair, eyes, clothes, proportions).
 */
import { hex, mix, shade, type Point, type Raster, type Rect, type Rgb } from "./raster";
import { rng } from "./random";

export type HairStyle = "short" | "long" | "bun" | "buzz" | "curly" | "bald";

export interface FaceFeatures {
  skin: Rgb;
  hair: Rgb;
  eyes: Rgb;
  lips: Rgb;
  /** Outer garment (shirt, sweater or jacket). */
  clothing: Rgb;
  /** Shirt showing under a jacket, or null for a single garment. */
  shirt: Rgb | null;
  hairStyle: HairStyle;
  /** Head width / head height. */
  widthRatio: number;
  /** Half distance between the eyes, as a fraction of the head half-width. */
  eyeSpacing: number;
  eyeSize: number;
  /** Mouth half-width as a fraction of the head half-width. */
  mouthWidth: number;
  smile: number;
  noseLength: number;
  browWeight: number;
  beard: boolean;
  glasses: Rgb | null;
  /** Side of the hair parting: -1 left, 1 right. */
  parting: -1 | 1;
  shoulderWidth: number;
}

const SKIN = ["#f5d6c0", "#efc3a4", "#e2ae8c", "#cf9871", "#b57a55", "#98613f", "#7a4a2f", "#5c3522"].map(hex);
const HAIR = ["#1c1613", "#2f1f16", "#4a2e1c", "#6b4429", "#8a4a26", "#b88a52", "#d6b77c", "#8f8c88"].map(hex);
const EYES = ["#5a3a22", "#3a2618", "#4a79a6", "#5d7f4d", "#86683a", "#6f7d8a"].map(hex);
const CLOTHING = ["#263450", "#393c42", "#6a2636", "#2c6767", "#e9e6df", "#585b39", "#3d6cae", "#1f1f23", "#b0862e", "#7d8a99"].map(hex);
const SHIRTS = ["#f4f4f1", "#dfe8f3", "#f1ece2", "#cfd8e3"].map(hex);
const LIP_TINT = hex("#a8424a");

export function faceFeatures(seed: number): FaceFeatures {
  const r = rng(seed * 7919 + 17);
  const skinIndex = r.int(0, SKIN.length - 1);
  const skin = SKIN[skinIndex]!;
  // Darker skin tones get darker hair more often (plausibility, not a rule).
  const hair = skinIndex >= 5 && r.chance(0.8) ? HAIR[r.int(0, 2)]! : r.pick(HAIR);
  const hairStyle = r.pick<HairStyle>(["short", "short", "long", "long", "bun", "buzz", "curly", "bald"]);
  const clothing = r.pick(CLOTHING);
  const jacket = r.chance(0.4) && clothing[0] + clothing[1] + clothing[2] < 500;
  const longHair = hairStyle === "long" || hairStyle === "bun";
  return {
    skin,
    hair,
    eyes: skinIndex >= 4 ? EYES[r.int(0, 1)]! : r.pick(EYES),
    lips: mix(shade(skin, 0.86), LIP_TINT, 0.32),
    clothing,
    shirt: jacket ? r.pick(SHIRTS) : null,
    hairStyle,
    widthRatio: r.range(0.74, 0.84),
    eyeSpacing: r.range(0.37, 0.44),
    eyeSize: r.range(0.9, 1.12),
    mouthWidth: r.range(0.26, 0.34),
    smile: r.range(0, 1),
    noseLength: r.range(0.34, 0.42),
    browWeight: r.range(0.8, 1.3),
    beard: !longHair && r.chance(0.3),
    glasses: r.chance(0.18) ? r.pick([hex("#26262b"), hex("#5b3b22"), hex("#8a8f96")]) : null,
    parting: r.chance(0.5) ? -1 : 1,
    shoulderWidth: r.range(0.92, 1.04),
  };
}

export interface DrawFaceOptions {
  /** Softer, photographic rendering (highlights, blush, stronger side light). */
  photo?: boolean;
  /** Horizontal offset of the head, as a fraction of the box width. */
  offsetX?: number;
  /** Half-height of the head oval as a fraction of the box height (default 0.28). */
  headScale?: number;
}

/** Draw a head-and-shoulders portrait filling `box` (background is left to the caller). */
export function drawFace(r: Raster, box: Rect, f: FaceFeatures, opts: DrawFaceOptions = {}): void {
  r.withClip(box, () => drawFaceClipped(r, box, f, opts));
}

function drawFaceClipped(r: Raster, box: Rect, f: FaceFeatures, opts: DrawFaceOptions): void {
  const { x, y, w, h } = box;
  const photo = opts.photo ?? false;
  const ry = (opts.headScale ?? 0.28) * h;
  const rx = ry * f.widthRatio;
  const cx = x + w / 2 + (opts.offsetX ?? 0) * w;
  const cy = y + 0.45 * h;
  const eyeY = cy - 0.02 * ry;
  const light = -f.parting; // light comes from the side opposite the parting

  // Egg-shaped head: narrower towards the chin.
  const insideHead = (px: number, py: number) => {
    const v = (py - cy) / ry;
    const k = v > 0 ? 1 - 0.17 * v * v : 1 - 0.03 * v * v;
    const u = (px - cx) / (rx * k);
    return u * u + v * v <= 1;
  };
  const headBounds: Rect = { x: cx - rx - 2, y: cy - ry - 2, w: 2 * rx + 4, h: 2 * ry + 4 };
  const insideEllipse = (ex: number, ey: number, erx: number, ery: number) => (px: number, py: number) =>
    ((px - ex) / erx) ** 2 + ((py - ey) / ery) ** 2 <= 1;

  // --- hair behind the head -----------------------------------------------------------------
  const hairBackBounds: Rect = { x: cx - 1.6 * rx, y: cy - 1.5 * ry, w: 3.2 * rx, h: 3.2 * ry };
  if (f.hairStyle === "long") {
    const bottom = cy + 1.5 * ry;
    const back = insideEllipse(cx, cy - 0.05 * ry, rx * 1.26, ry * 1.16);
    r.fillShape(
      hairBackBounds,
      (px, py) => {
        if (back(px, py)) return true;
        if (py < cy) return false;
        const t = (py - cy) / (bottom - cy);
        const u = (px - cx) / rx;
        // Falls slightly outwards, ends in a soft wavy line.
        const half = rx * (1.26 + 0.14 * t) * Math.sqrt(Math.max(0, 1 - Math.max(0, t - 0.75) ** 2 * 6));
        return Math.abs(px - cx) <= half && py <= bottom + 0.05 * ry * Math.sin(u * 7) - 0.1 * ry * u * u;
      },
      f.hair,
    );
  } else if (f.hairStyle === "curly") {
    r.fillShape(
      hairBackBounds,
      (px, py) => {
        const dx = (px - cx) / (rx * 1.42);
        const dy = (py - (cy - 0.12 * ry)) / (ry * 1.18);
        const a = Math.atan2(dy, dx);
        return Math.hypot(dx, dy) <= 1 + 0.045 * Math.sin(a * 13);
      },
      f.hair,
    );
  } else if (f.hairStyle === "bun") {
    r.fillEllipse(cx, cy - 1.02 * ry, 0.42 * rx, 0.3 * ry, f.hair);
    r.fillEllipse(cx, cy - 0.05 * ry, rx * 1.1, ry * 1.08, f.hair);
  }

  // --- neck and torso ------------------------------------------------------------------------
  const torsoTop = cy + 1.38 * ry;
  const torsoRx = 2 * rx * f.shoulderWidth;
  const torsoRy = 0.32 * h;
  const torsoCy = torsoTop + torsoRy;
  /** y of the shoulder line at horizontal distance dx from the centre. */
  const shoulderY = (dx: number) => torsoCy - torsoRy * Math.sqrt(Math.max(0, 1 - (dx / torsoRx) ** 2));
  const neckHalf = 0.44 * rx;
  const neckSkin = shade(f.skin, 0.93);
  const neckTop = cy + 0.5 * ry;
  r.fillRect(cx - neckHalf, neckTop, 2 * neckHalf, shoulderY(neckHalf) - neckTop + 4, neckSkin);
  r.fillEllipse(cx, torsoCy, torsoRx, torsoRy, f.clothing);
  // Fold shading on the side away from the light.
  r.fillShape(
    { x: cx - torsoRx, y: torsoTop, w: 2 * torsoRx, h: 0.7 * h },
    (px, py) =>
      insideEllipse(cx, torsoCy, torsoRx, torsoRy)(px, py) &&
      !insideEllipse(cx + light * 0.12 * torsoRx, torsoCy + 0.04 * h, torsoRx, torsoRy)(px, py),
    shade(f.clothing, 0.78),
    0.6,
  );
  // Neckline: a V of skin, or a shirt V under a jacket.
  if (f.shirt) {
    const sw = 0.9 * rx;
    r.fillPolygon(
      [
        [cx - sw, shoulderY(sw) + 1],
        [cx - neckHalf, shoulderY(neckHalf) - 1],
        [cx + neckHalf, shoulderY(neckHalf) - 1],
        [cx + sw, shoulderY(sw) + 1],
        [cx + 0.12 * rx, y + h + 2],
        [cx - 0.12 * rx, y + h + 2],
      ],
      f.shirt,
    );
    const lapel = shade(f.clothing, 0.7);
    r.strokePolyline([[cx - sw, shoulderY(sw) + 1], [cx - 0.1 * rx, y + h]], 2, lapel);
    r.strokePolyline([[cx + sw, shoulderY(sw) + 1], [cx + 0.1 * rx, y + h]], 2, lapel);
    r.fillPolygon(
      [
        [cx - neckHalf, torsoTop - 3],
        [cx + neckHalf, torsoTop - 3],
        [cx, torsoTop + 0.07 * h],
      ],
      neckSkin,
    );
  } else {
    r.fillPolygon(
      [
        [cx - neckHalf, torsoTop - 3],
        [cx + neckHalf, torsoTop - 3],
        [cx, torsoTop + 0.1 * h],
      ],
      neckSkin,
    );
  }
  // Shadow under the chin, on the neck only.
  const chinShadow = insideEllipse(cx, cy + 0.92 * ry, 0.62 * rx, 0.2 * ry);
  r.fillShape(
    { x: cx - neckHalf, y: cy + 0.7 * ry, w: 2 * neckHalf, h: 0.5 * ry },
    (px, py) => chinShadow(px, py) && Math.abs(px - cx) <= neckHalf,
    shade(f.skin, 0.78),
    photo ? 0.55 : 0.45,
  );

  // --- ears and head -------------------------------------------------------------------------
  for (const side of [-1, 1]) {
    r.fillEllipse(cx + side * rx * 0.97, eyeY + 0.14 * ry, 0.16 * rx, 0.22 * ry, shade(f.skin, 0.9));
    r.fillEllipse(cx + side * rx * 0.99, eyeY + 0.14 * ry, 0.07 * rx, 0.12 * ry, shade(f.skin, 0.8), 0.6);
  }
  r.fillShape(headBounds, insideHead, f.skin);
  // Side shadow: a crescent on the side away from the light. The centre of the face keeps the
  // exact skin colour.
  const lit = insideEllipse(cx + light * 0.16 * rx, cy - 0.04 * ry, rx * 1.03, ry * 1.04);
  r.fillShape(headBounds, (px, py) => insideHead(px, py) && !lit(px, py), shade(f.skin, 0.84), photo ? 0.7 : 0.5);
  if (photo) {
    r.radialGlow(cx + light * 0.2 * rx, cy - 0.45 * ry, 0.45 * rx, [255, 250, 240], 0.16, 0.28 * ry);
    for (const side of [-1, 1])
      r.radialGlow(cx + side * 0.5 * rx, cy + 0.32 * ry, 0.26 * rx, f.lips, 0.18, 0.16 * ry);
  }

  // --- beard ---------------------------------------------------------------------------------
  const mouthY = cy + 0.58 * ry;
  const mw = f.mouthWidth * rx;
  if (f.beard) {
    const beard = mix(f.skin, f.hair, 0.55);
    r.fillShape(
      headBounds,
      (px, py) => {
        if (!insideHead(px, py)) return false;
        const u = Math.min(1, Math.abs(px - cx) / rx);
        return py > eyeY + 0.3 * ry + (1 - u) * 0.18 * ry;
      },
      beard,
      0.85,
    );
    r.fillEllipse(cx, mouthY - 0.07 * ry, mw * 1.05, 0.06 * ry, shade(beard, 0.92), 0.9);
  }

  // --- eyes ----------------------------------------------------------------------------------
  const ew = 0.2 * rx * f.eyeSize;
  const eh = 0.095 * rx * f.eyeSize;
  const browColor = mix(f.hair, hex("#20150f"), f.hair[0] > 120 ? 0.45 : 0.2);
  for (const side of [-1, 1]) {
    const ex = cx + side * f.eyeSpacing * rx;
    const white = insideEllipse(ex, eyeY, ew, eh);
    r.fillEllipse(ex, eyeY, ew, eh, hex("#f6f3ef"));
    const ir = eh * 1.05;
    r.fillShape({ x: ex - ew, y: eyeY - eh, w: 2 * ew, h: 2 * eh }, (px, py) => white(px, py) && insideEllipse(ex, eyeY, ir, ir)(px, py), f.eyes);
    r.fillEllipse(ex, eyeY, ir * 0.45, ir * 0.45, hex("#15100d"));
    if (photo) r.fillEllipse(ex + ir * 0.3, eyeY - ir * 0.3, ir * 0.2, ir * 0.2, [255, 255, 255], 0.85);
    // Upper lid line.
    const lid: Point[] = [];
    for (let i = 0; i <= 12; i++) {
      const t = -1 + (2 * i) / 12;
      lid.push([ex + t * ew * 1.04, eyeY - eh * Math.sqrt(Math.max(0, 1 - t * t)) * 1.05]);
    }
    r.strokePolyline(lid, Math.max(1.4, eh * 0.3), shade(f.skin, 0.45));
    // Eyebrow.
    const by = eyeY - 0.2 * ry;
    r.strokePolyline(
      [
        [ex - side * ew * 1.0, by + 0.03 * ry],
        [ex + side * ew * 0.1, by - 0.02 * ry],
        [ex + side * ew * 1.2, by + 0.02 * ry],
      ],
      0.055 * rx * f.browWeight,
      browColor,
      0.95,
    );
  }

  // --- nose ----------------------------------------------------------------------------------
  const tipY = eyeY + f.noseLength * ry;
  r.strokePolyline(
    [
      [cx - light * 0.1 * rx, eyeY + 0.1 * ry],
      [cx - light * 0.15 * rx, tipY - 0.05 * ry],
      [cx - light * 0.05 * rx, tipY + 0.02 * ry],
    ],
    Math.max(1.2, 0.025 * rx),
    shade(f.skin, 0.72),
    0.55,
  );
  r.fillEllipse(cx - 0.09 * rx, tipY + 0.01 * ry, 0.05 * rx, 0.028 * ry, shade(f.skin, 0.6), 0.7);
  r.fillEllipse(cx + 0.09 * rx, tipY + 0.01 * ry, 0.05 * rx, 0.028 * ry, shade(f.skin, 0.6), 0.7);

  // --- mouth ---------------------------------------------------------------------------------
  r.fillEllipse(cx, mouthY - 0.018 * ry, mw, 0.045 * ry, shade(f.lips, 0.92));
  r.fillEllipse(cx, mouthY + 0.035 * ry, mw * 0.82, 0.06 * ry, f.lips);
  const line: Point[] = [];
  for (let i = 0; i <= 16; i++) {
    const u = -1 + (2 * i) / 16;
    line.push([cx + u * mw * 1.04, mouthY + 0.006 * ry - f.smile * 0.05 * ry * u * u]);
  }
  r.strokePolyline(line, Math.max(1.4, 0.03 * rx), shade(f.lips, 0.55));

  // --- hair in front -------------------------------------------------------------------------
  drawHairFront(r, f, cx, cy, rx, ry, eyeY, headBounds, insideHead);

  // --- glasses -------------------------------------------------------------------------------
  if (f.glasses) {
    const gw = ew * 2.9;
    const gh = eh * 4.4;
    const t = Math.max(2, 0.04 * rx);
    for (const side of [-1, 1]) {
      const ex = cx + side * f.eyeSpacing * rx;
      r.strokeRoundedRect(ex - gw / 2, eyeY - gh / 2, gw, gh, gh * 0.35, t, f.glasses);
      r.fillRoundedRect(ex - gw / 2 + t, eyeY - gh / 2 + t, gw - 2 * t, gh * 0.35, gh * 0.3, [255, 255, 255], 0.12);
      r.strokePolyline(
        [
          [ex + (side * gw) / 2, eyeY - gh * 0.3],
          [cx + side * rx * 0.97, eyeY - gh * 0.1],
        ],
        t,
        f.glasses,
      );
    }
    r.strokePolyline(
      [
        [cx - f.eyeSpacing * rx + gw / 2, eyeY - gh * 0.15],
        [cx, eyeY - gh * 0.28],
        [cx + f.eyeSpacing * rx - gw / 2, eyeY - gh * 0.15],
      ],
      t,
      f.glasses,
    );
  }
}

function drawHairFront(
  r: Raster,
  f: FaceFeatures,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  eyeY: number,
  headBounds: Rect,
  insideHead: (x: number, y: number) => boolean,
): void {
  const bounds: Rect = { x: cx - 1.5 * rx, y: cy - 1.5 * ry, w: 3 * rx, h: 2.2 * ry };
  const cap = (scaleX: number, scaleY: number, shift: number) => (px: number, py: number) =>
    ((px - cx) / (rx * scaleX)) ** 2 + ((py - (cy + shift * ry)) / (ry * scaleY)) ** 2 <= 1;
  const p = f.parting;
  switch (f.hairStyle) {
    case "short": {
      const inCap = cap(1.08, 1.07, -0.07);
      r.fillShape(
        bounds,
        (px, py) => {
          if (!inCap(px, py)) return false;
          const u = (px - cx) / rx;
          const fringe = cy - ry * (0.5 + 0.14 * u * p) + ry * 0.05 * Math.sin(u * 9);
          return py < fringe || ((Math.abs(u) > 0.86 || !insideHead(px, py)) && py < eyeY - 0.02 * ry);
        },
        f.hair,
      );
      break;
    }
    case "long":
    case "bun": {
      const inCap = cap(1.09, 1.08, -0.06);
      const sideDepth = f.hairStyle === "long" ? cy + 0.55 * ry : eyeY;
      r.fillShape(
        bounds,
        (px, py) => {
          if (!inCap(px, py) && !(f.hairStyle === "long" && Math.abs(px - cx) < rx * 1.09 && py > cy && py < sideDepth))
            return false;
          const u = (px - cx) / rx;
          // Side parting: high on the parting side, sweeping low across the forehead.
          const t = Math.max(0, Math.min(1, (u * -p + 1) / 2));
          const fringe = cy - ry * (0.66 - 0.32 * t * t);
          const side = Math.abs(u) > 0.84 - 0.1 * Math.max(0, (py - cy) / ry) || !insideHead(px, py);
          return py < fringe || (side && py < sideDepth);
        },
        f.hair,
      );
      break;
    }
    case "buzz": {
      const inCap = cap(1.03, 1.03, -0.02);
      r.fillShape(
        bounds,
        (px, py) => {
          if (!inCap(px, py)) return false;
          const u = (px - cx) / rx;
          return py < cy - ry * (0.6 - 0.08 * u * u) || ((Math.abs(u) > 0.9 || !insideHead(px, py)) && py < eyeY - 0.1 * ry);
        },
        mix(f.hair, f.skin, 0.3),
      );
      break;
    }
    case "curly": {
      r.fillShape(
        bounds,
        (px, py) => {
          const dx = (px - cx) / (rx * 1.16);
          const dy = (py - (cy - 0.1 * ry)) / (ry * 1.08);
          const a = Math.atan2(dy, dx);
          if (Math.hypot(dx, dy) > 1 + 0.05 * Math.sin(a * 15)) return false;
          const u = (px - cx) / rx;
          return py < cy - ry * 0.5 + ry * 0.07 * Math.sin(u * 11 + 1) || ((Math.abs(u) > 0.88 || !insideHead(px, py)) && py < eyeY);
        },
        f.hair,
      );
      break;
    }
    case "bald": {
      const inCap = cap(1.04, 1.04, -0.02);
      r.fillShape(
        headBounds,
        (px, py) => inCap(px, py) && Math.abs(px - cx) > rx * 0.86 && py > cy - 0.45 * ry && py < eyeY,
        f.hair,
        0.9,
      );
      // Scalp highlight.
      r.fillShape(headBounds, (px, py) => insideHead(px, py) && py < cy - 0.75 * ry, shade(f.skin, 1.04), 0.5);
      break;
    }
  }
}
