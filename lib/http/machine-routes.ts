/**
 * The machine API routes the server answers itself, without Next's page pipeline (which
 * costs more CPU than these handlers' own work): each a plain Request → Response function
 * that authenticates its caller itself (withPartner, withApiKey, withBearer). This is the one list of
 * them: the server dispatches on it (lib/http/attest-server.ts), the foreign-form check
 * leaves their paths alone (lib/http/foreign-action.ts), and the proxy matcher test checks
 * the page proxy skips the ones Next serves too. The handlers belong to their domains; the
 * server is handed them (lib/machine-api.ts), so this layer imports none of them.
 *
 * Each route's kind: `ocn` routes sign every answer, the server's own errors included
 * (SPEC §2); `credentials` is the Credentials API; `operations` exist only here, never in app/.
 */
export const MACHINE_ROUTES = {
  "GET /capabilities": "ocn",
  "POST /kyc/validate": "ocn",
  "POST /kyc/data": "ocn",
  "POST /api/v1/verify": "credentials",
  "POST /api/v1/issue": "credentials",
  "GET /healthz": "operations",
  "GET /readyz": "operations",
  "GET /metrics": "operations",
} as const satisfies Record<string, "ocn" | "credentials" | "operations">;

export type MachineRoute = keyof typeof MACHINE_ROUTES;
export type MachineHandler = (request: Request) => Promise<Response>;

const pathOf = (route: string) => route.slice(route.indexOf(" ") + 1);
const routes = Object.keys(MACHINE_ROUTES) as MachineRoute[];

export const MACHINE_PATHS: ReadonlySet<string> = new Set(routes.map(pathOf));

export const OCN_MACHINE_ROUTES: ReadonlySet<string> = new Set(routes.filter((route) => MACHINE_ROUTES[route] === "ocn"));

/** The paths Next serves from app/ as well (the page proxy must leave them alone). */
export const NEXT_MACHINE_PATHS: readonly string[] = routes.filter((route) => MACHINE_ROUTES[route] !== "operations").map(pathOf);
