import { DEMO_GATEWAY } from "@/lib/demo/gateway";

export function DemoGatewayIntro({ title = "Demo gateway" }: { title?: string }) {
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium uppercase tracking-wide text-brand-700">
        {DEMO_GATEWAY.name} · OCID {DEMO_GATEWAY.ocid}
      </p>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="max-w-3xl text-slate-600">
        This page plays an Opencharge Network gateway. Its server calls Attest over HTTP exactly as an outside partner would: every request is signed with the
        gateway&apos;s secp256k1 key, and every answer is checked against the provider key published in{" "}
        <a className="font-mono text-brand-700 underline" href="/metadata.json">
          /metadata.json
        </a>
        . The gateway&apos;s key is public on purpose: demo only.
      </p>
    </div>
  );
}
