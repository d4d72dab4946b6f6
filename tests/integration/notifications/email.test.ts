import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";
import { startMailCatcher } from "@/scripts/lib/mail-catcher.mjs";
import { contextFor, createTenant, createUser, ownerQuery, type TUserRow } from "@/tests/factories";
import { allCompleted, clientAssigned, emailJobs, emailRows, eventually } from "./email-support";

/**
 * E-mail of notifications through a real SMTP server started here (scripts/lib/mail-catcher.mjs)
 * and the real worker (pg-boss): each notification is e-mailed exactly once however many workers
 * or copies of its job there are, in the recipient's language, as the recipient chose (off, one
 * each, or the daily digest).
 */

// lib/env.ts reads the environment once, when first imported: the SMTP address must be set first.
const catcher = await startMailCatcher({ port: 0 });
process.env.SMTP_URL = catcher.url;
const { env } = await import("@/lib/env");
const { pool } = await import("@/lib/db/client");
const { tenantTransaction } = await import("@/lib/db/transaction");
const { NOTIFICATION_KINDS } = await import("@/lib/domain/notifications/kinds");
const { notify } = await import("@/lib/domain/notifications/outbox");
const { handleNotificationEmailJob } = await import("@/lib/domain/notifications/delivery");
const { runDailyDigest } = await import("@/lib/domain/notifications/daily-digest");
const { saveNotificationPreferences } = await import("@/lib/domain/notifications/preferences");
const { enqueueMany } = await import("@/lib/jobs/enqueue");
const { QUEUES } = await import("@/lib/jobs/queues");
const { startWorker } = await import("@/lib/jobs/worker");
const { appLink } = await import("@/lib/mail/render");

type TNotice = Parameters<typeof notify>[2][number];
type TWorkerOptions = Parameters<typeof startWorker>[0];

/** A second application instance's own connections (another process would have its own pool). */
const otherInstancePool = new pg.Pool({ connectionString: process.env.APP_DATABASE_URL, max: 4 });
const running: { stop: () => Promise<void> }[] = [];

async function worker(options: Partial<TWorkerOptions> = {}) {
  const started = await startWorker({
    pool,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    schedule: false,
    queues: [QUEUES.notificationEmail, QUEUES.tenantDigestDaily],
    ...options,
  });
  running.push(started);
  return started;
}

function notifyAll(tenantId: string, notices: TNotice[]) {
  return tenantTransaction(tenantId, (tx) => notify(tx, tenantId, notices));
}

const recipientsOf = (messages: { to: string[] }[]) => messages.flatMap((m) => m.to).sort();
const emailsOf = (users: TUserRow[]) => users.map((u) => u.email).sort();

afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
  catcher.clear();
});

afterAll(async () => {
  await otherInstancePool.end();
  await catcher.close();
});

it("the app sends through the SMTP server this test started", () => {
  expect(env.SMTP_URL).toBe(catcher.url);
});

describe("exactly once", () => {
  it("two workers running at once deliver each of 20 notifications once, though each job was queued three times", async () => {
    const tenant = await createTenant();
    const users = await Promise.all(Array.from({ length: 20 }, () => createUser(tenant)));
    const handled = { first: 0, second: 0 };
    const counting = (which: keyof typeof handled) => ({
      [QUEUES.notificationEmail]: async (data: Record<string, unknown>) => {
        handled[which] += 1;
        await handleNotificationEmailJob(data);
      },
    });
    await Promise.all([worker({ handlers: counting("first") }), worker({ pool: otherInstancePool, handlers: counting("second") })]);

    // The outbox queues one job each; two more copies of each stand for a duplicated send and a
    // retry after a lost completion. A worker takes a batch per poll (lib/jobs/queues.ts): with 60
    // jobs both workers get some, and copies of one notification's job run on both at once.
    await tenantTransaction(tenant.id, async (tx) => {
      expect(await notify(tx, tenant.id, users.map((u) => clientAssigned(u.id)))).toBe(20);
      const ids = await tx.notification.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
      await enqueueMany(tx, QUEUES.notificationEmail, [...ids, ...ids].map((n) => ({ tenantId: tenant.id, notificationId: n.id })));
    });
    await eventually(() => emailJobs(tenant.id), (j) => j.length === 60 && allCompleted(j));

    expect(catcher.messages).toHaveLength(20);
    expect(recipientsOf(catcher.messages)).toEqual(emailsOf(users));
    expect(new Set(catcher.messages.map((m) => m.text)).size).toBe(20); // each its own client's link
    const rows = await emailRows(tenant.id);
    expect(rows.map((r) => r.emailStatus)).toEqual(Array(20).fill("SENT"));
    expect(rows.every((r) => r.emailedAt instanceof Date)).toBe(true);
    // Both instances took their share of the queue.
    expect(handled.first).toBeGreaterThan(0);
    expect(handled.second).toBeGreaterThan(0);
    expect(handled.first + handled.second).toBe(60);
  });
});

describe("the recipient's choices", () => {
  const ALL = [...NOTIFICATION_KINDS];
  const without = (kind: string) => ALL.filter((k) => k !== kind);

  it("off → in the app only; a digest → nothing until the daily digest, then one e-mail with all; English → an English e-mail", async () => {
    const tenant = await createTenant();
    const [off, digest, english, polish] = await Promise.all(Array.from({ length: 4 }, () => createUser(tenant)));
    if (!off || !digest || !english || !polish) throw new Error("users not created");
    await saveNotificationPreferences(contextFor(off), { emailKinds: without("client_assigned"), emailDigest: false, locale: "pl" });
    await saveNotificationPreferences(contextFor(digest), { emailKinds: ALL, emailDigest: true, locale: "pl" });
    await saveNotificationPreferences(contextFor(english), { emailKinds: ALL, emailDigest: false, locale: "en" });
    const pathHref = "/paths/0b6f8d0e-5f55-4d6e-9d44-3f7d2b1c0a11?tab=plan";
    const digestNotices: TNotice[] = [
      clientAssigned(digest.id),
      { userId: digest.id, kind: "plan_returned", href: pathHref, params: { clientName: "Fundacja", versionNumber: 1 } },
      { userId: digest.id, kind: "plan_approved", href: `${pathHref}&v=2`, params: { clientName: "Fundacja", versionNumber: 2 } },
    ];
    await notifyAll(tenant.id, [
      clientAssigned(off.id),
      ...digestNotices,
      { userId: english.id, kind: "plan_returned", href: pathHref, params: { clientName: "Fundacja", versionNumber: 1 } },
      { userId: polish.id, kind: "plan_approved", href: pathHref, params: { clientName: "Fundacja", versionNumber: 1 } },
    ]);
    const running = await worker();

    // Only the two who want one e-mail each have a job; once both ran, nothing else can be sent but the digest.
    const jobs = await eventually(() => emailJobs(tenant.id), (j) => j.length === 2 && allCompleted(j));
    expect(jobs).toHaveLength(2);
    expect(recipientsOf(catcher.messages)).toEqual([english.email, polish.email].sort());
    const statusOf = async (user: TUserRow) => (await emailRows(tenant.id)).filter((r) => r.userId === user.id).map((r) => r.emailStatus);
    expect(await statusOf(off)).toEqual(["SKIPPED"]);
    expect(await statusOf(digest)).toEqual(["DIGEST", "DIGEST", "DIGEST"]);

    const englishMail = await catcher.waitFor((m) => m.to.includes(english.email));
    expect(englishMail.subject).toBe(en.notifications.kinds.plan_returned.mailSubject);
    expect(englishMail.html).toContain('lang="en"');
    expect(englishMail.text).toContain(en.notifications.kinds.plan_returned.mailBody);
    expect(englishMail.text).toContain(appLink(pathHref));
    const polishMail = await catcher.waitFor((m) => m.to.includes(polish.email));
    expect(polishMail.subject).toBe(pl.notifications.kinds.plan_approved.mailSubject);
    expect(polishMail.text).toContain(appLink(pathHref));
    expect(polishMail.text).toContain(appLink("/account/notifications"));

    // The daily digest, as the schedule runs it: one job for the tenant.
    await running.boss.send(QUEUES.tenantDigestDaily, { tenantId: tenant.id, day: "2026-12-03" });
    await eventually(() => statusOf(digest), (s) => s.every((status) => status === "SENT"));
    const digests = catcher.messages.filter((m) => m.to.includes(digest.email));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toBe("Podsumowanie dnia: 3 nowe powiadomienia");
    for (const notice of digestNotices) expect(digests[0]?.text).toContain(appLink(notice.href));
    for (const kind of ["client_assigned", "plan_returned", "plan_approved"] as const) expect(digests[0]?.text).toContain(pl.notifications.kinds[kind].mailSubject);

    // Run again (a retried job): nothing is left to send.
    expect(await runDailyDigest(tenant.id)).toEqual({ sent: 0, skipped: 0 });
    expect(catcher.messages.filter((m) => m.to.includes(digest.email))).toHaveLength(1);
    expect(catcher.messages).toHaveLength(3);
  });

  it("choices made after the change win when its e-mail goes: turned off, digest chosen, account deactivated", async () => {
    const tenant = await createTenant();
    const [turnedOff, toDigest, deactivated] = await Promise.all(Array.from({ length: 3 }, () => createUser(tenant)));
    if (!turnedOff || !toDigest || !deactivated) throw new Error("users not created");
    await notifyAll(tenant.id, [clientAssigned(turnedOff.id), clientAssigned(toDigest.id), clientAssigned(deactivated.id)]);
    expect((await emailRows(tenant.id)).map((r) => r.emailStatus)).toEqual(["PENDING", "PENDING", "PENDING"]);

    await saveNotificationPreferences(contextFor(turnedOff), { emailKinds: without("client_assigned"), emailDigest: false, locale: "pl" });
    await saveNotificationPreferences(contextFor(toDigest), { emailKinds: ALL, emailDigest: true, locale: "pl" });
    await ownerQuery(`UPDATE "user" SET active = false WHERE id = $1`, [deactivated.id]);
    await worker();

    await eventually(() => emailJobs(tenant.id), (j) => j.length === 3 && allCompleted(j));
    expect(catcher.messages).toHaveLength(0);
    const byUser = new Map((await emailRows(tenant.id)).map((r) => [r.userId, r.emailStatus]));
    expect(Object.fromEntries([turnedOff, toDigest, deactivated].map((u) => [u.email, byUser.get(u.id)]))).toEqual({
      [turnedOff.email]: "SKIPPED",
      [toDigest.email]: "DIGEST",
      [deactivated.email]: "SKIPPED",
    });
  });

  it("two daily digests running at once e-mail each user once", async () => {
    const tenant = await createTenant();
    const users = await Promise.all(Array.from({ length: 3 }, () => createUser(tenant)));
    for (const user of users) await saveNotificationPreferences(contextFor(user), { emailKinds: ALL, emailDigest: true, locale: "pl" });
    await notifyAll(tenant.id, users.flatMap((u) => [clientAssigned(u.id), clientAssigned(u.id)]));
    const other = await createTenant();
    const outsider = await createUser(other);
    await saveNotificationPreferences(contextFor(outsider), { emailKinds: ALL, emailDigest: true, locale: "pl" });
    await notifyAll(other.id, [clientAssigned(outsider.id)]);

    const results = await Promise.all([runDailyDigest(tenant.id), runDailyDigest(tenant.id)]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    expect(recipientsOf(catcher.messages)).toEqual(emailsOf(users));
    expect(catcher.messages.every((m) => m.subject === "Podsumowanie dnia: 2 nowe powiadomienia")).toBe(true);
    expect((await emailRows(tenant.id)).every((r) => r.emailStatus === "SENT" && r.emailedAt instanceof Date)).toBe(true);
    // Another tenant's digest waits for its own job.
    expect((await emailRows(other.id)).map((r) => r.emailStatus)).toEqual(["DIGEST"]);
  });
});
