import { GET as capabilities } from "@/app/capabilities/route";
import { POST as verifyCredential } from "@/app/api/v1/verify/route";
import { POST as kycData } from "@/app/kyc/data/route";
import { POST as kycValidate } from "@/app/kyc/validate/route";
import { healthz, readyz } from "@/lib/http/health";
import { metricsEndpoint } from "@/lib/http/metrics-endpoint";

/**
 * The machine API routes server.ts answers without Next's page pipeline:
 * the same handlers Next serves from app/, each a plain Request → Response
 * function that authenticates its caller itself (withPartner, withApiKey).
 * Next's request pipeline costs more CPU than these handlers' own work.
 */
export type MachineHandler = (request: Request) => Promise<Response>;

export const MACHINE_ROUTES: Record<string, MachineHandler> = {
  "GET /capabilities": capabilities,
  "POST /kyc/validate": kycValidate,
  "POST /kyc/data": kycData,
  "POST /api/v1/verify": verifyCredential,
  // Operations: probes and metrics exist only here, never through Next.
  "GET /healthz": healthz,
  "GET /readyz": readyz,
  "GET /metrics": metricsEndpoint,
};

/** The routes above that withPartner wraps: every answer they give, errors included, is signed (SPEC §2). */
export const OCN_MACHINE_ROUTES: ReadonlySet<string> = new Set(["GET /capabilities", "POST /kyc/validate", "POST /kyc/data"]);
