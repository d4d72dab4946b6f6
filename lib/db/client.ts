import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/**
 * The one Prisma client of the process, connected as the app role (APP_DATABASE_URL), kept on
 * globalThis: the production build bundles this module into several chunks (route handlers, pages
 * and actions), each of which would otherwise open its own pool — more connections than
 * DATABASE_POOL_SIZE says, and with the embedded demo database, which serves one connection, a
 * second pool is refused. (In development, it also survives hot reloads.)
 */
function createClient() {
  const pool = new pg.Pool({ connectionString: env.APP_DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) };
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
