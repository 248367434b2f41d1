"use client";

/**
 * The document viewer's zoom, wide mode and scroll place, shared by every viewer and kept
 * for the browser tab (sessionStorage), so moving to the next item or case keeps the same
 * magnification and the same part of the page in view.
 */
export type ViewerSettings = { zoom: number; wide: boolean; x: number; y: number };

const KEY = "attest.viewer";
const DEFAULTS: ViewerSettings = { zoom: 1, wide: false, x: 0, y: 0 };
const listeners = new Set<() => void>();
let cached: { raw: string | null; value: ViewerSettings } | null = null;

export function readViewerSettings(): ViewerSettings {
  const raw = typeof sessionStorage === "undefined" ? null : sessionStorage.getItem(KEY);
  if (cached && cached.raw === raw) return cached.value;
  let value = DEFAULTS;
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<ViewerSettings>) : {};
    value = {
      zoom: typeof parsed.zoom === "number" && parsed.zoom >= 0.5 && parsed.zoom <= 4 ? parsed.zoom : 1,
      wide: parsed.wide === true,
      x: typeof parsed.x === "number" ? Math.min(1, Math.max(0, parsed.x)) : 0,
      y: typeof parsed.y === "number" ? Math.min(1, Math.max(0, parsed.y)) : 0,
    };
  } catch {
    value = DEFAULTS;
  }
  cached = { raw, value };
  return value;
}

export const serverViewerSettings = (): ViewerSettings => DEFAULTS;

export function writeViewerSettings(change: Partial<ViewerSettings>): void {
  sessionStorage.setItem(KEY, JSON.stringify({ ...readViewerSettings(), ...change }));
  for (const listener of listeners) listener();
}

export function subscribeViewerSettings(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
