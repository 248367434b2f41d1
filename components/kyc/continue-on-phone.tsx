"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";

import { startHandoffAction } from "@/app/(account)/account/handoff-actions";
import { Button } from "@/components/ui/button";
import type { ItemStatus } from "@/lib/items/item-status";
import type { DocumentItem } from "@/lib/items/items";

const POLL_MS = 3_000;

type Link = { link: string; qr: string; expiresAt: number; since: string };
type Status = Pick<ItemStatus, "state" | "updatedAt">;

const versionOf = (status: Status) => `${status.state}:${status.updatedAt ?? ""}`;

async function fetchStatus(item: DocumentItem): Promise<Status | null> {
  const response = await fetch(`/account/items/${item}/status`, { cache: "no-store" });
  return response.ok ? ((await response.json()) as Status) : null;
}

/**
 * "Continue on your phone": a QR code for a one-time link that opens this item, signed in, on
 * another device with a camera. While the link is shown, the page asks every few seconds whether
 * the item changed and, once it has, shows its new state.
 */
export function ContinueOnPhone({ item, status }: { item: DocumentItem; status: Status }) {
  const t = useTranslations("handoff");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [link, setLink] = useState<Link | null>(null);
  const [problem, setProblem] = useState<string>();
  const [received, setReceived] = useState(false);
  const [expired, setExpired] = useState(false);
  const [copied, setCopied] = useState(false);

  async function check(current: Link) {
    const status = await fetchStatus(item).catch(() => null);
    if (status && versionOf(status) !== current.since) {
      setReceived(true);
      setLink(null);
      router.refresh();
    }
  }

  useEffect(() => {
    if (!link) return;
    const poll = setInterval(() => void check(link), POLL_MS);
    const expiry = setTimeout(() => setExpired(true), link.expiresAt - Date.now());
    return () => {
      clearInterval(poll);
      clearTimeout(expiry);
    };
    // `check` is recreated each render; the link is what starts and stops the polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [link]);

  function start() {
    setProblem(undefined);
    setReceived(false);
    setExpired(false);
    setCopied(false);
    startTransition(async () => {
      const result = await startHandoffAction(item);
      if (!result.ok || !result.link || !result.qr || !result.expiresAt) return setProblem(result.message ?? t("failed"));
      setLink({ link: result.link, qr: result.qr, expiresAt: Date.parse(result.expiresAt), since: versionOf(status) });
    });
  }

  async function copy(text: string) {
    await navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <section aria-labelledby="continue-on-phone" className="space-y-3 border-t border-slate-200 pt-4">
      <h3 id="continue-on-phone" className="font-medium">
        {t("title")}
      </h3>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {link && !expired ? (
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          {/* eslint-disable-next-line @next/next/no-img-element -- an SVG data URL drawn on the server */}
          <img src={link.qr} alt={t("qrAlt")} width={176} height={176} className="h-44 w-44 rounded-md border border-slate-200 bg-white" />
          <div className="min-w-0 space-y-2 text-sm">
            <p>{t("scan")}</p>
            <p className="break-all rounded-md bg-slate-100 px-2 py-1 font-mono text-xs text-slate-800" data-testid="handoff-link" data-handoff-link={link.link}>
              {link.link}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" size="sm" onClick={() => void copy(link.link)}>
                {copied ? t("copied") : t("copy")}
              </Button>
              <Button variant="secondary" size="sm" onClick={() => void check(link)}>
                {t("check")}
              </Button>
            </div>
            <p className="text-slate-600">{t("updates")}</p>
          </div>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={start} disabled={pending}>
          {pending ? t("making") : expired ? t("expired") : t("title")}
        </Button>
      )}
      <p role="status" className="text-sm text-emerald-800">
        {received ? t("received") : ""}
      </p>
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
