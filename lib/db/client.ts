import { PrismaPg } from "@prisma/adapter-pg";
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
  const adapter = new PrismaPg({ connectionString: env.APP_DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { owesPrisma?: ReturnType<typeof createClient> };

export const prisma = (globalForPrisma.owesPrisma ??= createClient());

export type TPrismaClient = typeof prisma;
