/** How the production server is started (server.ts), shared by `npm start`, the browser tests and the benchmark. */
export const SERVER_ARGS = ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "server.ts"];
