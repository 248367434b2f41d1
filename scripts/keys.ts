/**
 * `npm run keys`: a fresh set of Attest's keys as environment lines, for an operator to put
 * in the environment (or secret store) of every instance of one deployment.
 */
import { generateKeySet } from "../lib/keys";

const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;
for (const [name, value] of Object.entries(generateKeySet())) {
  // The PEM keeps its line breaks as \n, which the key loader reads back.
  console.log(`${name}=${quote(value.trim().replace(/\n/g, "\\n"))}`);
}
