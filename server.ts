/**
 * The production server: Next.js for pages, server actions and most routes,
 * with the high-volume machine API (SPEC §4 validate/data/capabilities and
 * credential verification) answered directly by the same route handlers,
 * skipping Next's per-request pipeline (lib/http/attest-server.ts). Started by `npm start`.
 */
import next from "next";

import { getEnv } from "./lib/env";
import { createAttestServer } from "./lib/http/attest-server";

const env = getEnv();
const app = next({ dev: false, hostname: env.host, port: env.port });
const handle = app.getRequestHandler();

await app.prepare();

createAttestServer({ next: (request, response) => handle(request, response) }).listen(env.port, env.host, () =>
  console.log(`Attest listening on ${env.publicUrl.href} (port ${env.port})`),
);
