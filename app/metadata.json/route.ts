import { providerMetadata } from "@/lib/ocn/provider";

/** Public provider metadata for OCN service discovery (SPEC §4). */
export function GET() {
  return Response.json(providerMetadata(), { headers: { "Cache-Control": "public, max-age=300" } });
}
