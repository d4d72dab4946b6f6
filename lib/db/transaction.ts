import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "./client";

export type TTx = Prisma.TransactionClient;

const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/**
 * Runs `work` in one database transaction: everything it writes lands together or not at all.
 * Use {@link tenantTransaction} for anything that touches tenant-owned tables.
 */
export function transaction<T>(work: (tx: TTx) => Promise<T>): Promise<T> {
  return prisma.$transaction(work, TX_OPTIONS);
}

/**
 * Runs `work` in one transaction with `app.tenant_id` set for row-level security. The setting is
 * transaction-local (`set_config(…, true)`), so a pooled connection never carries it further.
 * `timeout` lengthens the 20 s limit for background work that must land whole (an import).
 */
export function tenantTransaction<T>(tenantId: string, work: (tx: TTx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
    return work(tx);
  }, { ...TX_OPTIONS, ...options });
}
