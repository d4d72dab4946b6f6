import { afterEach, expect, it } from "vitest";
import { contextFor, createTenant, createUser } from "@/tests/factories";
import { allCompleted, clientAssigned, emailJobs, emailRows, eventually } from "./email-support";

/**
 * An installation without SMTP_URL: notifications stay in the app. Their e-mail jobs complete
 * (nothing to retry, nothing for the dead-letter view) and mark them SKIPPED; so does the daily digest.
 */

// lib/env.ts reads the environment once, when first imported.
delete process.env.SMTP_URL;
const { env } = await import("@/lib/env");
const { pool } = await import("@/lib/db/client");
const { tenantTransaction } = await import("@/lib/db/transaction");
const { NOTIFICATION_KINDS } = await import("@/lib/domain/notifications/kinds");
const { notify } = await import("@/lib/domain/notifications/outbox");
const { runDailyDigest } = await import("@/lib/domain/notifications/daily-digest");
const { saveNotificationPreferences } = await import("@/lib/domain/notifications/preferences");
const { QUEUES } = await import("@/lib/jobs/queues");
const { startWorker } = await import("@/lib/jobs/worker");

const running: { stop: () => Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

it("no SMTP configured: the e-mail is SKIPPED and its job completes; the digest skips too", async () => {
  expect(env.SMTP_URL).toBeUndefined();
  const tenant = await createTenant();
  const [single, digest] = await Promise.all([createUser(tenant), createUser(tenant)]);
  await saveNotificationPreferences(contextFor(digest), { emailKinds: [...NOTIFICATION_KINDS], emailDigest: true, locale: "pl" });
  await tenantTransaction(tenant.id, (tx) => notify(tx, tenant.id, [clientAssigned(single.id), clientAssigned(digest.id)]));

  running.push(await startWorker({ pool, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, schedule: false, queues: [QUEUES.notificationEmail] }));
  const jobs = await eventually(() => emailJobs(tenant.id), allCompleted);
  expect(jobs.map((j) => j.retryCount)).toEqual([0]);

  expect(await runDailyDigest(tenant.id)).toEqual({ sent: 0, skipped: 1 });
  const byUser = new Map((await emailRows(tenant.id)).map((r) => [r.userId, r]));
  expect(byUser.get(single.id)).toMatchObject({ emailStatus: "SKIPPED", emailedAt: null });
  expect(byUser.get(digest.id)).toMatchObject({ emailStatus: "SKIPPED", emailedAt: null });
});
