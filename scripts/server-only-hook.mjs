// `server-only` throws unless loaded under React's server condition, which only
// Next's bundler sets. server.ts runs on the server by definition.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
      if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
      return next(specifier, context);
    }`),
);
