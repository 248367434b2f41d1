import { demoGatewayMetadata } from "@/lib/demo/gateway";

/** The demo partner's public metadata, as a real gateway would publish it (SPEC §10). */
export function GET() {
  return Response.json(demoGatewayMetadata(), { headers: { "Cache-Control": "public, max-age=300" } });
}
