/** POST /kyc/validate (SPEC §4); the handler lives with the partner-facing API. */
export { validateRoute as POST } from "@/lib/partner-api/routes";
