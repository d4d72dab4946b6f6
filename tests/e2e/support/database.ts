import pg from "pg";

/**
 * The e2e database, as its owner (scripts/e2e.mjs passes DATABASE_URL to Playwright). Only for
 * what a journey cannot do through the UI: reading an id, cutting the app off its database.
 */
const ownerUrl = process.env.DATABASE_URL ?? process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes_e2e";

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function ownerQuery<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  return withClient(ownerUrl, async (client) => (await client.query<R>(sql, params)).rows);
}

/**
 * Runs `work` while the app cannot reach its database, as if the server were down, and always
 * reconnects afterwards. The PostgreSQL server is shared with other tests, so instead of stopping it
 * this refuses new connections to the e2e database only and ends the app's open ones. Run it only
 * in a journey nothing else runs beside (playwright.config.ts: one worker, files one after another).
 */
export async function withDatabaseUnreachable(work: () => Promise<void>): Promise<void> {
  const dbName = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  const maintenance = new URL(ownerUrl);
  maintenance.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [dbName]);
    await work();
  } finally {
    await admin.query(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
    await admin.end();
  }
}
