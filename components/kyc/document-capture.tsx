"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { CAMERA_REQUEST, frameIn, JPEG_QUALITY, outputSize, type Rect } from "@/lib/documents/capture-frame";

type Camera = "off" | "starting" | "on" | "unavailable";

const percent = (part: number, whole: number) => `${(100 * part) / whole}%`;

/**
 * A document photographed with the rear camera, as an alternative to choosing a file: the preview
 * shows a frame of the document's shape, the picture is cut to that frame and put into the form's
 * own file input (`input` is its id), so the form uploads it as if it had been chosen. Without a
 * camera, or when the person says no, the file input is still there.
 */
export function DocumentCapture({ input, shape, label }: { input: string; shape: number; label: string }) {
  const t = useTranslations("capture");
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const placed = useRef<File | null>(null);
  const [camera, setCamera] = useState<Camera>("off");
  const [problem, setProblem] = useState<string>();
  const [video, setVideo] = useState<{ width: number; height: number } | null>(null);
  const [shot, setShot] = useState<{ url: string; width: number; height: number } | null>(null);

  const stop = () => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
  };
  useEffect(() => stop, []);
  useEffect(() => () => (shot ? URL.revokeObjectURL(shot.url) : undefined), [shot]);

  // A file chosen by hand replaces the picture: the preview must not show what will not be sent.
  useEffect(() => {
    const field = document.getElementById(input);
    const onChange = () => {
      if (field instanceof HTMLInputElement && field.files?.[0] !== placed.current) setShot(null);
    };
    field?.addEventListener("change", onChange);
    return () => field?.removeEventListener("change", onChange);
  }, [input]);

  useEffect(() => {
    // The video element mounts with the "on" state; attach the stream once it exists.
    if (camera === "on" && videoRef.current && streamRef.current && videoRef.current.srcObject !== streamRef.current) {
      videoRef.current.srcObject = streamRef.current;
      void videoRef.current.play().catch(() => undefined);
    }
  }, [camera]);

  async function start() {
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera("unavailable");
      setProblem(t("noCameraApi"));
      return;
    }
    setCamera("starting");
    setProblem(undefined);
    try {
      streamRef.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", ...CAMERA_REQUEST }, audio: false });
      setVideo(null);
      setCamera("on");
    } catch (error) {
      setCamera("unavailable");
      setProblem(
        error instanceof DOMException && error.name === "NotAllowedError"
          ? t("refused")
          : t("noCamera"),
      );
    }
  }

  function cancel() {
    stop();
    setCamera("off");
  }

  function capture() {
    const element = videoRef.current;
    if (!element || element.videoWidth === 0) return;
    const frame: Rect = frameIn(element.videoWidth, element.videoHeight, shape);
    const size = outputSize(frame);
    const canvas = document.createElement("canvas");
    canvas.width = size.width;
    canvas.height = size.height;
    canvas.getContext("2d")?.drawImage(element, frame.x, frame.y, frame.width, frame.height, 0, 0, size.width, size.height);
    canvas.toBlob(
      (blob) => {
        const field = document.getElementById(input);
        if (!blob || !(field instanceof HTMLInputElement)) return;
        const file = new File([blob], `${input}-camera.jpg`, { type: "image/jpeg" });
        const files = new DataTransfer();
        files.items.add(file);
        placed.current = file;
        field.files = files.files;
        field.dispatchEvent(new Event("change", { bubbles: true }));
        setShot({ url: URL.createObjectURL(blob), ...size });
        cancel();
      },
      "image/jpeg",
      JPEG_QUALITY,
    );
  }

  const frame = video ? frameIn(video.width, video.height, shape) : null;
  // The controls are described by the field's label, not named after it: a name that repeated
  // it would make the label ambiguous for whoever looks the file field up by it.
  const describedBy = `${input}-capture-for`;

  return (
    <section data-testid={`capture-${input}`} className="space-y-2">
      <span id={describedBy} hidden>
        {label}
      </span>
      {camera === "on" ? (
        <div
          className="relative mx-auto max-h-[70vh] w-full overflow-hidden rounded-lg bg-slate-900"
          style={video ? { aspectRatio: `${video.width} / ${video.height}` } : { aspectRatio: "16 / 9" }}
        >
          <video
            ref={videoRef}
            playsInline
            muted
            aria-label={t("previewName")}
            aria-describedby={describedBy}
            title={t("preview")}
            onLoadedMetadata={(event) => setVideo({ width: event.currentTarget.videoWidth, height: event.currentTarget.videoHeight })}
            className="absolute inset-0 h-full w-full object-cover"
          />
          {frame && video ? (
            <div
              aria-hidden="true"
              data-testid="capture-frame"
              className="pointer-events-none absolute rounded-md border-2 border-white shadow-[0_0_0_9999px_rgba(15,23,42,0.55)]"
              style={{ left: percent(frame.x, video.width), top: percent(frame.y, video.height), width: percent(frame.width, video.width), height: percent(frame.height, video.height) }}
            />
          ) : null}
        </div>
      ) : shot ? (
        // eslint-disable-next-line @next/next/no-img-element -- a local blob, nothing to optimise
        <img src={shot.url} alt={t("photographed", { label })} className="h-auto max-h-64 w-auto max-w-full rounded-lg border border-slate-200" width={shot.width} height={shot.height} />
      ) : null}
      <div className="flex flex-wrap gap-3">
        {camera === "on" ? (
          <>
            <Button size="sm" onClick={capture}>
              {t("take")}
            </Button>
            <Button variant="secondary" size="sm" onClick={cancel}>
              {t("cancel")}
            </Button>
          </>
        ) : (
          <Button variant="secondary" size="sm" onClick={start} disabled={camera === "starting"} aria-describedby={describedBy}>
            {camera === "starting" ? t("starting") : shot ? t("retake") : t("use")}
          </Button>
        )}
      </div>
      <p role="status" className="text-sm text-slate-700">
        {shot ? t("done", { width: shot.width, height: shot.height }) : ""}
      </p>
      {problem ? (
        <p role="alert" className="text-sm text-amber-800">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
