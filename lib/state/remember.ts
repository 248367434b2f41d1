/**
 * Process state: one value per name for the whole process. The production server loads lib
 * modules twice (Next's bundles for pages, actions and routes; server.ts's own import for the
 * machine routes), so a module-level variable would be two copies — two database pools, two
 * rate limiters, a cache forgotten in one copy and stale in the other. Every such value lives
 * here instead, in one registry on globalThis that both copies find.
 */
const REGISTRY = Symbol.for("attest.process-state");
const registry: Map<string, unknown> = ((globalThis as { [REGISTRY]?: Map<string, unknown> })[REGISTRY] ??= new Map());

/**
 * The value remembered under `name`, made by `factory` the first time it is asked for. A
 * promise that rejects is forgotten, so the next caller tries again instead of inheriting
 * the failure for the life of the process.
 */
export function remember<T>(name: string, factory: () => T): T {
  if (registry.has(name)) return registry.get(name) as T;
  const value = factory();
  registry.set(name, value);
  if (value instanceof Promise) {
    value.catch(() => {
      if (registry.get(name) === value) registry.delete(name);
    });
  }
  return value;
}

/** The value remembered under `name`, if any, without making one. */
export function recall<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}

/** Drops what is remembered under `name`: the next `remember` makes it anew. */
export function forget(name: string): void {
  registry.delete(name);
}
