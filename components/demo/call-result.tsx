import { CopySnippets } from "@/components/demo/copy-snippets";
import { KycDataView } from "@/components/demo/kyc-data-view";
import { PartnerStatusBadge } from "@/components/demo/partner-status-badge";
import { SignatureCheck } from "@/components/demo/signature-check";
import { Card } from "@/components/ui/card";
import type { DemoCallResult } from "@/lib/demo/gateway-form";
import { ITEM_INFO, isItem, PARTNER_STATUSES, type PartnerStatus } from "@/lib/items/items";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isStatus = (value: unknown): value is PartnerStatus => (PARTNER_STATUSES as readonly unknown[]).includes(value);

/** One signed call as the gateway saw it: request, answer, the signature checks, the result. */
export function CallResult({ result }: { result: DemoCallResult }) {
  const body = isObject(result.body) ? result.body : {};
  const error = isObject(body.error) ? body.error : null;
  return (
    <Card
      title={result.kind === "validate" ? "Status check" : "Data fetch"}
      actions={
        <p className="text-slate-600">
          <span className={`font-mono font-semibold ${result.status < 300 ? "text-emerald-700" : "text-red-700"}`} data-testid="response-status">
            HTTP {result.status}
          </span>{" "}
          in {result.durationMs} ms
        </p>
      }
      className="space-y-4 shadow-sm"
      data-testid="call-result"
      data-kind={result.kind}
    >

      <ol className="space-y-1 border-l-2 border-brand-100 pl-4 text-sm text-slate-700">
        <li>
          1. Signed request sent as partner 300: <span className="break-all font-mono">{result.request.method} {result.request.url}</span>
        </li>
        <li>2. Provider key read from <span className="font-mono">{new URL(result.provider.metadataUrl).pathname}</span> and checked against its signature</li>
        <li>3. Answer checked with that key</li>
      </ol>

      <ul className="space-y-2">
        <SignatureCheck
          testId="response-signature"
          ok={result.responseSignatureValid}
          passed="Response signature verified"
          failed="Response signature NOT verified"
          detail="X-OC-Signature over OCID, timestamp, status and the SHA-256 of the body"
        />
        {result.dataSignatureValid !== null ? (
          <SignatureCheck
            testId="data-signature"
            ok={result.dataSignatureValid}
            passed="Data signature verified (provider key from /metadata.json)"
            failed="Data signature NOT verified"
            detail="signature over the SHA-256 of the canonical JSON (RFC 8785) of the envelope"
          />
        ) : null}
      </ul>

      {error ? <ErrorView error={error} /> : result.kind === "validate" ? <ValidateView body={body} /> : <DataView body={body} />}

      <CopySnippets request={result.request} />

      <details className="rounded-lg bg-slate-50 p-3 text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">Raw request and response</summary>
        <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs text-slate-800">
          {Object.entries(result.request.headers)
            .filter(([name]) => name.startsWith("x-oc-"))
            .map(([name, value]) => `${name}: ${value}`)
            .join("\n")}
          {`\n\n${result.request.body}\n\n→ ${JSON.stringify(result.body, null, 2)}`}
        </pre>
      </details>
    </Card>
  );
}

function ErrorView({ error }: { error: Json }) {
  const details = isObject(error.details) ? Object.entries(error.details) : [];
  return (
    <div className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="call-error">
      <p>
        <span className="font-mono font-semibold">{String(error.code)}</span> — {String(error.message)}
      </p>
      {details.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-2">
          {details.map(([item, status]) => (
            <li key={item} className="flex items-center gap-1">
              <span>{isItem(item) ? ITEM_INFO[item].label : item}:</span>
              {isStatus(status) ? <PartnerStatusBadge status={status} /> : <span className="font-mono">{String(status)}</span>}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ValidateView({ body }: { body: Json }) {
  const grants = isObject(body.grants) ? Object.entries(body.grants) : [];
  const when = (value: unknown) => (typeof value === "number" ? new Date(value * 1000).toISOString().slice(0, 10) : "—");
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="kyc-complete">
        KYC complete for this partner: <span className="font-semibold">{body.kyc_complete ? "yes" : "no"}</span>
        {body.kyc_complete ? (
          <span className="text-slate-600">
            {" "}
            · verified {when(body.verified_at)} · expires {when(body.expires_at)}
          </span>
        ) : null}
      </p>
      <ul className="grid gap-2 sm:grid-cols-2" aria-label="Item statuses">
        {grants.map(([item, status]) => (
          <li key={item} className="flex items-center justify-between gap-2 rounded-lg border border-slate-200 px-3 py-2" data-testid={`status-${item}`}>
            <span className="text-sm">{isItem(item) ? ITEM_INFO[item].label : item}</span>
            {isStatus(status) ? <PartnerStatusBadge status={status} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function DataView({ body }: { body: Json }) {
  const seconds = (value: unknown) => (typeof value === "number" ? new Date(value * 1000).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Issued by provider <span className="font-mono">{String(body.provider)}</span> to requester <span className="font-mono">{String(body.requester)}</span> at{" "}
        {seconds(body.issued_at)}, valid until {seconds(body.expires_at)}.
      </p>
      {isObject(body.data) ? <KycDataView data={body.data} /> : null}
    </div>
  );
}
