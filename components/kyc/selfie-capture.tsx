"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";

import { submitSelfieAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormMessage, SubmitButton } from "@/components/kyc/fields";
import { ReturnToField, useReturnTo } from "@/components/kyc/return-to-field";
import { Button } from "@/components/ui/button";
import { Field, fileInputClass } from "@/components/ui/field";

type Camera = "off" | "starting" | "on" | "unavailable";

/**
 * A selfie from the browser camera, or from a file when there is no camera or the person
 * says no. The picture is taken on a canvas and sent as a JPEG; nothing leaves the browser
 * before "Use this picture".
 */
export function SelfieCapture() {
  const [state, action, pending] = useActionState<FormState, FormData>(submitSelfieAction, IDLE);
  const returnTo = useReturnTo();
  const t = useTranslations("forms");
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [camera, setCamera] = useState<Camera>("off");
  const [cameraProblem, setCameraProblem] = useState<string>();
  const [shot, setShot] = useState<{ blob: Blob; url: string } | null>(null);

  const stop = () => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
  };
  useEffect(() => stop, []);
  useEffect(() => () => (shot ? URL.revokeObjectURL(shot.url) : undefined), [shot]);

  async function start() {
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera("unavailable");
      setCameraProblem(t("noCameraHere"));
      return;
    }
    setCamera("starting");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user", width: { ideal: 720 } }, audio: false });
      streamRef.current = stream;
      setShot(null);
      setCamera("on");
      if (videoRef.current) {
        videoRef.current.srcObject = stream;
        await videoRef.current.play().catch(() => undefined);
      }
    } catch (error) {
      setCamera("unavailable");
      setCameraProblem(
        error instanceof DOMException && error.name === "NotAllowedError"
          ? t("cameraRefused")
          : t("noCamera"),
      );
    }
  }

  useEffect(() => {
    // The video element mounts with the "on" state; attach the stream once it exists.
    if (camera === "on" && videoRef.current && streamRef.current && videoRef.current.srcObject !== streamRef.current) {
      videoRef.current.srcObject = streamRef.current;
      void videoRef.current.play().catch(() => undefined);
    }
  }, [camera]);

  function capture() {
    const video = videoRef.current;
    if (!video || video.videoWidth === 0) return;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")?.drawImage(video, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (!blob) return;
        setShot({ blob, url: URL.createObjectURL(blob) });
        stop();
        setCamera("off");
      },
      "image/jpeg",
      0.9,
    );
  }

  function send() {
    if (!shot) return;
    const form = new FormData();
    form.set("selfie", new File([shot.blob], "selfie.jpg", { type: "image/jpeg" }));
    if (returnTo) form.set("return_to", returnTo);
    startTransition(() => action(form));
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="camera-heading" className="space-y-3">
        <h2 id="camera-heading" className="font-medium">
          Take a selfie
        </h2>
        <p className="text-sm text-slate-600">{t("selfieIntro")}</p>
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-slate-900/5">
          {camera === "on" ? (
            <video ref={videoRef} playsInline muted aria-label={t("cameraPreview")} className="mx-auto aspect-[3/4] max-h-96 w-full -scale-x-100 object-cover sm:w-auto" />
          ) : shot ? (
            // eslint-disable-next-line @next/next/no-img-element -- a local blob, nothing to optimise
            <img src={shot.url} alt={t("selfieReady")} className="mx-auto aspect-[3/4] max-h-96 w-full object-cover sm:w-auto" />
          ) : (
            <div className="flex aspect-[3/4] max-h-96 w-full items-center justify-center text-sm text-slate-700 sm:aspect-video">
              {camera === "starting" ? t("cameraStarting") : t("cameraOff")}
            </div>
          )}
        </div>
        <div className="flex flex-wrap gap-3">
          {camera === "on" ? (
            <Button onClick={capture}>Take picture</Button>
          ) : (
            <Button variant="secondary" onClick={start} disabled={camera === "starting"}>
              {shot ? t("retake") : t("startCamera")}
            </Button>
          )}
          {shot ? (
            <Button onClick={send} disabled={pending}>
              {pending ? t("sending") : t("usePicture")}
            </Button>
          ) : null}
        </div>
        {cameraProblem ? (
          <p role="alert" className="text-sm text-amber-800">
            {cameraProblem}
          </p>
        ) : null}
      </section>

      <form action={action} className="space-y-3 border-t border-slate-200 pt-6">
        <ReturnToField />
        <Field id="selfie-file" label={t("uploadSelfie")} hint={t("selfieFileHint")}>
          {(control) => <input {...control} name="selfie" type="file" accept="image/jpeg,image/png" capture="user" className={fileInputClass} />}
        </Field>
        <SubmitButton pending={pending} pendingLabel={t("uploading")}>
          {t("uploadPhoto")}
        </SubmitButton>
      </form>
      <FormMessage message={state.message} />
    </div>
  );
}
