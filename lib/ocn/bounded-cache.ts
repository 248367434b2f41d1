/**
 * A Map that forgets its oldest entry once full. The OCN hot path verifies thousands of
 * requests a second against the same handful of keys, so decoding a key once pays off;
 * the bound keeps a stream of distinct (possibly hostile) keys from growing memory.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.maxEntries) {
      // Map iterates in insertion order: the first key is the oldest.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

const processCaches = globalThis as { __attestCaches?: Map<string, BoundedCache<unknown, unknown>> };

/**
 * The process's one cache of this name. The production server loads lib modules twice
 * (Next's bundle for pages and actions, server.ts's own import for the machine routes);
 * a module-level cache would be two caches, and forgetting an entry in one would leave the
 * other stale.
 */
export function processCache<K, V>(name: string, maxEntries: number): BoundedCache<K, V> {
  processCaches.__attestCaches ??= new Map();
  let cache = processCaches.__attestCaches.get(name);
  if (!cache) {
    cache = new BoundedCache(maxEntries);
    processCaches.__attestCaches.set(name, cache);
  }
  return cache as BoundedCache<K, V>;
}
