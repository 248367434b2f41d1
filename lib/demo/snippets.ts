/**
 * A signed call from /demo as a command line and as code, byte for byte what was sent. The
 * nonce in it is spent: running it again answers NONCE_REUSED, as OCN intends; sign a fresh
 * request with lib/ocn/client.ts (signRequestHeaders) to call again.
 */
export type SentRequest = { method: string; url: string; headers: Record<string, string>; body: string };

const shellQuote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

function sentHeaders(request: SentRequest): [string, string][] {
  return Object.entries(request.headers).filter(([name]) => name.startsWith("x-oc-") || name === "content-type");
}

export function curlSnippet(request: SentRequest): string {
  const headers = sentHeaders(request).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`);
  return [`curl -X ${request.method} ${shellQuote(request.url)}`, ...headers, `  --data-raw ${shellQuote(request.body)}`].join(" \\\n");
}

export function fetchSnippet(request: SentRequest): string {
  const headers = JSON.stringify(Object.fromEntries(sentHeaders(request)), null, 2).replaceAll("\n", "\n  ");
  return `const response = await fetch(${JSON.stringify(request.url)}, {\n  method: ${JSON.stringify(request.method)},\n  headers: ${headers},\n  body: ${JSON.stringify(request.body)},\n});\nconsole.log(response.status, await response.json());`;
}
