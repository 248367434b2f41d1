import { serveDocument } from "@/lib/documents/download";

/** GET /kyc/documents/{id}?exp=…&sig=… (SPEC §3): a signed, short-lived document image URL. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const url = new URL(request.url);
  return serveDocument({ id, exp: url.searchParams.get("exp"), sig: url.searchParams.get("sig") });
}
