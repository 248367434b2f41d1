/**
 * Where a V8 CPU profile (`node --cpu-prof`, e.g. the bench's BENCH_CPU_PROFILE) spent its
 * time, as shares of the busy samples (idle left out): the top functions by self time, and
 * every module by self time and by total time (a sample counts once for each module on its
 * stack). A module is an npm package, a file of ours (lib/…, app/…), Node's internals, or
 * one of V8's own entries (garbage collector, program).
 *
 * With `last`, only the samples of the profile's last that many seconds: a bench run per
 * endpoint ends the server right after its measured run, so that leaves start-up and set-up out.
 *
 * Usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top=25] [last seconds]
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const NODE_MODULES = /node_modules\/((?:@[^/]+\/)?[^/]+)/g;

/** The module a frame belongs to: the package, our file relative to the project, or Node's or V8's own. */
export function moduleOf({ url, functionName }: CallFrame, root: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  // The innermost node_modules names the package (a nested or .pnpm layout has several).
  const packageName = [...url.matchAll(NODE_MODULES)].at(-1)?.[1];
  if (packageName) return packageName;
  if (url.startsWith("node:")) return "node:internals";
  const file = url.startsWith("file://") ? fileURLToPath(url.split("?")[0]!) : url;
  return file.startsWith(root) ? file.slice(root.length) : file;
}

export type Summary = { busyMs: number; idleMs: number; functions: [string, number][]; selfByModule: [string, number][]; totalByModule: [string, number][] };

export function summarise(profile: Profile, root: string, lastSeconds = Infinity): Summary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfMs = new Map<number, number>();
  // Each delta is the time since the previous sample (the first one's, since profiling began).
  const endMs = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / 1000;
  let atMs = 0;
  profile.samples.forEach((id, index) => {
    atMs += profile.timeDeltas[index]! / 1000;
    if (index > 0 && endMs - atMs <= lastSeconds * 1000) selfMs.set(id, (selfMs.get(id) ?? 0) + profile.timeDeltas[index]! / 1000);
  });

  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const functions = new Map<string, number>();
  const selfByModule = new Map<string, number>();
  const totalByModule = new Map<string, number>();
  let busyMs = 0;
  let idleMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const owner = moduleOf(node.callFrame, root);
    add(functions, `${node.callFrame.functionName || "(anonymous)"} ${owner}:${node.callFrame.lineNumber + 1}`, ms);
    add(selfByModule, owner, ms);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) onStack.add(moduleOf(byId.get(at)!.callFrame, root));
    for (const name of onStack) add(totalByModule, name, ms);
  }
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { busyMs, idleMs, functions: ranked(functions), selfByModule: ranked(selfByModule), totalByModule: ranked(totalByModule) };
}

function print(summary: Summary, top: number) {
  const share = (ms: number) => `${((ms / summary.busyMs) * 100).toFixed(1).padStart(5)} %`;
  console.log(`busy ${(summary.busyMs / 1000).toFixed(1)} s, idle ${(summary.idleMs / 1000).toFixed(1)} s\n`);
  console.log("self time by function:");
  for (const [name, ms] of summary.functions.slice(0, top)) console.log(`  ${share(ms)}  ${name}`);
  console.log("\nself time by module:");
  for (const [name, ms] of summary.selfByModule.slice(0, top)) console.log(`  ${share(ms)}  ${name}`);
  console.log("\ntotal time by module (each sample once per module on its stack):");
  for (const [name, ms] of summary.totalByModule.slice(0, top)) console.log(`  ${share(ms)}  ${name}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const [file, top = "25", last] = process.argv.slice(2);
  if (!file) {
    console.error("usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  print(summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, `${process.cwd()}/`, last ? Number(last) : Infinity), Number(top));
}
