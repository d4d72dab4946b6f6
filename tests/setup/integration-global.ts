import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { assertLocalDatabase, maintenanceUrl, TEST_DATABASE_URL } from "./test-db";

/** Creates the integration database from nothing, through the real `prisma migrate deploy`. */
export default async function setup() {
  const url = assertLocalDatabase(TEST_DATABASE_URL);
  const dbName = decodeURIComponent(url.pathname.slice(1));
  const admin = new pg.Client({ connectionString: maintenanceUrl(TEST_DATABASE_URL) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await admin.end();
  }

  const root = path.resolve(__dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
    stdio: "pipe",
  });

  // The migrations create the app role without LOGIN (a production operator grants it with a
  // password); the local test server trusts local connections.
  const owner = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await owner.connect();
  try {
    await owner.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'owes_app') THEN ALTER ROLE owes_app LOGIN; END IF;
    END $$`);
  } finally {
    await owner.end();
  }
}
