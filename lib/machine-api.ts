import "server-only";

import { credentialsApiDescription } from "@/lib/credentials-api/openapi";
import { issueRoute, verifyRoute } from "@/lib/credentials-api/routes";
import type { AttestServerOptions } from "@/lib/http/attest-server";
import { healthz, readyz } from "@/lib/http/health";
import type { MachineHandler, MachineRoute } from "@/lib/http/machine-routes";
import { metricsEndpoint } from "@/lib/http/metrics-endpoint";
import { openApiDocument } from "@/lib/http/openapi";
import { signResponse } from "@/lib/ocn/authenticate";
import { providerEndpoint } from "@/lib/ocn/provider";
import { partnerApiDescription } from "@/lib/partner-api/openapi";
import { capabilitiesRoute, dataRoute, validateRoute } from "@/lib/partner-api/routes";

/**
 * Who answers each machine route (lib/http/machine-routes.ts) when the server answers it
 * itself: the domains' own handlers, the same functions app/ exports to Next. Handed to the
 * server by server.ts, like the start-up in lib/startup.ts, so the HTTP layer imports no
 * domain code. Every route in the table must have a handler here (the type says so).
 */
export const MACHINE_HANDLERS: Record<MachineRoute, MachineHandler> = {
  "GET /capabilities": capabilitiesRoute,
  "POST /kyc/validate": validateRoute,
  "POST /kyc/data": dataRoute,
  "POST /api/v1/verify": verifyRoute,
  "POST /api/v1/issue": issueRoute,
  "GET /healthz": healthz,
  "GET /readyz": readyz,
  "GET /metrics": metricsEndpoint,
};

/** What the server needs to answer the machine API: the handlers, and the OCN signature its own errors carry there. */
export const MACHINE_API: Pick<AttestServerOptions, "routes" | "signOcnResponse"> = { routes: MACHINE_HANDLERS, signOcnResponse: signResponse };

/** /openapi.json: both machine APIs as one OpenAPI 3.1 document, each part generated from its routes' zod schemas. */
export function machineApiDocument() {
  return openApiDocument(
    {
      title: "Attest — OCN KYC Provider API and Credentials API",
      description:
        "OCN KYC API (/capabilities, /kyc/*): requests are signed by the calling OCN partner (X-OC-ID, X-OC-Timestamp, X-OC-Nonce, X-OC-Signature over `ocid\\ntimestamp\\nnonce\\nMETHOD\\npath?query\\nsha256(body)`); every response, errors included, is signed by this provider. " +
        "Credentials API (/api/v1/*, /.well-known/*): KYC tier credentials as EdDSA VC-JWTs, paid for in credits by API accounts (X-API-Key, or a bearer token from /api/v1/tokens).",
      server: providerEndpoint(),
    },
    partnerApiDescription(),
    credentialsApiDescription(),
  );
}
