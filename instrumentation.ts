/**
 * Start-up (SPEC §1): validate the configuration, load the keys, open and
 * migrate the database and seed it, before the server takes requests.
 * A bad value stops the process with one line naming the variable.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAttest } = await import("@/lib/startup");
  await startAttest();
}
