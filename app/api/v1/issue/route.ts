/** POST /api/v1/issue (SPEC §6); the handler lives with the Credentials API. */
export { issueRoute as POST } from "@/lib/credentials-api/routes";
