"use client";

import { useEffect, useState } from "react";

import { SignatureCheck } from "@/components/demo/signature-check";
import { Card } from "@/components/ui/card";
import type { DemoWebhookEvent } from "@/lib/demo/webhooks";

const POLL_MS = 3_000;

/** What the demo gateway's webhook receiver got from Attest, newest first, each with its signature check. */
export function WebhookPanel({ source, endpoint }: { source: string; endpoint: string }) {
  const [events, setEvents] = useState<DemoWebhookEvent[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const response = await fetch(source, { cache: "no-store" });
        const body = (await response.json()) as { events: DemoWebhookEvent[] };
        if (!stopped) {
          setEvents(body.events);
          setFailed(false);
        }
      } catch {
        if (!stopped) setFailed(true);
      }
    };
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [source]);

  return (
    <Card title="Webhooks received" className="space-y-3 shadow-sm" data-testid="webhook-panel">
      <p className="text-sm text-slate-600">
        Attest pushes events to this gateway at <span className="break-all font-mono">{endpoint}</span>: a review decision, an expiry, a grant or a revocation.
        Each is an OCN request signed by the provider, checked here with the key from /metadata.json.
      </p>
      {failed ? <p role="alert" className="text-sm text-red-700">Could not load the received events; retrying.</p> : null}
      {events === null ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : events.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600">
          No events yet. Ask for consent, or have a reviewer decide on a person who granted this gateway something.
        </p>
      ) : (
        <ul className="space-y-3" aria-live="polite">
          {events.map((event) => (
            <li key={event.id} className="space-y-2 rounded-lg border border-slate-200 p-3" data-testid="webhook-event" data-type={event.type}>
              <p className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="font-mono font-semibold">{event.type}</span>
                <span className="text-xs text-slate-600">{event.receivedAt.replace("T", " ").slice(0, 19)} UTC</span>
              </p>
              <ul>
                <SignatureCheck
                  testId="webhook-signature"
                  ok={event.signatureValid}
                  passed="Signature verified"
                  failed="Signature NOT verified"
                  detail="X-OC-Signature over the provider OCID, timestamp, nonce, method, path and SHA-256 of the body"
                />
              </ul>
              <pre tabIndex={0} aria-label={`Body of ${event.type}`} className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
                {formatBody(event.body)}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function formatBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
