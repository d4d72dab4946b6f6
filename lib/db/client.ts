import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/** What scripts/server.mjs closes on its way out, once the last request has finished. */
type TCloseHook = { name: string; close: () => Promise<void> };

/**
 * The hooks live on globalThis under a registered symbol, as lib/system/request-context.mjs does:
 * the server is plain Node and the app is bundled by Next.js into chunks of its own, so this is
 * the one place both see. scripts/server.mjs reads the same symbol.
 */
const CLOSE_ON_SHUTDOWN = Symbol.for("owes.closeOnShutdown");

/**
 * Asks the production server to close a resource of this process when it stops, after the open
 * requests have finished and within its shutdown timeout. Closed newest first: whatever uses the
 * pool (the in-process worker) registers after it and so is closed before it.
 */
export function closeOnShutdown(name: string, close: () => Promise<void>): void {
  const holder = globalThis as unknown as Record<symbol, TCloseHook[] | undefined>;
  (holder[CLOSE_ON_SHUTDOWN] ??= []).push({ name, close });
}

/**
 * The one Prisma client of the process, connected as the app role (APP_DATABASE_URL), kept on
 * globalThis: the production build bundles this module into several chunks (route handlers, pages
 * and actions), each of which would otherwise open its own pool — more connections than
 * DATABASE_POOL_SIZE says, and with the embedded demo database, which serves one connection, a
 * second pool is refused. (In development, it also survives hot reloads.)
 */
function createClient() {
  const pool = new pg.Pool({
    connectionString: env.APP_DATABASE_URL,
    max: env.DATABASE_POOL_SIZE,
    ...(env.DATABASE_APPLICATION_NAME ? { application_name: env.DATABASE_APPLICATION_NAME } : {}),
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  // Disconnecting Prisma ends the pool (disposeExternalPool) once Prisma has used it; a pool only
  // the job queue touched is ended here. Either way its connections are closed, not dropped.
  closeOnShutdown("database pool", async () => {
    await prisma.$disconnect();
    if (!pool.ending) await pool.end();
  });
  return { pool, prisma };
}

const globalForPrisma = globalThis as unknown as { owesDb?: ReturnType<typeof createClient> };
const db = (globalForPrisma.owesDb ??= createClient());

export const prisma = db.prisma;
/**
 * The same pool Prisma uses, for the job queue (lib/jobs), which speaks SQL of its own: one pool
 * per process, so the embedded demo database's single connection is never asked for a second.
 */
export const pool = db.pool;

export type TPrismaClient = typeof prisma;
