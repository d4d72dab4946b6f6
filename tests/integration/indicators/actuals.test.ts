import { beforeEach, describe, expect, it } from "vitest";
import { getIndicatorEvidencePage, getIndicatorReportPage } from "@/lib/domain/indicators/report/pages";
import { getIndicatorComparison, getIndicatorReport, type TIndicatorReport } from "@/lib/domain/indicators/report/report";
import { createUser, ownerQuery } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { buildReportScenario, contextFor, indicatorIdOf, insertResult, withdrawResult, type TReportScenario } from "./report-scenario";

/**
 * Issue 16's acceptance scenario: each actual equals a hand count of its evidence (report-scenario.ts
 * writes the counts down) — quantities summed, a person counted once, evidence outside the period
 * left out, withdrawn evidence dropping the actual; cuts that add up or say they overlap; another
 * centre's evidence never counting and its ids answering NOT_FOUND.
 */

let s: TReportScenario;
const actualOf = (report: TIndicatorReport, code: string) => report.indicators.find((i) => i.code === code)?.actual;
const rowOf = (report: TIndicatorReport, code: string) => {
  const row = report.indicators.find((i) => i.code === code);
  if (!row) throw new Error(`no ${code}`);
  return row;
};

beforeEach(async () => {
  s = await buildReportScenario();
});

describe("actuals of a year", () => {
  it("equal the hand counts of the scenario's evidence", async () => {
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
    });
    expect(report.centre).toBe("OWES Ziemi Świętokrzyskiej");
    expect(Object.fromEntries(report.indicators.map((i) => [i.code, i.actual]))).toEqual({
      INITIATIVE_GROUPS: 0,
      SOCIAL_ENTERPRISES: 1,
      JOBS_CREATED: 9,
      JOBS_MAINTAINED: 1,
      PARTNERSHIPS: 0,
      PUBLIC_PROCUREMENT: 0,
      ANIMATORS: 2,
      JOINT_GI_PROJECTS: 3,
      TRAINING_PARTICIPANTS: 1,
      IPR: 0,
    });
    const jobs = rowOf(report, "JOBS_CREATED");
    expect(jobs).toMatchObject({
      target: 20,
      percent: 45,
      unit: "miejsca pracy",
      source: "PATH_RESULT",
    });
    expect(rowOf(report, "ANIMATORS")).toMatchObject({
      target: null,
      percent: null,
    });
  });

  it("count evidence in the period it is dated in: 2025 has its own", async () => {
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2025",
    });
    expect(actualOf(report, "JOBS_CREATED")).toBe(5);
    expect(actualOf(report, "TRAINING_PARTICIPANTS")).toBe(1);
    expect(actualOf(report, "ANIMATORS")).toBe(1);
    expect(actualOf(report, "JOINT_GI_PROJECTS")).toBe(7);
    expect(actualOf(report, "JOBS_MAINTAINED")).toBe(0);
  });

  it("draws the cumulative progress month by month", async () => {
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
    });
    expect(report.months).toHaveLength(12);
    expect(rowOf(report, "JOBS_CREATED").series).toEqual([0, 0, 3, 3, 3, 3, 5, 9, 9, 9, 9, 9]);
    // Anna Nowak's contract runs since 2025: she counts from January; Jan Kos from April.
    expect(rowOf(report, "ANIMATORS").series).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(rowOf(report, "TRAINING_PARTICIPANTS").series.at(-1)).toBe(1);
  });
});

describe("quarters and the project", () => {
  it("counts a quarter's evidence against its year's target, and says so", async () => {
    const q1 = await getIndicatorReport(contextFor(s.manager), {
      period: "2026-Q1",
    });
    expect(q1.period).toMatchObject({
      from: "2026-01-01",
      to: "2026-03-31",
      targetIsYearly: true,
    });
    expect(rowOf(q1, "JOBS_CREATED")).toMatchObject({
      actual: 3,
      target: 20,
      percent: 15,
    });
    expect(actualOf(q1, "ANIMATORS")).toBe(1);
    expect(actualOf(q1, "TRAINING_PARTICIPANTS")).toBe(1);
    const q3 = await getIndicatorReport(contextFor(s.manager), {
      period: "2026-Q3",
    });
    expect(actualOf(q3, "JOBS_CREATED")).toBe(6);
    expect(q3.months).toEqual(["2026-07", "2026-08", "2026-09"]);
  });

  it("refuses the project period until the centre sets it, then counts the whole project against its target", async () => {
    const unset = await appErrorOf(getIndicatorReport(contextFor(s.manager), { period: "PROJECT" }));
    expect(unset.code).toBe("VALIDATION_FAILED");
    expect(unset.fieldErrors).toEqual({ period: "projectPeriodUnset" });
    const page = await getIndicatorReportPage(contextFor(s.manager), {
      period: "PROJECT",
    });
    expect(page.report).toBeNull();

    await ownerQuery(`UPDATE tenant SET project_starts_on = '2025-01-01', project_ends_on = '2026-12-31' WHERE id = $1`, [s.tenant.id]);
    const project = await getIndicatorReport(contextFor(s.manager), {
      period: "PROJECT",
    });
    expect(project.months).toHaveLength(24);
    expect(rowOf(project, "JOBS_CREATED")).toMatchObject({
      actual: 14,
      target: 40,
      percent: 35,
    });
    // Anna Nowak counts once over the project, across both her contracts.
    expect(actualOf(project, "ANIMATORS")).toBe(2);
    expect(actualOf(project, "TRAINING_PARTICIPANTS")).toBe(2);
    await ownerQuery(`UPDATE tenant SET project_starts_on = NULL, project_ends_on = NULL WHERE id = $1`, [s.tenant.id]);
  });

  it("refuses a period it cannot read", async () => {
    const error = await appErrorOf(getIndicatorReport(contextFor(s.manager), { period: "2026-Q5" }));
    expect(error.code).toBe("VALIDATION_FAILED");
  });
});

describe("cuts", () => {
  it("by sphere add up to the total when no evidence carries two spheres", async () => {
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
      cut: "SPHERE",
    });
    const jobs = rowOf(report, "JOBS_CREATED");
    expect(jobs.cut?.values).toEqual([
      { value: "LOCAL_COMMUNITY_AND_CULTURE", label: null, actual: 2 },
      { value: "SUSTAINABLE_DEVELOPMENT", label: null, actual: 7 },
    ]);
    expect(jobs.cut).toMatchObject({ addsUp: true, multiSphere: false });
    // A result without a sphere is cut as "no sphere".
    expect(rowOf(report, "SOCIAL_ENTERPRISES").cut?.values).toEqual([{ value: "NONE", label: null, actual: 1 }]);
  });

  it("by partner, office and county, with the unassigned", async () => {
    const byPartner = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
      cut: "PARTNER",
    });
    expect(rowOf(byPartner, "JOBS_CREATED").cut?.values).toEqual([
      { value: s.partnerA.id, label: "Fundacja Aktywni", actual: 7 },
      { value: s.partnerB.id, label: "Stowarzyszenie Razem", actual: 2 },
    ]);
    expect(byPartner.cut?.values.map((v) => v.label)).toEqual(["Fundacja Aktywni", "Stowarzyszenie Razem", null]);
    const byOffice = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
      cut: "OFFICE",
    });
    expect(rowOf(byOffice, "JOBS_CREATED").cut?.values).toEqual([
      { value: s.office.id, label: "Biuro Kielce", actual: 7 },
      { value: "NONE", label: null, actual: 2 },
    ]);
    const byCounty = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
      cut: "COUNTY",
    });
    expect(rowOf(byCounty, "JOBS_CREATED").cut?.values).toEqual([
      { value: "kielecki", label: "kielecki", actual: 7 },
      { value: "NONE", label: null, actual: 2 },
    ]);
    expect(byCounty.cut?.overlapping).toBe(false);
  });

  it("by sphere say they overlap once evidence carries two spheres", async () => {
    const both = await insertResult(s.tenant, {
      clientId: s.clientA.id,
      authorId: s.advisorA.id,
      type: "JOBS_CREATED",
      quantity: 1,
      achievedOn: "2026-09-09",
      spheres: ["SUSTAINABLE_DEVELOPMENT", "LOCAL_COMMUNITY_AND_CULTURE"],
    });
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
      cut: "SPHERE",
    });
    const jobs = rowOf(report, "JOBS_CREATED");
    expect(jobs.actual).toBe(10);
    expect(jobs.cut?.values.map((v) => v.actual)).toEqual([3, 8]);
    expect(jobs.cut).toMatchObject({ addsUp: false, multiSphere: true });
    expect(report.cut?.overlapping).toBe(true);
    await withdrawResult(both.id, s.manager.id);
  });
});

describe("withdrawn evidence", () => {
  it("drops the actual and leaves the drill-down", async () => {
    const ctx = contextFor(s.manager);
    const jobsId = await indicatorIdOf(s.tenant.id, "JOBS_CREATED");
    await withdrawResult(s.results.jobsAugust.id, s.manager.id);
    const report = await getIndicatorReport(ctx, { period: "2026" });
    expect(rowOf(report, "JOBS_CREATED")).toMatchObject({
      actual: 5,
      percent: 25,
    });
    const page = await getIndicatorEvidencePage(ctx, jobsId, {
      period: "2026",
    });
    expect(page.actual).toBe(5);
    expect(page.items.map((r) => r.quantity)).toEqual([2, 3]);
    expect(page.items.map((r) => r.evidenceId)).not.toContain(s.results.jobsAugust.id);
  });
});

describe("the drill-down", () => {
  it("lists the evidence behind an actual with links, newest first, and marks a person counted already", async () => {
    const ctx = contextFor(s.manager);
    const jobs = await getIndicatorEvidencePage(ctx, await indicatorIdOf(s.tenant.id, "JOBS_CREATED"), { period: "2026" });
    expect(jobs.items.map((r) => r.href)).toEqual([
      `/paths/${s.results.jobsAugust.pathId}?tab=evaluation`,
      `/paths/${s.results.jobsJuly.pathId}?tab=evaluation`,
      `/paths/${s.results.jobsMarch.pathId}?tab=evaluation`,
    ]);
    expect(jobs.items.map((r) => r.quantity)).toEqual([4, 2, 3]);
    expect(jobs.items[1]).toMatchObject({
      source: "PATH_RESULT",
      resultType: "JOBS_CREATED",
      title: "Umowa o pracę",
      client: { kind: "readable", name: "Fundacja Łąka" },
    });
    expect(jobs).toMatchObject({
      total: 3,
      actual: 9,
      target: 20,
      percent: 45,
    });

    const training = await getIndicatorEvidencePage(ctx, await indicatorIdOf(s.tenant.id, "TRAINING_PARTICIPANTS"), { period: "2026" });
    expect(training.actual).toBe(1);
    expect(training.items).toHaveLength(2);
    expect(training.items.map((r) => [r.repeated, r.client.kind === "readable" ? r.client.name : null])).toEqual([
      [true, "Bożena Kałuża"],
      [false, "Bożena Kałuża"],
    ]);
    expect(training.items.every((r) => r.href.startsWith("/events/"))).toBe(true);

    const animators = await getIndicatorEvidencePage(ctx, await indicatorIdOf(s.tenant.id, "ANIMATORS"), { period: "2026" });
    expect(animators.items.every((r) => r.href.startsWith("/admin/staff/"))).toBe(true);
    expect(animators.items.map((r) => r.title)).toEqual(["Jan Kos", " anna nowak ", "Anna Nowak"]);
    const maintained = await getIndicatorEvidencePage(ctx, await indicatorIdOf(s.tenant.id, "JOBS_MAINTAINED"), { period: "2026" });
    expect(maintained.items.map((r) => r.repeated)).toEqual([true, false]);
    expect(maintained.items[0]?.href).toMatch(/^\/durability\/[0-9a-f-]{36}$/);
    const manual = await getIndicatorEvidencePage(ctx, await indicatorIdOf(s.tenant.id, "JOINT_GI_PROJECTS"), { period: "2026" });
    expect(manual.items.map((r) => r.quantity)).toEqual([2, 1]);
    expect(manual.items[0]?.client).toEqual({ kind: "none" });
    expect(manual.items[0]?.href).toMatch(/^\/indicators\/evidence\/[0-9a-f-]{36}$/);
  });

  it("narrows to one cut value with its actual", async () => {
    const page = await getIndicatorEvidencePage(contextFor(s.manager), await indicatorIdOf(s.tenant.id, "JOBS_CREATED"), {
      period: "2026",
      cut: "PARTNER",
      value: s.partnerB.id,
    });
    expect(page.cut).toEqual({
      kind: "PARTNER",
      value: s.partnerB.id,
      label: "Stowarzyszenie Razem",
      actual: 2,
    });
    expect(page.items.map((r) => r.evidenceId)).toEqual([s.results.jobsJuly.id]);
  });

  it("names clients only to a viewer who may read them (need-to-know)", async () => {
    const page = await getIndicatorEvidencePage(contextFor(s.coordinator), await indicatorIdOf(s.tenant.id, "JOBS_CREATED"), { period: "2026" });
    const clientA = {
      kind: "readable",
      id: s.clientA.id,
      name: "Spółdzielnia Socjalna Żuraw",
    };
    expect(page.items.map((r) => r.client)).toEqual([clientA, { kind: "outOfScope" }, clientA]);
  });

  it("paginates", async () => {
    const page = await getIndicatorEvidencePage(contextFor(s.manager), await indicatorIdOf(s.tenant.id, "ANIMATORS"), { period: "2026", page: 2 });
    expect(page.page).toBe(2);
    expect(page.items).toHaveLength(0);
    const first = await getIndicatorEvidencePage(contextFor(s.manager), await indicatorIdOf(s.tenant.id, "ANIMATORS"), { period: "2026" });
    expect(first).toMatchObject({ total: 3, pageCount: 1 });
  });
});

describe("the comparison of two periods", () => {
  it("gives both actuals and the difference", async () => {
    const comparison = await getIndicatorComparison(contextFor(s.manager), "2025", "2026");
    const row = (code: string) => comparison.indicators.find((i) => i.code === code);
    expect(row("JOBS_CREATED")).toMatchObject({
      actualA: 5,
      actualB: 9,
      difference: 4,
    });
    expect(row("ANIMATORS")).toMatchObject({
      actualA: 1,
      actualB: 2,
      difference: 1,
    });
    expect(row("JOINT_GI_PROJECTS")).toMatchObject({
      actualA: 7,
      actualB: 3,
      difference: -4,
    });
  });
});

describe("isolation and permissions", () => {
  it("never counts another centre's evidence, which has its own report", async () => {
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
      cut: "SPHERE",
    });
    expect(rowOf(report, "JOBS_CREATED").cut?.values.reduce((sum, v) => sum + v.actual, 0)).toBe(9);
    const theirs = await getIndicatorReport(contextFor(s.other.manager), {
      period: "2026",
    });
    expect(actualOf(theirs, "JOBS_CREATED")).toBe(100);
    expect(actualOf(theirs, "JOINT_GI_PROJECTS")).toBe(50);
    expect(actualOf(theirs, "ANIMATORS")).toBe(1);
  });

  it("answers another centre's indicator id, and a malformed one, with NOT_FOUND", async () => {
    const foreign = await indicatorIdOf(s.other.tenant.id, "JOBS_CREATED");
    expect(
      (
        await appErrorOf(
          getIndicatorEvidencePage(contextFor(s.manager), foreign, {
            period: "2026",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await appErrorOf(
          getIndicatorEvidencePage(contextFor(s.manager), "not-a-uuid", {
            period: "2026",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("hides an inactive indicator", async () => {
    const id = await indicatorIdOf(s.tenant.id, "IPR");
    await ownerQuery(`UPDATE indicator SET active = false WHERE id = $1`, [id]);
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
    });
    expect(report.indicators.map((i) => i.code)).not.toContain("IPR");
    expect((await appErrorOf(getIndicatorEvidencePage(contextFor(s.manager), id, {}))).code).toBe("NOT_FOUND");
    await ownerQuery(`UPDATE indicator SET active = true WHERE id = $1`, [id]);
  });

  it("refuses a role without indicators.read", async () => {
    const advisor = contextFor(await createUser(s.tenant, { role: "KEY_ADVISOR" }));
    expect((await appErrorOf(getIndicatorReport(advisor, { period: "2026" }))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(getIndicatorComparison(advisor, "2025", "2026"))).code).toBe("FORBIDDEN");
  });
});
