import { openApiDocument } from "@/lib/ocn/openapi";

/** The OCN API description (OpenAPI 3.1), generated from the same zod schemas as the routes. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
