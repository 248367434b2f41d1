import { describe, expect, it } from "vitest";

import { BoundedCache } from "./bounded-cache";

describe("BoundedCache", () => {
  it("keeps at most maxEntries, forgetting the oldest first", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 10); // an update does not evict
    expect(cache.size).toBe(2);
    cache.set("c", 3);
    expect(cache.size).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
  });

  it("forgets a deleted key, freeing its place", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.set("c", 3);
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
  });

  it("stays bounded under a stream of distinct keys", () => {
    const cache = new BoundedCache<number, number>(16);
    for (let i = 0; i < 10_000; i++) cache.set(i, i);
    expect(cache.size).toBe(16);
    expect(cache.get(9_999)).toBe(9_999);
  });
});
