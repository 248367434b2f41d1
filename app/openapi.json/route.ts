import { machineApiDocument } from "@/lib/machine-api";

/** Both machine APIs described as OpenAPI 3.1, generated from the same zod schemas as the routes. */
export function GET() {
  return Response.json(machineApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
