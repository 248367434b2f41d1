/** The demo partner's icon, named in its metadata like any gateway's. */
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0f766e"/><path d="M20 22h14a10 10 0 0 1 0 20H20zm8 6v8h6a4 4 0 0 0 0-8z" fill="#fff"/></svg>`;

export function GET() {
  return new Response(ICON, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=300" } });
}
