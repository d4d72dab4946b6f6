import pg from "pg";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pool as appPool, prisma } from "@/lib/db/client";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { createClient, createTenant, type TTenantRow } from "@/tests/factories";

/**
 * Issue 19: tenant isolation when database sessions are shared. The app's own pool already hands
 * one connection to one tenant's transaction after another; PgBouncer in transaction pooling mode
 * (`npm run test:pooled`, which sets TEST_THROUGH_PGBOUNCER=1) goes further and hands one
 * PostgreSQL session to different client connections — other processes — in turn, with no reset in
 * between. Only the transaction-local tenant (`set_config('app.tenant_id', …, true)` in
 * tenantTransaction) keeps one tenant's rows from the next transaction on that session. Raw SQL runs
 * as `owes_app` (APP_DATABASE_URL); the owner only seeds.
 */
const APP_DATABASE_URL = process.env.APP_DATABASE_URL ?? "";
const THROUGH_PGBOUNCER = process.env.TEST_THROUGH_PGBOUNCER === "1";

/** What one statement saw: the PostgreSQL session (backend) it ran on, the tenant set there, the clients visible. */
type TSeen = { pid: number; tenant: string; clientIds: string[] };

const SEEN_SQL = `SELECT pg_backend_pid() AS pid, coalesce(current_setting('app.tenant_id', true), '') AS tenant,
  coalesce((SELECT array_agg(id::text ORDER BY id) FROM client), '{}') AS "clientIds"`;

/** A tenant's transaction as the app runs it, looking twice: the session must stay the same throughout. */
function appTransaction(tenantId: string): Promise<{ first: TSeen; last: TSeen }> {
  return tenantTransaction(tenantId, async (tx) => ({ first: await seenIn(tx), last: await seenIn(tx) }));
}

async function seenIn(tx: TTx): Promise<TSeen> {
  const [row] = await tx.$queryRawUnsafe<TSeen[]>(SEEN_SQL);
  if (!row) throw new Error("no row");
  return row;
}

/** A statement outside any transaction (no tenant set by anyone) on the app's pool. */
async function appStatement(): Promise<TSeen> {
  const [row] = await prisma.$queryRawUnsafe<TSeen[]>(SEEN_SQL);
  if (!row) throw new Error("no row");
  return row;
}

async function seenOn(db: pg.ClientBase | pg.Pool): Promise<TSeen> {
  const [row] = (await db.query<TSeen>(SEEN_SQL)).rows;
  if (!row) throw new Error("no row");
  return row;
}

/** A tenant's transaction as another process would run it: its own connection, BEGIN, the local setting, COMMIT. */
async function transactionOn(db: pg.ClientBase, tenantId: string): Promise<{ first: TSeen; last: TSeen }> {
  await db.query("BEGIN");
  try {
    await db.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    const seen = { first: await seenOn(db), last: await seenOn(db) };
    await db.query("COMMIT");
    return seen;
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: APP_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let tenantA: TTenantRow;
let tenantB: TTenantRow;
/** Each tenant's client ids, sorted as the query sorts them. */
const clientsOf = new Map<string, string[]>();

beforeAll(async () => {
  await withClient(async (app) => {
    const [me] = (await app.query<{ user: string }>("SELECT current_user AS user")).rows;
    expect(me?.user).toBe("owes_app");
  });
});

beforeEach(async () => {
  clientsOf.clear();
  tenantA = await createTenant();
  tenantB = await createTenant();
  for (const tenant of [tenantA, tenantB]) {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createClient(tenant)).id);
    clientsOf.set(tenant.id, ids.sort());
  }
});

/** What a statement in `tenantId`'s transaction (or, with "", outside any) must see on whatever session it got. */
function expected(tenantId: string) {
  return { tenant: tenantId, clientIds: clientsOf.get(tenantId) ?? [] };
}

describe("tenant isolation over shared database sessions", () => {
  it(
    THROUGH_PGBOUNCER
      ? "shares one server session between client connections: a session-level setting would leak to the next client"
      : "gives each client connection its own session (through PgBouncer it would not)",
    async () => {
      // Why the tenant must be transaction-local: a plain (session-level) setting stays on the
      // session after the statement. A probe setting of our own, so no other test can see it.
      await withClient(async (first) => {
        await withClient(async (second) => {
          const [set] = (await first.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid, set_config('owes_test.probe', 'left behind', false)`)).rows;
          // Read, then clear (the subquery is evaluated first), in one statement: one session.
          const [seen] = (
            await second.query<{ pid: number; value: string | null }>(
              `SELECT pid, value, set_config('owes_test.probe', '', false) FROM (SELECT pg_backend_pid() AS pid, current_setting('owes_test.probe', true) AS value OFFSET 0) s`,
            )
          ).rows;
          if (THROUGH_PGBOUNCER) {
            // PgBouncer hands out the most recently used server connection first: the first client's.
            expect(seen).toMatchObject({ pid: set?.pid, value: "left behind" });
          } else {
            expect(seen?.pid).not.toBe(set?.pid);
            expect(seen?.value).toBeNull();
          }
        });
      });
    },
  );

  it("a tenant transaction leaves nothing on its session: the next statement there sees no tenant, the next transaction only its own", async () => {
    const inA = await appTransaction(tenantA.id);
    expect(inA.first).toMatchObject(expected(tenantA.id));
    expect(inA.last.pid).toBe(inA.first.pid);

    // The app's pool hands out its most recently released connection first (so does PgBouncer its
    // server connections): the same session, now outside any transaction.
    const after = await appStatement();
    expect(after).toEqual({ pid: inA.first.pid, ...expected("") });

    // Another client connection, as another process would open one.
    await withClient(async (other) => {
      const outside = await seenOn(other);
      const inB = await transactionOn(other, tenantB.id);
      const outsideAgain = await seenOn(other);
      expect(outside).toMatchObject(expected(""));
      expect(inB.first).toMatchObject(expected(tenantB.id));
      expect(outsideAgain).toMatchObject(expected(""));
      if (THROUGH_PGBOUNCER) {
        // The very session tenant A's transaction ran on, behind a different client connection.
        expect([outside.pid, inB.first.pid, inB.last.pid, outsideAgain.pid]).toEqual([inA.first.pid, inA.first.pid, inA.first.pid, inA.first.pid]);
      } else {
        expect(outside.pid).not.toBe(inA.first.pid);
      }
    });
  });

  it("many interleaved transactions of two tenants, from two processes' pools, each see only their own tenant's rows", async () => {
    // A second app instance: its own pool, so its connections are other client connections.
    const otherInstance = new pg.Pool({ connectionString: APP_DATABASE_URL, max: 4 });
    try {
      type TRun = { via: "app" | "other"; tenantId: string; first: TSeen; last: TSeen };
      const runs = await Promise.all(
        Array.from({ length: 120 }, async (_, i): Promise<TRun> => {
          // Tenant A, tenant B, and every fifth no tenant at all (a statement outside any transaction).
          const tenantId = i % 5 === 4 ? "" : i % 2 === 0 ? tenantA.id : tenantB.id;
          const via = i % 3 === 0 ? "other" : "app";
          if (tenantId === "") {
            const seen = via === "app" ? await appStatement() : await seenOn(otherInstance);
            return { via, tenantId, first: seen, last: seen };
          }
          if (via === "app") return { via, tenantId, ...(await appTransaction(tenantId)) };
          const connection = await otherInstance.connect();
          try {
            return { via, tenantId, ...(await transactionOn(connection, tenantId)) };
          } finally {
            connection.release();
          }
        }),
      );

      // Every statement saw exactly its own tenant (or none), and a transaction kept its session.
      const wrong = runs.flatMap((run, i) =>
        [run.first, run.last]
          .filter((seen) => seen.tenant !== run.tenantId || seen.clientIds.join() !== expected(run.tenantId).clientIds.join() || seen.pid !== run.first.pid)
          .map((seen) => ({ run: i, via: run.via, expected: run.tenantId, seen })),
      );
      expect(wrong).toEqual([]);

      // Sessions really were shared, or the above proves nothing: one served both tenants.
      const sessionsOf = (keep: (run: TRun) => boolean) => new Set(runs.filter(keep).map((run) => run.first.pid));
      const ofA = sessionsOf((run) => run.tenantId === tenantA.id);
      const ofB = sessionsOf((run) => run.tenantId === tenantB.id);
      expect([...ofA].filter((pid) => ofB.has(pid)).length).toBeGreaterThan(0);
      if (THROUGH_PGBOUNCER) {
        // …and one served both processes' client connections, which outnumbered the sessions.
        const ofApp = sessionsOf((run) => run.via === "app");
        const ofOther = sessionsOf((run) => run.via === "other");
        expect([...ofApp].filter((pid) => ofOther.has(pid)).length).toBeGreaterThan(0);
        expect(sessionsOf(() => true).size).toBeLessThan(appPool.totalCount + otherInstance.totalCount);
      }
    } finally {
      await otherInstance.end();
    }
  });
});
