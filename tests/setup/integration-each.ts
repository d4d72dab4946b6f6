import pg from "pg";
import { afterAll, beforeEach } from "vitest";
import { integrationDatabase } from "./test-db";

// Every test starts from empty tables. Truncation runs as the owner, so it is not subject to
// row-level security and may clear the append-only audit table (which refuses UPDATE/DELETE only).
// The guard runs here too: truncating every table wipes a database as surely as dropping it.
const owner = new pg.Pool({ connectionString: integrationDatabase().ownerUrl, max: 1 });
let tables: string[] | null = null;

beforeEach(async () => {
  tables ??= (
    await owner.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    )
  ).rows.map((r) => `"${r.tablename}"`);
  if (tables.length > 0) await owner.query(`TRUNCATE ${tables.join(", ")} RESTART IDENTITY CASCADE`);
  // The job queue's jobs and schedules (not its queues, which the migrations create).
  await owner.query(`TRUNCATE pgboss.job, pgboss.archive, pgboss.schedule`);
});

afterAll(async () => {
  await owner.end();
});
