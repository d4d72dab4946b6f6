import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/**
 * The one Prisma client of the process, connected as the app role (APP_DATABASE_URL).
 * Kept on globalThis so that Next.js dev-mode reloads do not open a new pool each time.
 */
function createClient() {
  const adapter = new PrismaPg({ connectionString: env.APP_DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { owesPrisma?: ReturnType<typeof createClient> };

export const prisma = globalForPrisma.owesPrisma ?? createClient();
if (env.NODE_ENV !== "production") globalForPrisma.owesPrisma = prisma;

export type TPrismaClient = typeof prisma;
