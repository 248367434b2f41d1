import { GET as capabilities } from "@/app/capabilities/route";
import { POST as verifyCredential } from "@/app/api/v1/verify/route";
import { POST as kycData } from "@/app/kyc/data/route";
import { POST as kycValidate } from "@/app/kyc/validate/route";

/**
 * The machine API routes server.ts answers without Next's page pipeline:
 * the same handlers Next serves from app/, each a plain Request → Response
 * function that authenticates its caller itself (withPartner, withApiKey).
 * Next's request pipeline costs more CPU than these handlers' own work.
 */
export const MACHINE_ROUTES: Record<string, (request: Request) => Promise<Response>> = {
  "GET /capabilities": capabilities,
  "POST /kyc/validate": kycValidate,
  "POST /kyc/data": kycData,
  "POST /api/v1/verify": verifyCredential,
};
