import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getIndicatorCataloguePage, getIndicatorEditPage, getTargetsPage } from "@/lib/domain/indicators/admin-pages";
import { createIndicator, setIndicatorActive, updateIndicator } from "@/lib/domain/indicators/catalogue";
import { registerEvidence } from "@/lib/domain/indicators/manual-evidence";
import type { TIndicatorInput } from "@/lib/domain/indicators/schemas";
import { updateProjectSettings } from "@/lib/domain/indicators/settings";
import { saveTargets } from "@/lib/domain/indicators/targets";
import { auditRows, contextFor, createTenant, createUser, ownerQuery, type TTenantRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";

/**
 * The indicator catalogue (issue 16 §1): the seeded indicators, the manager's edits, the targets
 * grid of a year and the project, the project settings — permissions, validation, audit.
 */

let tenant: TTenantRow;
let managerCtx: TContext;
let byCode: Map<string, string>;

const NEW_INDICATOR: TIndicatorInput = {
  code: "study_visits",
  name: "Liczba wizyt studyjnych",
  nameEn: "Study visits",
  unit: "wizyty",
  evidenceKind: "Lista obecności z wizyty",
  description: "",
  position: 20,
  source: "MANUAL",
  resultType: "",
};

const updateOf = (id: string, changes: Partial<TIndicatorInput>) => {
  const { code: _code, ...rest } = { ...NEW_INDICATOR, ...changes };
  return [managerCtx, id, rest] as const;
};

beforeEach(async () => {
  tenant = await createTenant();
  managerCtx = contextFor(await createUser(tenant, { role: "MANAGER" }));
  const page = await getIndicatorCataloguePage(managerCtx, 2026);
  byCode = new Map(page.indicators.map((i) => [i.code, i.id]));
});

const idOf = (code: string) => {
  const id = byCode.get(code);
  if (!id) throw new Error(`no indicator ${code}`);
  return id;
};

describe("the indicator catalogue", () => {
  it("gives every new tenant the seeded catalogue, in order, with no targets", async () => {
    const page = await getIndicatorCataloguePage(managerCtx, "2026");
    expect(page.year).toBe("2026");
    expect(page.indicators.map((i) => i.code)).toEqual([
      "INITIATIVE_GROUPS",
      "SOCIAL_ENTERPRISES",
      "JOBS_CREATED",
      "JOBS_MAINTAINED",
      "PARTNERSHIPS",
      "PUBLIC_PROCUREMENT",
      "ANIMATORS",
      "JOINT_GI_PROJECTS",
      "TRAINING_PARTICIPANTS",
      "IPR",
    ]);
    expect(page.indicators.find((i) => i.code === "JOBS_CREATED")).toMatchObject({
      source: "PATH_RESULT",
      resultType: "JOBS_CREATED",
      yearTarget: null,
      projectTarget: null,
    });
    expect(page.settings).toEqual({ projectStartsOn: null, projectEndsOn: null, jobCheckMonths: [12, 24] });
  });

  it("adds an indicator with an upper-cased code, and refuses a taken code next to the field", async () => {
    const { id } = await createIndicator(managerCtx, NEW_INDICATOR);
    const page = await getIndicatorEditPage(managerCtx, id);
    expect(page.indicator).toMatchObject({ code: "STUDY_VISITS", name: "Liczba wizyt studyjnych", source: "MANUAL", resultType: null, active: true });
    const taken = await appErrorOf(createIndicator(managerCtx, { ...NEW_INDICATOR, code: "Study_Visits", name: "Inna nazwa" }));
    expect({ code: taken.code, fieldErrors: taken.fieldErrors }).toEqual({ code: "ALREADY_EXISTS", fieldErrors: { code: "codeTaken" } });
  });

  it("validates the fields next to them: code, name, a result type only and always for path results", async () => {
    const error = await appErrorOf(createIndicator(managerCtx, { ...NEW_INDICATOR, code: "zły kod", name: " ", source: "PATH_RESULT", resultType: "" }));
    expect(error.fieldErrors).toEqual({ code: "invalidCode", name: "required", resultType: "chooseResultType" });
    const other = await appErrorOf(createIndicator(managerCtx, { ...NEW_INDICATOR, source: "MANUAL", resultType: "JOBS_CREATED" }));
    expect(other.fieldErrors).toEqual({ resultType: "resultTypeOnlyForResults" });
  });

  it("changes what an indicator counts only while no evidence counts toward it", async () => {
    const { id } = await createIndicator(managerCtx, NEW_INDICATOR);
    await updateIndicator(...updateOf(id, { source: "PATH_RESULT", resultType: "IPR_PREPARED" }));
    await updateIndicator(...updateOf(id, { source: "MANUAL", resultType: "" }));
    await registerEvidence(managerCtx, { indicatorId: id, documentKind: "Lista obecności", documentDate: "2026-03-02", reference: "WS/1/2026", quantity: 1 });
    expect((await getIndicatorEditPage(managerCtx, id)).hasEvidence).toBe(true);

    const refused = await appErrorOf(updateIndicator(...updateOf(id, { source: "PATH_RESULT", resultType: "IPR_PREPARED" })));
    expect(refused.fieldErrors).toEqual({ source: "sourceHasEvidence" });
    // The words may change.
    await updateIndicator(...updateOf(id, { name: "Wizyty studyjne (liczba)" }));
    expect((await getIndicatorEditPage(managerCtx, id)).indicator).toMatchObject({ name: "Wizyty studyjne (liczba)", source: "MANUAL" });
  });

  it("retires an indicator and restores it, audited once per change", async () => {
    const id = idOf("PUBLIC_PROCUREMENT");
    await setIndicatorActive(managerCtx, id, false);
    await setIndicatorActive(managerCtx, id, false);
    expect((await getIndicatorCataloguePage(managerCtx)).indicators.at(-1)).toMatchObject({ code: "PUBLIC_PROCUREMENT", active: false });
    expect((await getTargetsPage(managerCtx, 2026)).indicators.map((i) => i.code)).not.toContain("PUBLIC_PROCUREMENT");
    await setIndicatorActive(managerCtx, id, true);
    const rows = (await auditRows(tenant.id)).filter((r) => r.entity_type === "Indicator");
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      ["indicator.retire", { active: true }, { active: false }],
      ["indicator.restore", { active: false }, { active: true }],
    ]);
  });

  it("is kept by managers only; another tenant's or a made-up id is NOT_FOUND", async () => {
    for (const role of ["ADMIN", "COORDINATOR", "KEY_ADVISOR", "AUDITOR"] as const) {
      const ctx = contextFor(await createUser(tenant, { role }));
      expect((await appErrorOf(createIndicator(ctx, NEW_INDICATOR))).code, role).toBe("FORBIDDEN");
      expect((await appErrorOf(getIndicatorCataloguePage(ctx))).code, role).toBe("FORBIDDEN");
      expect((await appErrorOf(saveTargets(ctx, { year: "2026", targets: {} }))).code, role).toBe("FORBIDDEN");
    }
    const other = await createTenant();
    const otherManager = contextFor(await createUser(other, { role: "MANAGER" }));
    for (const id of [idOf("IPR"), randomUUID(), "not-an-id"]) {
      expect((await appErrorOf(getIndicatorEditPage(otherManager, id))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(setIndicatorActive(otherManager, id, false))).code).toBe("NOT_FOUND");
    }
  });
});

describe("the targets grid", () => {
  it("saves a year and the project for all indicators at once, clears emptied boxes, audits the changes", async () => {
    const jobs = idOf("JOBS_CREATED");
    const ipr = idOf("IPR");
    const animators = idOf("ANIMATORS");
    await saveTargets(managerCtx, {
      year: "2026",
      targets: { [jobs]: { year: "20", project: "40" }, [ipr]: { year: "20", project: "" }, [animators]: { year: 2, project: "" } },
    });
    await saveTargets(managerCtx, { year: "2027", targets: { [jobs]: { year: "15", project: "40" } } });
    let page = await getTargetsPage(managerCtx, 2026);
    const targetOf = (id: string) => page.indicators.find((i) => i.id === id);
    expect(targetOf(jobs)).toMatchObject({ yearTarget: 20, projectTarget: 40 });
    expect(targetOf(ipr)).toMatchObject({ yearTarget: 20, projectTarget: null });

    const result = await saveTargets(managerCtx, {
      year: "2026",
      targets: { [jobs]: { year: "", project: "40" }, [ipr]: { year: "20", project: "" }, [animators]: { year: "2", project: "" } },
    });
    expect(result).toEqual({ changed: 1 });
    page = await getTargetsPage(managerCtx, 2026);
    expect(targetOf(jobs)).toMatchObject({ yearTarget: null, projectTarget: 40 });
    expect((await getTargetsPage(managerCtx, 2027)).indicators.find((i) => i.id === jobs)).toMatchObject({ yearTarget: 15, projectTarget: 40 });

    const rows = (await auditRows(tenant.id)).filter((r) => r.action === "indicator.targets_set" && r.entity_id === jobs);
    expect(rows.map((r) => [r.before, r.after])).toEqual([
      [{ targets: {} }, { targets: { "2026": 20, PROJECT: 40 } }],
      [{ targets: { PROJECT: 40 } }, { targets: { "2027": 15, PROJECT: 40 } }],
      [{ targets: { "2026": 20, PROJECT: 40 } }, { targets: { PROJECT: 40 } }],
    ]);
  });

  it("saves nothing when one value is wrong, and says which box", async () => {
    const jobs = idOf("JOBS_CREATED");
    const ipr = idOf("IPR");
    const error = await appErrorOf(
      saveTargets(managerCtx, { year: "2026", targets: { [jobs]: { year: "20", project: "40" }, [ipr]: { year: "-3", project: "2,5" } } }),
    );
    expect({ code: error.code, fieldErrors: error.fieldErrors }).toEqual({
      code: "VALIDATION_FAILED",
      fieldErrors: { [`targets.${ipr}.year`]: "targetMin", [`targets.${ipr}.project`]: "notANumber" },
    });
    expect(await ownerQuery(`SELECT * FROM indicator_target WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
    expect((await appErrorOf(saveTargets(managerCtx, { year: "1999", targets: {} }))).fieldErrors).toEqual({ year: "invalidYear" });
  });

  it("refuses another tenant's indicator as a missing one and writes nothing", async () => {
    const other = await createTenant();
    const otherManager = contextFor(await createUser(other, { role: "MANAGER" }));
    const otherId = (await getIndicatorCataloguePage(otherManager)).indicators[0]?.id ?? "";
    const error = await appErrorOf(
      saveTargets(managerCtx, { year: "2026", targets: { [idOf("IPR")]: { year: "5", project: "" }, [otherId]: { year: "5", project: "" } } }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(await ownerQuery(`SELECT * FROM indicator_target WHERE tenant_id IN ($1, $2)`, [tenant.id, other.id])).toEqual([]);
  });
});

describe("the project settings", () => {
  it("sets the project period and check months (sorted), audited with before and after", async () => {
    const saved = await updateProjectSettings(managerCtx, { projectStartsOn: "2024-01-01", projectEndsOn: "2027-12-31", jobCheckMonths: ["24", "6", "12"] });
    expect(saved).toEqual({ projectStartsOn: "2024-01-01", projectEndsOn: "2027-12-31", jobCheckMonths: [6, 12, 24] });
    expect((await getIndicatorCataloguePage(managerCtx)).settings).toEqual(saved);
    const [row] = (await auditRows(tenant.id)).filter((r) => r.action === "tenant.project_settings");
    expect(row).toMatchObject({
      entity_type: "Tenant",
      entity_id: tenant.id,
      before: { projectStartsOn: null, projectEndsOn: null, jobCheckMonths: [12, 24] },
      after: { projectStartsOn: "2024-01-01", projectEndsOn: "2027-12-31", jobCheckMonths: [6, 12, 24] },
    });
  });

  it("refuses an end before the start, a lone date, and months out of range, repeated or too many", async () => {
    const cases: [Parameters<typeof updateProjectSettings>[1], Record<string, string>][] = [
      [{ projectStartsOn: "2026-01-01", projectEndsOn: "2025-12-31", jobCheckMonths: [12] }, { projectEndsOn: "endBeforeStart" }],
      [{ projectStartsOn: "2026-01-01", projectEndsOn: "", jobCheckMonths: [12] }, { projectEndsOn: "required" }],
      [{ jobCheckMonths: [0, 61] }, { "jobCheckMonths.0": "checkMonthsRange", "jobCheckMonths.1": "checkMonthsRange" }],
      [{ jobCheckMonths: [12, 12] }, { jobCheckMonths: "duplicateValue" }],
      [{ jobCheckMonths: [6, 12, 18, 24] }, { jobCheckMonths: "checkMonthsCount" }],
      [{ jobCheckMonths: [] }, { jobCheckMonths: "checkMonthsCount" }],
    ];
    for (const [input, fieldErrors] of cases)
      expect((await appErrorOf(updateProjectSettings(managerCtx, input))).fieldErrors, JSON.stringify(input)).toEqual(fieldErrors);
    expect((await getIndicatorCataloguePage(managerCtx)).settings.jobCheckMonths).toEqual([12, 24]);
  });
});
