/**
 * The production server: Next.js for pages, server actions and most routes,
 * with the high-volume machine API (SPEC §4 validate/data/capabilities and
 * credential verification) answered directly by the same route handlers,
 * skipping Next's per-request pipeline (lib/http/attest-server.ts, handed the handlers by
 * lib/machine-api.ts). Started by `npm start`.
 */
import next from "next";

import { closeDb } from "./lib/db/client";
import { getEnv } from "./lib/env";
import { logUnexpected } from "./lib/http/errors";
import { createAttestServer, InFlight } from "./lib/http/attest-server";
import { MACHINE_API } from "./lib/machine-api";
import { startAttest } from "./lib/startup";

// Configuration, keys, database and the jobs, before anything else (lib/startup.ts); a bad
// value stops the process here with one line naming the variable.
await startAttest();

const env = getEnv();
// Next builds its internal request URL from these, not from the address it is bound to:
// PUBLIC_URL's, so Next, Auth.js and the route handlers all see the origin people use.
const app = next({ dev: false, hostname: env.publicUrl.hostname, port: Number(env.publicUrl.port || (env.publicUrl.protocol === "https:" ? 443 : 80)) });
const handle = app.getRequestHandler();
// How long requests already under way may take to finish once a stop is asked for, and then
// how long background jobs may take to finish their pass before the database closes under them.
const DRAIN_MS = 10_000;
const CLOSE_MS = 10_000;

await app.prepare();

const inFlight = new InFlight();
const server = createAttestServer({ next: (request, response) => handle(request, response), inFlight, ...MACHINE_API }).listen(env.port, env.host, () =>
  console.log(`Attest listening on ${env.publicUrl.href} (port ${env.port})`),
);

/**
 * A stop (SIGTERM from a supervisor or load balancer, Ctrl-C) stops taking connections,
 * lets requests under way finish, then closes the database, so an embedded data directory
 * is left closed cleanly rather than cut off mid-write.
 */
let stopping = false;
function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`Attest stopping (${signal})`);
  // close() also ends idle keep-alive connections (Node 19 and later).
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const drained = closed.then(() => inFlight.idle());
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref());
  void Promise.race([drained, deadline])
    .then(() => Promise.race([closeDb(), new Promise<void>((resolve) => setTimeout(resolve, CLOSE_MS).unref())]))
    .catch((error: unknown) => logUnexpected(error, "closing the database"))
    .finally(() => process.exit(0));
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
