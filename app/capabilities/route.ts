/** GET /capabilities (SPEC §4); the handler lives with the partner-facing API. */
export { capabilitiesRoute as GET } from "@/lib/partner-api/routes";
