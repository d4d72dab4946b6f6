import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { getDashboard, type TManagerDashboard } from "@/lib/domain/dashboard/service";
import { handleWeeklyDigestJob, isoWeekOf, pastWeek, runWeeklyDigest } from "@/lib/domain/notifications/weekly-digest";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { QUEUES } from "@/lib/jobs/queues";
import { appLink } from "@/lib/mail/render";
import { weeklyDigestMail, type TWeeklyDigestParams } from "@/lib/mail/templates/weekly-digest";
import { contextFor, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createCaseloadClients, setCaseloadLimit } from "@/tests/factories/caseload";
import { insertPath, insertPlanVersion } from "@/tests/factories/paths";
import { insertService, openedDaysAgo } from "../dashboard/dashboard-data";

/**
 * Issue 15, the managers' weekly digest (lib/domain/notifications/weekly-digest.ts): each active
 * manager gets one notification a week whose numbers are the ones their dashboard shows for the
 * same data. The data: advisor A1 over their limit (2 of 1), A2 at it (3 of 3), B1 under; two paths
 * overdue for monitoring (the policy is 30 days) and a fresh one; two plans waiting 5 and 2 days;
 * 150 minutes of services last week (and some this week, the week before and a deleted one, which
 * do not count). Another centre holds the same kind of data.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

let tenant: TTenantRow;
let managers: TUserRow[];
let coordinator: TUserRow;

async function seedCentre(t: TTenantRow) {
  const [pA, pB] = [await createPartner(t), await createPartner(t)];
  const people = {
    managers: [await createUser(t, { role: "MANAGER" }), await createUser(t, { role: "MANAGER" })],
    coordinator: await createUser(t, { role: "COORDINATOR", partnerId: pA.id }),
    a1: await createUser(t, { role: "KEY_ADVISOR", partnerId: pA.id }),
    a2: await createUser(t, { role: "KEY_ADVISOR", partnerId: pA.id }),
    b1: await createUser(t, { role: "KEY_ADVISOR", partnerId: pB.id }),
  };
  await createUser(t, { role: "MANAGER", active: false });
  const [c1, c2] = await createCaseloadClients(t, 2, { status: "ACTIVE", keyAdvisorId: people.a1.id });
  const [c3] = await createCaseloadClients(t, 3, { status: "ACTIVE", keyAdvisorId: people.a2.id });
  const [c6, c7] = await createCaseloadClients(t, 2, { status: "ACTIVE", keyAdvisorId: people.b1.id });
  if (!c1 || !c2 || !c3 || !c6 || !c7) throw new Error("setup");
  await setCaseloadLimit(people.a1, 1);
  await setCaseloadLimit(people.a2, 3);

  const path = (clientId: string, advisor: TUserRow, step: "PLAN" | "IMPLEMENTATION") => insertPath(t, { clientId, keyAdvisorId: advisor.id, createdById: advisor.id, step });
  await openedDaysAgo((await path(c1.id, people.a1, "IMPLEMENTATION")).id, 100);
  await openedDaysAgo((await path(c6.id, people.b1, "IMPLEMENTATION")).id, 40);
  await path(c3.id, people.a2, "IMPLEMENTATION");
  for (const [clientId, advisor, days] of [
    [c2.id, people.a1, 5],
    [c7.id, people.b1, 2],
  ] as const) {
    const plan = await insertPlanVersion(await path(clientId, advisor, "PLAN"), { number: 1, status: "SUBMITTED", createdById: advisor.id });
    await ownerQuery(`UPDATE path_plan_version SET submitted_at = now() - make_interval(days => $2) WHERE id = $1`, [plan.id, days]);
  }

  const week = pastWeek(new Date());
  await insertService(t, { date: week.from, providerIds: [people.a1.id], clientIds: [c1.id], minutes: 60 });
  await insertService(t, { date: week.to, providerIds: [people.b1.id, people.a1.id], clientIds: [c6.id, c1.id], supportType: "TRAINING", minutes: 90 });
  await insertService(t, { date: week.to, providerIds: [people.b1.id], clientIds: [c6.id], minutes: 300, deleted: true });
  await insertService(t, { date: addDays(week.to, 1), providerIds: [people.a1.id], clientIds: [c1.id], minutes: 45 });
  await insertService(t, { date: addDays(week.from, -1), providerIds: [people.a1.id], clientIds: [c1.id], minutes: 30 });
  return people;
}

type TRow = { user_id: string; kind: string; href: string; params: TWeeklyDigestParams; dedupe_key: string; email_status: string };
const digestsOf = (tenantId: string) =>
  ownerQuery<TRow>(`SELECT user_id, kind, href, params, dedupe_key, email_status::text AS email_status FROM notification WHERE tenant_id = $1 ORDER BY user_id`, [tenantId]);

describe("the weekly digest", () => {
  beforeEach(async () => {
    tenant = await createTenant();
    ({ managers, coordinator } = await seedCentre(tenant));
    await seedCentre(await createTenant());
  });

  it("gives every active manager, and nobody else, the numbers their dashboard shows", async () => {
    const now = new Date();
    const written = await runWeeklyDigest(tenant.id, now);
    const dashboard = (await getDashboard(contextFor(managers[0] as TUserRow))) as TManagerDashboard;

    const week = pastWeek(now);
    const rows = await digestsOf(tenant.id);
    expect(written).toBe(2);
    expect(rows.map((r) => r.user_id)).toEqual(managers.map((m) => m.id).sort());
    expect(rows.map((r) => r.user_id)).not.toContain(coordinator.id);
    const [digest] = rows;
    expect(digest).toMatchObject({ kind: "weekly_digest", href: "/dashboard", dedupe_key: `weekly_digest:${isoWeekOf(week.from)}`, email_status: "PENDING" });
    const minutesLastWeek = dashboard.hours.find((w) => w.weekStart === week.from)?.byType.reduce((sum, t) => sum + t.minutes, 0);
    expect(digest?.params).toEqual({
      weekFrom: week.from,
      weekTo: week.to,
      overduePaths: dashboard.overdue.count,
      plansWaiting: dashboard.plans.count,
      longestWaitDays: dashboard.plans.oldest ? Math.floor((now.getTime() - dashboard.plans.oldest.getTime()) / DAY_MS) : null,
      advisorsOverLimit: dashboard.advisors.over.count,
      serviceHours: Math.round(((minutesLastWeek ?? -1) / 60) * 100) / 100,
    });
    // …and those are this data's numbers, not zeros that agree by accident.
    expect(digest?.params).toMatchObject({ overduePaths: 2, plansWaiting: 2, longestWaitDays: 5, advisorsOverLimit: 1, serviceHours: 2.5 });
    expect(rows.every((r) => JSON.stringify(r.params) === JSON.stringify(digest?.params))).toBe(true);
    const emails = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification.email' AND data->>'tenantId' = $1`, [tenant.id]);
    expect(emails[0]?.n, "each manager's e-mail is queued with the notification").toBe(2);
  });

  it("is sent once a week however often the job runs, and never to another centre", async () => {
    const now = new Date();
    await runWeeklyDigest(tenant.id, now);
    expect(await runWeeklyDigest(tenant.id, new Date(now.getTime() + 60_000))).toBe(0);
    expect(await digestsOf(tenant.id)).toHaveLength(2);
    const others = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM notification WHERE tenant_id <> $1`, [tenant.id]);
    expect(others[0]?.n).toBe(0);
    // The next week is a new digest.
    expect(await runWeeklyDigest(tenant.id, new Date(now.getTime() + 7 * DAY_MS))).toBe(2);
  });

  it("is the tenant.digest.weekly handler and refuses data without a tenant id", async () => {
    expect(JOB_HANDLERS[QUEUES.tenantDigestWeekly]).toBe(handleWeeklyDigestJob);
    await expect(handleWeeklyDigestJob({})).rejects.toThrow();
    await handleWeeklyDigestJob({ tenantId: tenant.id, day: "2026-12-07" });
    expect(await digestsOf(tenant.id)).toHaveLength(2);
  });
});

describe("its week", () => {
  it("is the Monday-to-Sunday week before the current one, in Polish time", () => {
    expect(pastWeek(new Date("2026-12-07T06:00:00Z"))).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    // Sunday 23:30 UTC is already Monday in Poland.
    expect(pastWeek(new Date("2026-12-06T23:30:00Z"))).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(pastWeek(new Date("2026-12-06T22:30:00Z"))).toEqual({ from: "2026-11-23", to: "2026-11-29" });
  });

  it("is named by its ISO week, which belongs to the year of its Thursday", () => {
    expect(isoWeekOf("2026-11-30")).toBe("2026-W49");
    expect(isoWeekOf("2026-12-28")).toBe("2026-W53");
    expect(isoWeekOf("2027-01-04")).toBe("2027-W01");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
  });
});

describe("its e-mail", () => {
  const params: TWeeklyDigestParams = { weekFrom: "2026-11-30", weekTo: "2026-12-06", overduePaths: 12, plansWaiting: 3, longestWaitDays: 9, advisorsOverLimit: 1, serviceHours: 42.5 };

  it("shows the counts and a button to the dashboard, in Polish and English, in HTML and plain text", async () => {
    const pl = await weeklyDigestMail({ href: "/dashboard", params }, "pl");
    expect(pl.subject).toBe("Tygodniowe podsumowanie pracy centrum");
    for (const part of [pl.html, pl.text]) {
      expect(part).toContain("30.11.2026");
      expect(part).toContain("Ścieżki z zaległym monitoringiem: 12");
      expect(part).toContain("Plany czekające na decyzję: 3");
      expect(part).toContain("Najdłużej czekający plan: 9 dni");
      expect(part).toContain("Doradcy ponad limitem: 1");
      expect(part).toContain("42,5");
    }
    expect(pl.html).toContain(`href="${appLink("/dashboard")}"`);
    expect(pl.text).toContain(appLink("/dashboard"));
    expect(pl.html).toContain('lang="pl"');

    const en = await weeklyDigestMail({ href: "/dashboard", params: { ...params, longestWaitDays: null } }, "en");
    expect(en.subject).toBe("The centre's weekly summary");
    expect(en.text).toContain("Paths overdue for monitoring: 12");
    expect(en.text).toContain("42.5");
    expect(en.text).not.toContain("Longest-waiting");
    expect(en.text).toContain(appLink("/dashboard"));
    expect(en.html).toContain('lang="en"');
  });

  it("refuses params that are not a digest's", async () => {
    await expect(weeklyDigestMail({ href: "/dashboard", params: { clientName: "Jan Kowalski" } }, "pl")).rejects.toThrow();
  });
});
