import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { addDays, todayInPoland } from "@/lib/dates";
import { getDashboard } from "@/lib/domain/dashboard/service";
import { findJobChecks, getJobPage } from "@/lib/domain/durability/read";
import { addCalendarMonths } from "@/lib/domain/durability/policy";
import { correctJobCheck, recordJobCheck, updateJob } from "@/lib/domain/durability/service";
import { runNightlyChecks } from "@/lib/domain/notifications/checks";
import { addEvaluation } from "@/lib/domain/paths/service";
import { auditRows, contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { insertPath } from "@/tests/factories/paths";

/** The first row, or a failed test when there is none. */
function one<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error("expected a row");
  return row;
}

/**
 * Issue 16 §3: every job created is a record with checks due at the tenant's months (12 and 24 by
 * default); the advisor records each (maintained, or ended — which closes the later ones); overdue
 * checks are listed, counted on the dashboards in the list's scope, and notified once per check.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let coordinator: TUserRow;
let advisor: TUserRow;
let otherAdvisor: TUserRow;
let advisorCtx: TContext;
const today = todayInPoland();

beforeEach(async () => {
  tenant = await createTenant();
  const [partner, otherPartner] = [await createPartner(tenant), await createPartner(tenant)];
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, {
    role: "COORDINATOR",
    partnerId: partner.id,
  });
  advisor = await createUser(tenant, {
    role: "KEY_ADVISOR",
    partnerId: partner.id,
  });
  otherAdvisor = await createUser(tenant, {
    role: "KEY_ADVISOR",
    partnerId: otherPartner.id,
  });
  advisorCtx = contextFor(advisor);
});

/** A client of `owner` with a JOBS_CREATED result of `quantity` achieved on `startsOn`; its jobs with their checks. */
async function jobsCreated(owner: TUserRow, startsOn: string, quantity = 1, name = "Spółdzielnia") {
  const client = await createClient(tenant, { keyAdvisorId: owner.id, name });
  const path = await insertPath(tenant, {
    clientId: client.id,
    keyAdvisorId: owner.id,
    createdById: owner.id,
    step: "EVALUATION",
  });
  await addEvaluation(contextFor(owner), path.id, {
    assessment: "Zatrudnienie w spółdzielni.",
    results: [
      {
        type: "JOBS_CREATED",
        quantity,
        achievedOn: startsOn,
        evidenceKind: "umowa o dotację",
        evidenceReference: "UD/1",
      },
    ],
  });
  const jobs = await ownerQuery<{
    id: string;
    check12: string;
    check24: string;
  }>(
    `SELECT j.id, (SELECT k.id FROM job_check k WHERE k.job_id = j.id AND k.months = 12) AS check12,
            (SELECT k.id FROM job_check k WHERE k.job_id = j.id AND k.months = 24) AS check24
     FROM job_record j WHERE j.client_id = $1 ORDER BY j.id`,
    [client.id],
  );
  return { client, path, jobs };
}

const maintained = (checkedOn = today) => ({
  outcome: "MAINTAINED" as const,
  checkedOn,
  evidence: "Deklaracja ZUS DRA",
});

describe("checks fall due", () => {
  it("at 12 and 24 calendar months after the job's start, and the job page shows them with their state", async () => {
    const start = addCalendarMonths(today, -13);
    const { jobs, client } = await jobsCreated(advisor, start);
    const page = await getJobPage(advisorCtx, one(jobs).id);
    expect(page).toMatchObject({
      clientId: client.id,
      startsOn: start,
      evidence: "UD/1",
      withdrawn: false,
      canCheck: true,
    });
    expect(page.checks.map((c) => [c.months, c.dueOn, c.state])).toEqual([
      [12, addCalendarMonths(start, 12), "OVERDUE"],
      [24, addCalendarMonths(start, 24), "UPCOMING"],
    ]);
  });

  it("follow the tenant's months", async () => {
    await ownerQuery(`UPDATE tenant SET job_check_months = '{6}' WHERE id = $1`, [tenant.id]);
    const start = addDays(addCalendarMonths(today, -6), 10); // due in about 10 days: open to record
    const { jobs } = await jobsCreated(advisor, start);
    const page = await getJobPage(advisorCtx, one(jobs).id);
    expect(page.checks.map((c) => [c.months, c.dueOn, c.state])).toEqual([[6, addCalendarMonths(start, 6), "DUE"]]);
  });
});

describe("the overdue list, the dashboards and the nightly notification", () => {
  it("list the overdue checks in scope, count the same on the dashboards, and notify the advisor once per check", async () => {
    await jobsCreated(advisor, addCalendarMonths(today, -13), 2, "Moja spółdzielnia"); // 2 overdue (12 m)
    await jobsCreated(advisor, addCalendarMonths(today, -25), 1, "Starsza spółdzielnia"); // 12 m and 24 m overdue
    await jobsCreated(advisor, addDays(addCalendarMonths(today, -12), 10), 1, "Nowa spółdzielnia"); // due in 10 days
    await jobsCreated(otherAdvisor, addCalendarMonths(today, -13), 1, "Cudza spółdzielnia"); // another partner's

    const mine = await findJobChecks(advisorCtx, { view: "overdue" });
    expect(mine.total).toBe(4);
    expect(new Set(mine.items.map((r) => r.clientName))).toEqual(new Set(["Moja spółdzielnia", "Starsza spółdzielnia"]));
    expect(mine.items.every((r) => r.state === "OVERDUE")).toBe(true);
    expect((await findJobChecks(advisorCtx, { view: "due" })).items.map((r) => r.clientName)).toEqual(["Nowa spółdzielnia"]);
    expect((await findJobChecks(contextFor(coordinator), { view: "overdue" })).total).toBe(4);
    expect((await findJobChecks(contextFor(manager), { view: "overdue" })).total).toBe(5);
    expect((await findJobChecks(contextFor(otherAdvisor), { view: "overdue" })).total).toBe(1);

    const dashboards = {
      advisor: await getDashboard(advisorCtx),
      coordinator: await getDashboard(contextFor(coordinator)),
      manager: await getDashboard(contextFor(manager)),
    };
    const count = (d: Awaited<ReturnType<typeof getDashboard>>) => ("overdueChecks" in d ? d.overdueChecks : null);
    expect(count(dashboards.advisor)).toEqual({
      count: 4,
      href: "/durability?view=overdue",
    });
    expect(count(dashboards.coordinator)?.count).toBe(4);
    expect(count(dashboards.manager)?.count).toBe(5);

    await runNightlyChecks(tenant.id);
    await runNightlyChecks(tenant.id);
    const notices = await ownerQuery<{
      user_id: string;
      href: string;
      dedupe_key: string;
    }>(`SELECT user_id, href, dedupe_key FROM notification WHERE tenant_id = $1 AND kind = 'durability_check_overdue'`, [tenant.id]);
    expect(notices).toHaveLength(5);
    expect(notices.filter((n) => n.user_id === advisor.id)).toHaveLength(4);
    expect(new Set(notices.map((n) => n.dedupe_key)).size).toBe(5);

    // Recorded: no longer overdue, and not notified again.
    const first = one(mine.items);
    await recordJobCheck(advisorCtx, first.checkId, maintained());
    expect((await findJobChecks(advisorCtx, { view: "overdue" })).total).toBe(3);
    expect(count(await getDashboard(advisorCtx))?.count).toBe(3);
  });

  it("filter by client and by the year the job started, and page", async () => {
    const { client } = await jobsCreated(advisor, addCalendarMonths(today, -13), 3);
    await jobsCreated(advisor, addCalendarMonths(today, -30), 1);
    const byClient = await findJobChecks(advisorCtx, {
      view: "all",
      clientId: client.id,
    });
    expect(byClient.total).toBe(6);
    const year = Number(addCalendarMonths(today, -30).slice(0, 4));
    expect((await findJobChecks(advisorCtx, { view: "all", year })).items.every((r) => r.startsOn.startsWith(String(year)))).toBe(true);
    const paged = await findJobChecks(advisorCtx, {
      view: "all",
      clientId: client.id,
      page: 2,
      pageSize: 4,
    });
    expect(paged.items).toHaveLength(2);
    expect(paged.pageCount).toBe(2);
  });
});

describe("recording a check", () => {
  it("ENDED closes the job's later checks, and is audited", async () => {
    const start = addCalendarMonths(today, -13);
    const { jobs } = await jobsCreated(advisor, start);
    const ended = addDays(today, -20);
    await recordJobCheck(advisorCtx, one(jobs).check12, {
      outcome: "ENDED",
      checkedOn: today,
      endedOn: ended,
      evidence: "Wypowiedzenie umowy o pracę",
    });
    const page = await getJobPage(advisorCtx, one(jobs).id);
    expect(page.checks.map((c) => [c.months, c.outcome, c.endedOn])).toEqual([
      [12, "ENDED", ended],
      [24, "ENDED", ended],
    ]);
    const audit = (await auditRows(tenant.id)).find((a) => a.action === "durability.check_record");
    expect(audit).toMatchObject({
      entity_type: "JobRecord",
      entity_id: one(jobs).id,
    });
    expect(audit?.after).toMatchObject({
      outcome: "ENDED",
      endedOn: ended,
      closedChecks: 1,
    });
  });

  it("MAINTAINED counts toward 'jobs maintained' dated by the check; a correction to ENDED drops it", async () => {
    const { jobs } = await jobsCreated(advisor, addCalendarMonths(today, -13));
    await recordJobCheck(advisorCtx, one(jobs).check12, maintained());
    const evidence = () =>
      ownerQuery<{ valid_from: string }>(
        `SELECT to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM indicator_evidence WHERE source = 'JOBS_MAINTAINED' AND link_id = $1`,
        [one(jobs).id],
      );
    expect(await evidence()).toEqual([{ valid_from: today }]);
    await correctJobCheck(advisorCtx, one(jobs).check12, {
      outcome: "ENDED",
      checkedOn: today,
      endedOn: addDays(today, -1),
      evidence: "Wypowiedzenie",
    });
    expect(await evidence()).toEqual([]);
    const page = await getJobPage(advisorCtx, one(jobs).id);
    expect(page.checks.map((c) => c.outcome)).toEqual(["ENDED", "ENDED"]);
    // Back to MAINTAINED: the 24-month check it had closed opens again.
    await correctJobCheck(advisorCtx, one(jobs).check12, maintained());
    expect((await getJobPage(advisorCtx, one(jobs).id)).checks.map((c) => c.outcome)).toEqual(["MAINTAINED", null]);
    expect((await auditRows(tenant.id)).filter((a) => a.action === "durability.check_correct")).toHaveLength(2);
  });

  it("refuses before its window, a date in the future, a later check before an earlier one, and twice — changing nothing", async () => {
    const early = await jobsCreated(advisor, addDays(addCalendarMonths(today, -12), 40));
    const snapshot = await tenantSnapshot(tenant.id);
    expect((await appErrorOf(recordJobCheck(advisorCtx, one(early.jobs).check12, maintained()))).fieldErrors._form).toBe("durabilityCheckNotOpen");
    expect((await appErrorOf(recordJobCheck(advisorCtx, one(early.jobs).check24, maintained()))).fieldErrors._form).toBe("durabilityEarlierCheckOpen");
    expect(await tenantSnapshot(tenant.id)).toEqual(snapshot);

    const due = await jobsCreated(advisor, addCalendarMonths(today, -13));
    expect((await appErrorOf(recordJobCheck(advisorCtx, one(due.jobs).check12, maintained(addDays(today, 1))))).fieldErrors.checkedOn).toBe("dateInFuture");
    await recordJobCheck(advisorCtx, one(due.jobs).check12, maintained());
    expect((await appErrorOf(recordJobCheck(advisorCtx, one(due.jobs).check12, maintained()))).fieldErrors._form).toBe("durabilityCheckRecorded");
  });

  it("edits a job's person, position and evidence (audited)", async () => {
    const { jobs } = await jobsCreated(advisor, addCalendarMonths(today, -2));
    await updateJob(advisorCtx, one(jobs).id, {
      personName: "Jan Kowalski",
      position: "Kucharz",
      evidence: "UP/5/2026",
    });
    expect(await getJobPage(advisorCtx, one(jobs).id)).toMatchObject({
      personName: "Jan Kowalski",
      position: "Kucharz",
      evidence: "UP/5/2026",
    });
    const audit = (await auditRows(tenant.id)).find((a) => a.action === "durability.job_update");
    expect(audit?.before).toEqual({
      personName: null,
      position: null,
      evidence: "UD/1",
    });
  });
});

describe("scope and other tenants", () => {
  it("answers NOT_FOUND for another tenant's or a malformed id, and out of scope", async () => {
    const { jobs } = await jobsCreated(advisor, addCalendarMonths(today, -13));
    const elsewhere = await createTenant();
    const foreignManager = contextFor(await createUser(elsewhere, { role: "MANAGER" }));
    // One call at a time: a rejected promise nobody awaits yet is an unhandled rejection.
    for (const call of [
      () => getJobPage(foreignManager, one(jobs).id),
      () => updateJob(foreignManager, one(jobs).id, {}),
      () => recordJobCheck(foreignManager, one(jobs).check12, maintained()),
      () => correctJobCheck(foreignManager, one(jobs).check12, maintained()),
      () => getJobPage(advisorCtx, "nope"),
      () => recordJobCheck(advisorCtx, "00000000-0000-4000-8000-000000000000", maintained()),
    ]) {
      expect((await appErrorOf(call())).code).toBe("NOT_FOUND");
    }
    expect((await findJobChecks(foreignManager, { view: "all" })).total).toBe(0);
    // Another partner's advisor: no need to know.
    expect((await appErrorOf(recordJobCheck(contextFor(otherAdvisor), one(jobs).check12, maintained()))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(getJobPage(contextFor(otherAdvisor), one(jobs).id))).code).toBe("NOT_FOUND");
    // The coordinator of the advisor's partner may record it; an auditor reads but may not.
    const auditor = contextFor(await createUser(tenant, { role: "AUDITOR" }));
    expect((await getJobPage(auditor, one(jobs).id)).canCheck).toBe(false);
    expect((await appErrorOf(recordJobCheck(auditor, one(jobs).check12, maintained()))).code).toBe("FORBIDDEN");
    await recordJobCheck(contextFor(coordinator), one(jobs).check12, maintained());
  });
});
