/**
 * The checks worker thread: loads the models once and answers analysis requests from the main
 * thread (./pool.ts), so no request or event-loop turn of the server ever waits on a model.
 */
import { parentPort } from "node:worker_threads";

import { analyseImage } from "./engine";
import type { ThreadRequest, ThreadResponse } from "./pool";

const port = parentPort!;

port.on("message", async (request: ThreadRequest) => {
  let response: ThreadResponse;
  try {
    const result = await analyseImage(request.bytes, request.kind, { passport: request.passport, today: new Date(request.today) });
    response = { id: request.id, ok: true, result };
  } catch (error) {
    // The message only: a stack or the image would tell nothing more and might carry personal data.
    response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
