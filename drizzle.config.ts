import { defineConfig } from "drizzle-kit";

// One schema and one migrations folder for embedded PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./db/migrations",
});
