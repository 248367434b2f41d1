import { createDatabase, findPostgresBin, startPostgres } from "../../scripts/postgres-server";
import { startDeployment, type Tls } from "./topology";

/** Starts PostgreSQL and the deployment once for every test here; the returned function stops both. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const tls = JSON.parse(process.env.DEPLOY_TLS!) as Tls;
  const bin = findPostgresBin();
  if (!bin) throw new Error("The deployment tests need PostgreSQL's server binaries (apt-get install postgresql).");
  const postgres = await startPostgres(bin);
  try {
    const databaseUrl = await createDatabase(postgres.url, `attest_deployed_${Date.now()}`);
    const deployment = await startDeployment(tls, databaseUrl);
    process.env.DEPLOYED_URL = deployment.publicUrl;
    process.env.DEPLOYED_INSTANCES = JSON.stringify(deployment.instances.map((instance) => instance.url));
    return async () => {
      await deployment.stop();
      await postgres.stop();
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
