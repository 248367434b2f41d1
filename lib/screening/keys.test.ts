import { describe, expect, it } from "vitest";
import { skeleton, tokenKeys } from "./keys";

describe("skeleton", () => {
  it.each([
    [["mohammed", "muhammad", "mohamed", "mohammad"], "md"],
    [["yusuf", "jusuf", "youssouf"], "isv"],
    [["valkenhov", "walkenhof"], "vlknv"],
    [["okafor", "okafour"], "okvr"],
  ])("%j all give %s", (spellings, expected) => {
    for (const s of spellings) expect(skeleton(s)).toBe(expected);
  });
});

describe("tokenKeys", () => {
  it("adds a suffix key only to longer words", () => {
    expect(tokenKeys("smith")).toEqual(["p:smi", "s:smt", "x:ith"]);
    expect(tokenKeys("li")).toEqual(["p:li", "s:l"]);
  });
});
