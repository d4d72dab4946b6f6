import { afterAll, afterEach, expect, it } from "vitest";
import { startMailCatcher } from "@/scripts/lib/mail-catcher.mjs";
import { createTenant, createUser } from "@/tests/factories";
import { clientAssigned, emailJobs, emailRows, eventually } from "./email-support";

/**
 * An SMTP server that refuses the first two attempts (451, as a busy or restarting server does)
 * still gets the notification's e-mail exactly once: the job fails, pg-boss retries it with backoff
 * (the queue's delay, shortened to 1 s here), and the row stays PENDING until a send succeeds.
 */

// lib/env.ts reads the environment once, when first imported: the SMTP address must be set first.
const catcher = await startMailCatcher({ port: 0, refuseFirst: 2 });
process.env.SMTP_URL = catcher.url;
const { pool } = await import("@/lib/db/client");
const { tenantTransaction } = await import("@/lib/db/transaction");
const { notify } = await import("@/lib/domain/notifications/outbox");
const { QUEUES } = await import("@/lib/jobs/queues");
const { startWorker } = await import("@/lib/jobs/worker");

const running: { stop: () => Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

afterAll(async () => {
  await catcher.close();
});

it("a server refusing the first two attempts gets exactly one message, after two retries", async () => {
  // The worker first: it sets the queue's retry delay to 1 s, which a job takes when it is inserted.
  running.push(await startWorker({ pool, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, schedule: false, queues: [QUEUES.notificationEmail] }));
  const tenant = await createTenant();
  const user = await createUser(tenant);
  await tenantTransaction(tenant.id, (tx) => notify(tx, tenant.id, [clientAssigned(user.id)]));

  // Between the attempts the job waits for its retry and the notification is still to be sent.
  await eventually(() => emailJobs(tenant.id), ([job]) => job?.state === "retry");
  expect((await emailRows(tenant.id)).map((r) => r.emailStatus)).toEqual(["PENDING"]);
  expect(catcher.messages).toHaveLength(0);

  const [job] = await eventually(() => emailJobs(tenant.id), ([j]) => j?.state === "completed");
  expect(job?.retryCount).toBe(2);
  expect(catcher.refused).toBe(2);
  expect(catcher.messages).toHaveLength(1);
  expect(catcher.messages[0]?.to).toEqual([user.email]);
  const [row] = await emailRows(tenant.id);
  expect(row?.emailStatus).toBe("SENT");
  expect(row?.emailedAt).toBeInstanceOf(Date);
});
