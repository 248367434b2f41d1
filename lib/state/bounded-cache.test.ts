import { describe, expect, it, vi } from "vitest";

import { BoundedCache, processCache } from "./bounded-cache";

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

describe("processCache", () => {
  it("is one cache per name for the process, even across separately loaded copies of the module", async () => {
    const first = processCache<string, number>("test-shared", 4);
    first.set("a", 1);
    vi.resetModules();
    const copy = (await import("./bounded-cache")) as typeof import("./bounded-cache");
    const second = copy.processCache<string, number>("test-shared", 4);
    expect(second).toBe(first);
    expect(second.get("a")).toBe(1);
    expect(copy.processCache("test-other", 4)).not.toBe(first);
  });
});
