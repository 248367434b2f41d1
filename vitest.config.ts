import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = {
  "@": root,
  // `server-only` throws outside a React Server Component bundle; plain Node tests are server side.
  "server-only": fileURLToPath(new URL("./tests/support/empty.ts", import.meta.url)),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        // Property tests and image rendering take a few seconds on a busy machine: more than vitest's 5 s default.
        test: { name: "unit", include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"], environment: "node", testTimeout: 20_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/integration-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Auth.js imports `next/headers` without an extension, which plain Node cannot resolve; transformed
          // here it resolves, and a test can stand in for the request's cookies to act as a signed-in person.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
