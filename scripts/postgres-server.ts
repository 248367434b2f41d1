/**
 * A throwaway PostgreSQL server for tests and the benchmark: initdb in a
 * temporary directory, started on a free loopback port, removed on stop.
 * initdb and postgres refuse to run as root, so as root they run as the
 * `postgres` system user.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type PostgresServer = { url: string; stop: () => Promise<void> };

export function findPostgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

/** A port nothing listens on now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
const command = (bin: string, args: string[]): [string, string[]] => (asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args]);

/**
 * `durable`: PostgreSQL's production defaults (fsync, synchronous_commit, full_page_writes on), so
 * every commit waits for its WAL flush as in a deployment; tests leave them off for speed.
 * `port`: a fixed port instead of a free one.
 */
export type PostgresOptions = { durable?: boolean; port?: number };

export async function startPostgres(bin: string, options: PostgresOptions = {}): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "attest-pg-"));
  if (asRoot) {
    chmodSync(dir, 0o777);
    execFileSync("chown", ["postgres", dir]);
  }
  const data = path.join(dir, "data");
  const [initdb, initArgs] = command(path.join(bin, "initdb"), ["-D", data, "-U", "attest", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  execFileSync(initdb, initArgs, { stdio: "pipe" });
  const port = options.port ?? (await freePort());
  const durability = options.durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
  const [postgres, args] = command(path.join(bin, "postgres"), [
    "-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, ...durability, "-c", "max_connections=200",
  ]);
  const child: ChildProcess = spawn(postgres, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk) => (log += chunk));
  const url = `postgres://attest@127.0.0.1:${port}/postgres`;
  const { default: connect } = await import("postgres");
  for (let attempt = 0; ; attempt++) {
    try {
      const sql = connect(url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
      await sql`select 1`;
      await sql.end();
      break;
    } catch (error) {
      if (attempt > 60 || child.exitCode !== null) throw new Error(`PostgreSQL did not start: ${String(error)}\n${log.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        // runuser does not pass signals on; pg_ctl stops the server itself.
        const [pgCtl, stopArgs] = command(path.join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w"]);
        execFileSync(pgCtl, stopArgs, { stdio: "pipe" });
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a fresh database on the server and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const { default: connect } = await import("postgres");
  const sql = connect(serverUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists "${name}"`);
  await sql.unsafe(`create database "${name}"`);
  await sql.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
