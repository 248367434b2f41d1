import Link from "next/link";

const AREAS = [
  {
    href: "/account",
    title: "Your identity",
    body: "Provide and verify your identity items, decide item by item which partner may see what, and take it back at any time.",
  },
  {
    href: "/demo",
    title: "Demo gateway",
    body: "Watch a partner on the Opencharge Network ask for consent, check what is verified and fetch signed data.",
  },
  {
    href: "/admin",
    title: "Compliance console",
    body: "Review pending verifications with the evidence beside them, decide with reasons, and prove it later in the audit log.",
  },
];

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight text-brand-900 sm:text-4xl">Verified identity, shared on your terms.</h1>
        <p className="max-w-2xl text-lg text-slate-700">
          Attest is an open-source KYC provider. It verifies identity data, lets each person grant or deny partners access item by
          item, serves that data over the Opencharge Network KYC Provider API with secp256k1 signatures partners can check, and
          issues W3C Verifiable Credentials for KYC attestations.
        </p>
      </section>
      <ul className="grid gap-4 sm:grid-cols-3">
        {AREAS.map((area) => (
          <li key={area.href}>
            <Link
              href={area.href}
              className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow"
            >
              <h2 className="font-semibold text-brand-700">{area.title}</h2>
              <p className="mt-2 text-sm text-slate-600">{area.body}</p>
            </Link>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        Partners: the provider metadata is at{" "}
        <a className="font-mono text-brand-700 underline" href="/metadata.json">
          /metadata.json
        </a>{" "}
        and the API description at{" "}
        <a className="font-mono text-brand-700 underline" href="/openapi.json">
          /openapi.json
        </a>
        .
      </p>
    </div>
  );
}
