import "server-only";

import path from "node:path";
import type { Worker } from "node:worker_threads";

import { forget, recall, remember } from "@/lib/state/remember";

import type { ImageAnalysis } from "./engine";
import type { ImageKind } from "./quality";

export type ThreadRequest = { id: number; bytes: Uint8Array; kind: ImageKind; passport: boolean; today: string };
export type ThreadResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * The one checks worker thread of this process, started on first use; its models load once and stay.
 * A thread that dies takes its pending analyses with it (they fail, and the queue retries them) and is
 * started again on the next request.
 */
type Thread = { worker: Worker; pending: Map<number, Pending>; next: number };
const THREAD = "checks-thread";

function thread(): Thread {
  return remember(THREAD, startThread);
}

function startThread(): Thread {
  // Taken from Node at run time, not imported: Next's bundler follows an imported Worker's file and
  // would bundle the thread, which must run from source with its models beside it.
  const { Worker: NodeWorker } = process.getBuiltinModule("node:worker_threads");
  const worker = new NodeWorker(path.join(process.cwd(), "lib/checks/thread-entry.mjs"));
  const entry: Thread = { worker, pending: new Map<number, Pending>(), next: 1 };
  worker.on("message", (message: ThreadResponse) => {
    const pending = entry.pending.get(message.id);
    if (!pending) return;
    entry.pending.delete(message.id);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(message.error));
  });
  const fail = (error: Error) => {
    if (recall(THREAD) === entry) forget(THREAD);
    for (const pending of entry.pending.values()) pending.reject(error);
    entry.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`The checks thread stopped (exit code ${code})`)));
  // An idle thread does not keep a finished script or test alive.
  worker.unref();
  return entry;
}

function call<T>(request: Omit<ThreadRequest, "id">): Promise<T> {
  const entry = thread();
  const id = entry.next++;
  return new Promise<T>((resolve, reject) => {
    entry.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    entry.worker.ref();
    entry.worker.postMessage({ ...request, id } as ThreadRequest);
  }).finally(() => {
    if (entry.pending.size === 0) entry.worker.unref();
  });
}

export function analyseInThread(bytes: Uint8Array, kind: ImageKind, options: { passport: boolean; today: Date }): Promise<ImageAnalysis> {
  return call({ bytes, kind, passport: options.passport, today: options.today.toISOString() });
}

/** Stops the thread (tests, shutdown). */
export async function stopChecksThread(): Promise<void> {
  const entry = recall<Thread>(THREAD);
  forget(THREAD);
  if (entry) await entry.worker.terminate();
}
