import { remember } from "@/lib/state/remember";

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

/** The process's one cache of this name (see lib/state/remember.ts for why not a module-level one). */
export function processCache<K, V>(name: string, maxEntries: number): BoundedCache<K, V> {
  return remember(`cache:${name}`, () => new BoundedCache<K, V>(maxEntries));
}
