/** POST /kyc/data (SPEC §4); the handler lives with the partner-facing API. */
export { dataRoute as POST } from "@/lib/partner-api/routes";
