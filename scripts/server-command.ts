/** How the production server is started (server.ts), shared by `npm start`, the browser tests and the benchmark. */
export const SERVER_ARGS = ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "server.ts"];

/** Debian's Chromium as root on a closed network: no sandbox, GPU or background connections. */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"];
