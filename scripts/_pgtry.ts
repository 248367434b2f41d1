import { createDatabase, findPostgresBin, startPostgres } from "./postgres-server";
const bin = findPostgresBin(); console.log(bin);
const s = await startPostgres(bin!); const url = await createDatabase(s.url, "t1"); console.log(url);
const { spawnSync } = await import("node:child_process");
const r = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--project", "integration"], { stdio: "inherit", env: { ...process.env, TEST_DATABASE: "postgres", TEST_DATABASE_URL: url } });
await s.stop(); process.exit(r.status ?? 1);
