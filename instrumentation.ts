/**
 * Start-up (SPEC §1) under `next dev` and `next start`, before the first request: the same
 * composition root server.ts awaits (lib/startup.ts), which runs once per process however
 * many callers ask for it. A bad value stops the process with one line naming the variable.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAttest } = await import("@/lib/startup");
  await startAttest();
}
