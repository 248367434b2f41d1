// The checks thread's entry point: it registers tsx in this thread, as the server's command line
// does for the main one (scripts/server-command.ts), then runs the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./thread.ts");
