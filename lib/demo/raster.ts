/**
 * A tiny software rasteriser for the demo document images: an RGB pixel buffer with anti-aliased
 * shape filling, strokes, gradients, blur, bitmap text and PNG encoding (via pngjs). Everything is
 * deterministic — no randomness, no fonts, no platform-dependent code paths.
 */
import { PNG } from "pngjs";
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphFor, normalizeForFont, type Glyph } from "./bitmap-font";

export type Rgb = readonly [number, number, number];
export type Point = readonly [number, number];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);
const byte = (v: number) => clamp(Math.round(v), 0, 255);

export function hex(s: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(s);
  if (!m) throw new Error(`bad colour ${s}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Linear interpolation between two colours, t = 0 → a, t = 1 → b. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [byte(a[0] + (b[0] - a[0]) * t), byte(a[1] + (b[1] - a[1]) * t), byte(a[2] + (b[2] - a[2]) * t)];
}

/** Multiply a colour's channels (factor < 1 darkens, > 1 lightens). */
export function shade(c: Rgb, factor: number): Rgb {
  return [byte(c[0] * factor), byte(c[1] * factor), byte(c[2] * factor)];
}

export const WHITE: Rgb = [255, 255, 255];
export const BLACK: Rgb = [0, 0, 0];

export interface TextOptions {
  /** Integer pixel size of one font pixel. */
  scale?: number;
  color?: Rgb;
  alpha?: number;
  /** Fixed 6-unit advance for every character (MRZ, numbers in tables). Default: proportional. */
  mono?: boolean;
  /** Thicken strokes by one device pixel. */
  bold?: boolean;
  /** Extra space between characters, in font pixels. */
  tracking?: number;
}

interface LaidOutGlyph {
  glyph: Glyph;
  /** Offset of the glyph's column 0 from the text origin, in font pixels. */
  x: number;
}

function layout(text: string, opts: TextOptions): { glyphs: LaidOutGlyph[]; width: number } {
  const mono = opts.mono ?? false;
  const tracking = opts.tracking ?? 0;
  const glyphs: LaidOutGlyph[] = [];
  let pen = 0;
  let lastAdvanceGap = 0;
  for (const ch of normalizeForFont(text)) {
    const glyph = glyphFor(ch);
    if (mono || /[0-9]/.test(ch)) {
      glyphs.push({ glyph, x: pen });
      pen += GLYPH_WIDTH + 1 + tracking;
      lastAdvanceGap = 1 + tracking;
    } else if (glyph.right < 0) {
      pen += 3 + tracking; // space
      lastAdvanceGap = 3 + tracking;
    } else {
      glyphs.push({ glyph, x: pen - glyph.left });
      pen += glyph.right - glyph.left + 2 + tracking;
      lastAdvanceGap = 1 + tracking;
    }
  }
  return { glyphs, width: Math.max(0, pen - lastAdvanceGap) };
}

export class Raster {
  readonly width: number;
  readonly height: number;
  /** RGB, 3 bytes per pixel, row-major. */
  readonly data: Uint8Array;
  private clipX0 = 0;
  private clipY0 = 0;
  private clipX1: number;
  private clipY1: number;

  constructor(width: number, height: number, background: Rgb = WHITE) {
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height * 3);
    this.clipX1 = width;
    this.clipY1 = height;
    this.fillRect(0, 0, width, height, background);
  }

  /** Run `draw` with drawing restricted to `rect` (intersected with the current clip). */
  withClip(rect: Rect, draw: () => void): void {
    const saved = [this.clipX0, this.clipY0, this.clipX1, this.clipY1] as const;
    this.clipX0 = Math.max(saved[0], Math.floor(rect.x));
    this.clipY0 = Math.max(saved[1], Math.floor(rect.y));
    this.clipX1 = Math.min(saved[2], Math.ceil(rect.x + rect.w));
    this.clipY1 = Math.min(saved[3], Math.ceil(rect.y + rect.h));
    try {
      draw();
    } finally {
      [this.clipX0, this.clipY0, this.clipX1, this.clipY1] = saved;
    }
  }

  getPixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.data[i] ?? 0, this.data[i + 1] ?? 0, this.data[i + 2] ?? 0];
  }

  /** Blend `c` over pixel (x, y) with opacity `a`; ignores pixels outside the clip. */
  blend(x: number, y: number, c: Rgb, a: number): void {
    if (x < this.clipX0 || y < this.clipY0 || x >= this.clipX1 || y >= this.clipY1 || a <= 0) return;
    const i = (y * this.width + x) * 3;
    const d = this.data;
    if (a >= 1) {
      d[i] = c[0];
      d[i + 1] = c[1];
      d[i + 2] = c[2];
      return;
    }
    d[i] = byte(d[i]! + (c[0] - d[i]!) * a);
    d[i + 1] = byte(d[i + 1]! + (c[1] - d[i + 1]!) * a);
    d[i + 2] = byte(d[i + 2]! + (c[2] - d[i + 2]!) * a);
  }

  fillRect(x: number, y: number, w: number, h: number, c: Rgb, alpha = 1): void {
    const x0 = Math.max(this.clipX0, Math.round(x));
    const y0 = Math.max(this.clipY0, Math.round(y));
    const x1 = Math.min(this.clipX1, Math.round(x + w));
    const y1 = Math.min(this.clipY1, Math.round(y + h));
    for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) this.blend(px, py, c, alpha);
  }

  /**
   * Fill an arbitrary shape given by an inside test, anti-aliased by supersampling the pixels on
   * its edge. `bounds` must contain the whole shape.
   */
  fillShape(bounds: Rect, inside: (x: number, y: number) => boolean, c: Rgb, alpha = 1): void {
    const x0 = Math.max(this.clipX0, Math.floor(bounds.x));
    const y0 = Math.max(this.clipY0, Math.floor(bounds.y));
    const x1 = Math.min(this.clipX1, Math.ceil(bounds.x + bounds.w));
    const y1 = Math.min(this.clipY1, Math.ceil(bounds.y + bounds.h));
    const ss = 4;
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const a = inside(px, py);
        const b = inside(px + 1, py);
        const cc = inside(px, py + 1);
        const d = inside(px + 1, py + 1);
        const m = inside(px + 0.5, py + 0.5);
        let coverage: number;
        if (a && b && cc && d && m) coverage = 1;
        else if (!a && !b && !cc && !d && !m) coverage = 0;
        else {
          let hits = 0;
          for (let sy = 0; sy < ss; sy++)
            for (let sx = 0; sx < ss; sx++) if (inside(px + (sx + 0.5) / ss, py + (sy + 0.5) / ss)) hits++;
          coverage = hits / (ss * ss);
        }
        if (coverage > 0) this.blend(px, py, c, coverage * alpha);
      }
    }
  }

  fillEllipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, alpha = 1): void {
    this.fillShape(
      { x: cx - rx - 1, y: cy - ry - 1, w: 2 * rx + 2, h: 2 * ry + 2 },
      (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1,
      c,
      alpha,
    );
  }

  fillRoundedRect(x: number, y: number, w: number, h: number, r: number, c: Rgb, alpha = 1): void {
    this.fillShape({ x: x - 1, y: y - 1, w: w + 2, h: h + 2 }, insideRoundedRect(x, y, w, h, r), c, alpha);
  }

  /** Outline of a rounded rectangle, `t` pixels thick, drawn inside the rectangle's edge. */
  strokeRoundedRect(x: number, y: number, w: number, h: number, r: number, t: number, c: Rgb, alpha = 1): void {
    const outer = insideRoundedRect(x, y, w, h, r);
    const inner = insideRoundedRect(x + t, y + t, w - 2 * t, h - 2 * t, Math.max(0, r - t));
    this.fillShape({ x: x - 1, y: y - 1, w: w + 2, h: h + 2 }, (px, py) => outer(px, py) && !inner(px, py), c, alpha);
  }

  fillPolygon(points: readonly Point[], c: Rgb, alpha = 1): void {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const [px, py] of points) {
      minX = Math.min(minX, px);
      minY = Math.min(minY, py);
      maxX = Math.max(maxX, px);
      maxY = Math.max(maxY, py);
    }
    this.fillShape({ x: minX - 1, y: minY - 1, w: maxX - minX + 2, h: maxY - minY + 2 }, (x, y) => insidePolygon(points, x, y), c, alpha);
  }

  /** An anti-aliased polyline of the given width (overlapping segments do not double the ink). */
  strokePolyline(points: readonly Point[], width: number, c: Rgb, alpha = 1): void {
    if (points.length < 2) return;
    const half = width / 2;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const [px, py] of points) {
      minX = Math.min(minX, px);
      minY = Math.min(minY, py);
      maxX = Math.max(maxX, px);
      maxY = Math.max(maxY, py);
    }
    const bx0 = Math.max(this.clipX0, Math.floor(minX - half - 1));
    const by0 = Math.max(this.clipY0, Math.floor(minY - half - 1));
    const bx1 = Math.min(this.clipX1, Math.ceil(maxX + half + 1));
    const by1 = Math.min(this.clipY1, Math.ceil(maxY + half + 1));
    if (bx1 <= bx0 || by1 <= by0) return;
    const mw = bx1 - bx0;
    const mask = new Float32Array(mw * (by1 - by0));
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1]!;
      const [qx, qy] = points[i]!;
      const sx0 = Math.max(bx0, Math.floor(Math.min(ax, qx) - half - 1));
      const sy0 = Math.max(by0, Math.floor(Math.min(ay, qy) - half - 1));
      const sx1 = Math.min(bx1, Math.ceil(Math.max(ax, qx) + half + 1));
      const sy1 = Math.min(by1, Math.ceil(Math.max(ay, qy) + half + 1));
      const dx = qx - ax;
      const dy = qy - ay;
      const len2 = dx * dx + dy * dy;
      for (let py = sy0; py < sy1; py++) {
        for (let px = sx0; px < sx1; px++) {
          const cx = px + 0.5;
          const cy = py + 0.5;
          const t = len2 === 0 ? 0 : clamp(((cx - ax) * dx + (cy - ay) * dy) / len2, 0, 1);
          const ex = ax + t * dx - cx;
          const ey = ay + t * dy - cy;
          const cov = clamp(half + 0.5 - Math.sqrt(ex * ex + ey * ey), 0, 1);
          const k = (py - by0) * mw + (px - bx0);
          if (cov > mask[k]!) mask[k] = cov;
        }
      }
    }
    for (let py = by0; py < by1; py++)
      for (let px = bx0; px < bx1; px++) {
        const cov = mask[(py - by0) * mw + (px - bx0)]!;
        if (cov > 0) this.blend(px, py, c, cov * alpha);
      }
  }

  /** Linear gradient over `rect` along the direction (dx, dy), from c0 at one edge to c1 at the other. */
  linearGradient(rect: Rect, c0: Rgb, c1: Rgb, dx = 0, dy = 1, alpha = 1): void {
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    // Project the rectangle's corners on the direction to normalise t to [0, 1].
    const corners: Point[] = [
      [rect.x, rect.y],
      [rect.x + rect.w, rect.y],
      [rect.x, rect.y + rect.h],
      [rect.x + rect.w, rect.y + rect.h],
    ];
    const proj = corners.map(([x, y]) => x * ux + y * uy);
    const p0 = Math.min(...proj);
    const p1 = Math.max(...proj);
    const span = p1 - p0 || 1;
    const x0 = Math.round(rect.x);
    const y0 = Math.round(rect.y);
    const x1 = Math.round(rect.x + rect.w);
    const y1 = Math.round(rect.y + rect.h);
    for (let py = y0; py < y1; py++)
      for (let px = x0; px < x1; px++) {
        const t = ((px + 0.5) * ux + (py + 0.5) * uy - p0) / span;
        this.blend(px, py, mix(c0, c1, t), alpha);
      }
  }

  /** A soft radial glow: colour `c` at the centre fading to nothing at `radius`. */
  radialGlow(cx: number, cy: number, radius: number, c: Rgb, alpha = 1, ry = radius): void {
    const x0 = Math.floor(cx - radius);
    const y0 = Math.floor(cy - ry);
    const x1 = Math.ceil(cx + radius);
    const y1 = Math.ceil(cy + ry);
    for (let py = y0; py < y1; py++)
      for (let px = x0; px < x1; px++) {
        const d = Math.hypot((px + 0.5 - cx) / radius, (py + 0.5 - cy) / ry);
        if (d >= 1) continue;
        const t = 1 - d;
        this.blend(px, py, c, alpha * t * t * (3 - 2 * t));
      }
  }

  measureText(text: string, opts: TextOptions = {}): number {
    return layout(text, opts).width * (opts.scale ?? 2) + (opts.bold ? 1 : 0);
  }

  /** Draw text with its top-left (top of a capital letter) at (x, y); returns the width drawn. */
  drawText(text: string, x: number, y: number, opts: TextOptions = {}): number {
    const scale = opts.scale ?? 2;
    const color = opts.color ?? BLACK;
    const alpha = opts.alpha ?? 1;
    const { glyphs, width } = layout(text, opts);
    const ox = Math.round(x);
    const oy = Math.round(y);
    const extra = opts.bold ? 1 : 0;
    for (const { glyph, x: gx } of glyphs) {
      for (let r = 0; r < GLYPH_HEIGHT; r++) {
        const bits = glyph.rows[r] ?? 0;
        if (bits === 0) continue;
        for (let col = 0; col < GLYPH_WIDTH; col++) {
          if (!(bits & (1 << (GLYPH_WIDTH - 1 - col)))) continue;
          const px = ox + (gx + col) * scale;
          const py = oy + r * scale;
          for (let yy = 0; yy < scale; yy++)
            for (let xx = 0; xx < scale + extra; xx++) {
              // Bold: one extra column per font pixel, but never double-blend the same device pixel.
              if (xx === scale && col + 1 < GLYPH_WIDTH && bits & (1 << (GLYPH_WIDTH - 2 - col))) continue;
              this.blend(px + xx, py + yy, color, alpha);
            }
        }
      }
    }
    return width * scale + extra;
  }

  /** Draw text so that it ends at x (right-aligned). */
  drawTextRight(text: string, right: number, y: number, opts: TextOptions = {}): number {
    const w = this.measureText(text, opts);
    this.drawText(text, right - w, y, opts);
    return w;
  }

  /** Draw text centred on (cx, cy), rotated by `angle` radians (anti-aliased). */
  drawTextRotated(text: string, cx: number, cy: number, angle: number, opts: TextOptions = {}): void {
    const scale = opts.scale ?? 2;
    const tw = Math.max(1, this.measureText(text, opts));
    const th = 7 * scale;
    const mask = new Raster(tw, th, BLACK);
    mask.drawText(text, 0, 0, { ...opts, color: WHITE, alpha: 1 });
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const r = Math.hypot(tw, th) / 2 + 2;
    const color = opts.color ?? BLACK;
    const alpha = opts.alpha ?? 1;
    const ss = 3;
    for (let py = Math.floor(cy - r); py < Math.ceil(cy + r); py++)
      for (let px = Math.floor(cx - r); px < Math.ceil(cx + r); px++) {
        let hits = 0;
        for (let sy = 0; sy < ss; sy++)
          for (let sx = 0; sx < ss; sx++) {
            const dx = px + (sx + 0.5) / ss - cx;
            const dy = py + (sy + 0.5) / ss - cy;
            // Inverse rotation into text space.
            const tx = Math.floor(dx * cos + dy * sin + tw / 2);
            const ty = Math.floor(-dx * sin + dy * cos + th / 2);
            if (tx >= 0 && ty >= 0 && tx < tw && ty < th && mask.data[(ty * tw + tx) * 3]! > 0) hits++;
          }
        if (hits > 0) this.blend(px, py, color, (alpha * hits) / (ss * ss));
      }
  }

  /** Copy another raster onto this one at (dx, dy) with the given opacity. */
  blit(src: Raster, dx: number, dy: number, alpha = 1): void {
    for (let y = 0; y < src.height; y++)
      for (let x = 0; x < src.width; x++) this.blend(dx + x, dy + y, src.getPixel(x, y), alpha);
  }

  /** Box blur (three passes ≈ Gaussian) of a region; `radius` in pixels. */
  blur(radius: number, rect: Rect = { x: 0, y: 0, w: this.width, h: this.height }, passes = 3): void {
    const x0 = Math.max(0, Math.round(rect.x));
    const y0 = Math.max(0, Math.round(rect.y));
    const x1 = Math.min(this.width, Math.round(rect.x + rect.w));
    const y1 = Math.min(this.height, Math.round(rect.y + rect.h));
    const w = x1 - x0;
    const h = y1 - y0;
    if (w <= 0 || h <= 0 || radius <= 0) return;
    const line = new Float32Array(Math.max(w, h) * 3);
    const pass = (count: number, length: number, index: (a: number, b: number) => number) => {
      for (let a = 0; a < count; a++) {
        for (let b = 0; b < length; b++) {
          const i = index(a, b);
          line[b * 3] = this.data[i]!;
          line[b * 3 + 1] = this.data[i + 1]!;
          line[b * 3 + 2] = this.data[i + 2]!;
        }
        for (let ch = 0; ch < 3; ch++) {
          let sum = 0;
          const at = (b: number) => line[clamp(b, 0, length - 1) * 3 + ch]!;
          for (let b = -radius; b <= radius; b++) sum += at(b);
          for (let b = 0; b < length; b++) {
            this.data[index(a, b) + ch] = byte(sum / (2 * radius + 1));
            sum += at(b + radius + 1) - at(b - radius);
          }
        }
      }
    };
    for (let p = 0; p < passes; p++) {
      pass(h, w, (a, b) => ((y0 + a) * this.width + x0 + b) * 3);
      pass(w, h, (a, b) => ((y0 + b) * this.width + x0 + a) * 3);
    }
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    png.data = Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 6, deflateStrategy: 0 });
  }
}

export function insideRoundedRect(x: number, y: number, w: number, h: number, r: number) {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  return (px: number, py: number): boolean => {
    if (px < x || py < y || px > x + w || py > y + h) return false;
    const cx = clamp(px, x + rr, x + w - rr);
    const cy = clamp(py, y + rr, y + h - rr);
    return (px - cx) ** 2 + (py - cy) ** 2 <= rr * rr;
  };
}

export function insidePolygon(points: readonly Point[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
