"use client";

import { useState } from "react";

/** A document image with zoom and rotation, for reading small print and sideways photos. */
export function ImageViewer({ src, label }: { src: string; label: string }) {
  const [zoom, setZoom] = useState(1);
  const [turns, setTurns] = useState(0);
  const button = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium hover:bg-slate-100";
  return (
    <figure className="space-y-2">
      <div className="flex h-64 items-center justify-center overflow-auto rounded-lg border border-slate-200 bg-slate-50">
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, uncached staff-only route; the optimiser must not copy it */}
        <img
          src={src}
          alt={label}
          className="max-h-full max-w-full origin-center transition-transform"
          style={{ transform: `scale(${zoom}) rotate(${turns * 90}deg)` }}
        />
      </div>
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span>{label}</span>
        <span className="flex gap-1" role="group" aria-label={`View controls for ${label}`}>
          <button type="button" className={button} onClick={() => setZoom((z) => Math.min(4, z + 0.5))} aria-label="Zoom in">
            +
          </button>
          <button type="button" className={button} onClick={() => setZoom((z) => Math.max(0.5, z - 0.5))} aria-label="Zoom out">
            −
          </button>
          <button type="button" className={button} onClick={() => setTurns((t) => (t + 1) % 4)} aria-label="Rotate a quarter turn">
            ⟳
          </button>
          <button type="button" className={button} onClick={() => { setZoom(1); setTurns(0); }}>
            Reset
          </button>
          <a href={src} target="_blank" rel="noreferrer" className={button}>
            Open
          </a>
        </span>
      </figcaption>
    </figure>
  );
}
