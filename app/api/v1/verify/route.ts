/** POST /api/v1/verify (SPEC §6); the handler lives with the Credentials API. */
export { verifyRoute as POST } from "@/lib/credentials-api/routes";
