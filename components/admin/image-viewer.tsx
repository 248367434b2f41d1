"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";

import { readViewerSettings, serverViewerSettings, subscribeViewerSettings, writeViewerSettings } from "@/components/admin/viewer-settings";

/**
 * A document image with zoom and rotation, for reading small print and sideways photos.
 * "Wide" lets it take the page's full width; zoom, wide mode and the scrolled-to place carry
 * over to the next item's images.
 */
export function ImageViewer({ src, label }: { src: string; label: string }) {
  const settings = useSyncExternalStore(subscribeViewerSettings, readViewerSettings, serverViewerSettings);
  const [turns, setTurns] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  const { zoom, wide } = settings;

  // Return to the same part of the document after a zoom change or on the next item.
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const { x, y } = readViewerSettings();
    element.scrollLeft = x * (element.scrollWidth - element.clientWidth);
    element.scrollTop = y * (element.scrollHeight - element.clientHeight);
  }, [zoom, wide]);

  const remember = () => {
    const element = frame.current;
    if (!element) return;
    const spanX = element.scrollWidth - element.clientWidth;
    const spanY = element.scrollHeight - element.clientHeight;
    writeViewerSettings({ x: spanX > 0 ? element.scrollLeft / spanX : 0, y: spanY > 0 ? element.scrollTop / spanY : 0 });
  };

  const button = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium hover:bg-slate-100";
  return (
    <figure className={`space-y-2 ${wide ? "col-span-full" : ""}`} data-testid="image-viewer" data-zoom={zoom} data-wide={wide ? "true" : undefined}>
      <div ref={frame} onScroll={remember} className={`overflow-auto rounded-lg border border-slate-200 bg-slate-50 ${wide ? "h-[70vh]" : "h-64"}`}>
        {/* The image is laid out at the zoomed size, so the frame scrolls over all of it. */}
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, uncached staff-only route; the optimiser must not copy it */}
        <img
          src={src}
          alt={label}
          className="mx-auto block max-w-none origin-center object-contain transition-transform"
          style={{ width: `${zoom * 100}%`, height: `${zoom * 100}%`, transform: `rotate(${turns * 90}deg)` }}
        />
      </div>
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span>
          {label} · {Math.round(zoom * 100)}%
        </span>
        <span className="flex flex-wrap gap-1" role="group" aria-label={`View controls for ${label}`}>
          <button type="button" className={button} onClick={() => writeViewerSettings({ zoom: Math.min(4, zoom + 0.5) })} aria-label="Zoom in">
            +
          </button>
          <button type="button" className={button} onClick={() => writeViewerSettings({ zoom: Math.max(0.5, zoom - 0.5) })} aria-label="Zoom out">
            −
          </button>
          <button type="button" className={button} onClick={() => setTurns((t) => (t + 1) % 4)} aria-label="Rotate a quarter turn">
            ⟳
          </button>
          <button type="button" className={button} onClick={() => writeViewerSettings({ wide: !wide })} aria-pressed={wide}>
            Wide
          </button>
          <button
            type="button"
            className={button}
            onClick={() => {
              setTurns(0);
              writeViewerSettings({ zoom: 1, wide: false, x: 0, y: 0 });
            }}
          >
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
