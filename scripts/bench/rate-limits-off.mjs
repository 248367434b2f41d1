// Loaded with --import by `npm run bench` for its "rate limiting off" rows only: the process's
// rate limiter (lib/http/rate-limiter.ts, kept in lib/state/remember.ts's registry) is
// replaced before any module asks for it by one that admits every request without counting,
// so the rows beside it measure what counting costs. Nothing in Attest itself can turn
// limiting off.
const REGISTRY = Symbol.for("attest.process-state");
const registry = (globalThis[REGISTRY] ??= new Map());
registry.set("rate-limiter", {
  take: async (_subject, limit) => ({ allowed: true, limit, remaining: limit, resetSeconds: 60 }),
});
