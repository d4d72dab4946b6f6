import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { QUEUE_POLICIES, QUEUES, SCHEDULES } from "@/lib/jobs/queues";

const MIGRATIONS = path.resolve(__dirname, "../../../prisma/migrations");

/** Every queue name a migration creates with pgboss.create_queue. */
function queuesCreatedByMigrations(): Set<string> {
  const created = new Set<string>();
  for (const dir of fs.readdirSync(MIGRATIONS)) {
    const file = path.join(MIGRATIONS, dir, "migration.sql");
    if (!fs.existsSync(file)) continue;
    const sql = fs.readFileSync(file, "utf8");
    for (const block of sql.matchAll(/pgboss\.create_queue\([\s\S]*?;/g)) {
      for (const [, name] of block[0].matchAll(/'([a-z][a-z.-]*)'/g)) if (name) created.add(name);
    }
  }
  return created;
}

describe("the job queues", () => {
  it("are each created by a migration (the app role cannot create a queue's partition)", () => {
    const created = queuesCreatedByMigrations();
    for (const queue of Object.values(QUEUES)) expect(created, queue).toContain(queue);
  });

  it("each have a retry policy with backoff and a bounded run time", () => {
    for (const queue of Object.values(QUEUES)) {
      const policy = QUEUE_POLICIES[queue];
      expect(policy.retryLimit, queue).toBeGreaterThanOrEqual(1);
      expect(policy.retryBackoff, queue).toBe(true);
      expect(policy.expireInSeconds, queue).toBeGreaterThan(0);
    }
  });

  it("schedule only queues that fan out to a per-tenant queue", () => {
    const names = new Set<string>(Object.values(QUEUES));
    for (const schedule of SCHEDULES) {
      expect(names).toContain(schedule.queue);
      expect(names).toContain(schedule.fansOutTo);
      expect(schedule.cron.split(" ")).toHaveLength(5);
    }
  });
});
