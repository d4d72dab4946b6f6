import "server-only";
import type PgBoss from "pg-boss";
import { prisma } from "@/lib/db/client";
import { todayInPoland } from "@/lib/dates";
import type { TQueueName } from "./queues";

/**
 * A scheduled job's first step: one job per tenant, each keyed by the tenant and the Polish date,
 * so a slot that fires twice (or a retried fan-out) queues each tenant's work once.
 */
export async function fanOutToTenants(boss: PgBoss, queue: TQueueName, now: Date = new Date()): Promise<void> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT jobs_tenant_ids() AS id`;
  const day = todayInPoland(now);
  for (const { id } of rows) {
    await boss.send(queue, { tenantId: id, day }, {
      singletonKey: `${id}:${day}`,
      singletonSeconds: 24 * 3600,
    });
  }
}
