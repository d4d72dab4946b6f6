import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { addEvaluation, correctPathResult, withdrawPathResult } from "@/lib/domain/paths/service";
import { recordJobCheck } from "@/lib/domain/durability/service";
import type { TCorrectResultInput, TEvaluationInput } from "@/lib/domain/paths/schemas";
import { auditRows, contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { insertPath, type TInsertedPath } from "@/tests/factories/paths";

/** The first row, or a failed test when there is none. */
function one<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error("expected a row");
  return row;
}

/**
 * Issue 16 §2–4: path results as evidence — their KPRES spheres, the jobs a JOBS_CREATED result
 * creates with their durability checks, and correcting or withdrawing a result (audited), which
 * the indicator_evidence view and the job records follow.
 */

let tenant: TTenantRow;
let advisor: TUserRow;
let advisorCtx: TContext;
let path: TInsertedPath;

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  advisor = await createUser(tenant, {
    role: "KEY_ADVISOR",
    partnerId: partner.id,
  });
  advisorCtx = contextFor(advisor);
  const client = await createClient(tenant, {
    keyAdvisorId: advisor.id,
    name: "Spółdzielnia Socjalna Razem",
  });
  path = await insertPath(tenant, {
    clientId: client.id,
    keyAdvisorId: advisor.id,
    createdById: advisor.id,
    step: "EVALUATION",
  });
});

type TJobRow = {
  id: string;
  starts_on: string;
  evidence: string | null;
  withdrawn: boolean;
  checks: { months: number; due_on: string; outcome: string | null }[];
};

async function jobsOf(resultId: string): Promise<TJobRow[]> {
  return ownerQuery<TJobRow>(
    `SELECT j.id, to_char(j.starts_on, 'YYYY-MM-DD') AS starts_on, j.evidence, j.withdrawn_at IS NOT NULL AS withdrawn,
            (SELECT json_agg(json_build_object('months', k.months, 'due_on', to_char(k.due_on, 'YYYY-MM-DD'), 'outcome', k.outcome) ORDER BY k.months)
               FROM job_check k WHERE k.job_id = j.id) AS checks
     FROM job_record j WHERE j.path_result_id = $1 ORDER BY j.created_at, j.id`,
    [resultId],
  );
}

async function evidenceOf(resultId: string) {
  return ownerQuery<{
    quantity: number;
    spheres: string[];
    valid_from: string;
  }>(`SELECT quantity, spheres::text[] AS spheres, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM indicator_evidence WHERE evidence_id = $1`, [resultId]);
}

type TResult = Pick<TEvaluationInput["results"][number], "type" | "quantity" | "achievedOn" | "kpresSpheres">;

async function evaluate(results: TResult[]) {
  await addEvaluation(advisorCtx, path.id, {
    assessment: "Spółdzielnia założona.",
    results: results.map((r) => ({
      ...r,
      evidenceKind: "umowa o dotację",
      evidenceReference: "UD/7/2026",
    })),
  });
  const rows = await ownerQuery<{ id: string; type: string }>(
    `SELECT r.id, r.type FROM path_result r JOIN path_evaluation e ON e.id = r.evaluation_id WHERE e.path_id = $1 ORDER BY r.type`,
    [path.id],
  );
  return rows;
}

const correction = (overrides: Partial<TCorrectResultInput> = {}): TCorrectResultInput => ({
  quantity: 3,
  achievedOn: "2026-01-31",
  evidenceKind: "umowa o dotację",
  evidenceReference: "UD/7/2026",
  description: null,
  kpresSpheres: ["SUSTAINABLE_DEVELOPMENT"],
  ...overrides,
});

describe("results with spheres and jobs", () => {
  it("stores a result's KPRES spheres, which the indicator evidence carries for the cuts", async () => {
    const result = one(
      await evaluate([
        {
          type: "SOCIAL_ENTERPRISE_CREATED",
          quantity: 1,
          achievedOn: "2026-03-02",
          kpresSpheres: ["SOLIDARITY_OF_GENERATIONS", "LOCAL_COMMUNITY_AND_CULTURE"],
        },
      ]),
    );
    const evidence = one(await evidenceOf(result.id));
    expect({ ...evidence, spheres: [...evidence.spheres].sort() }).toEqual({
      quantity: 1,
      spheres: ["LOCAL_COMMUNITY_AND_CULTURE", "SOLIDARITY_OF_GENERATIONS"],
      valid_from: "2026-03-02",
    });
    const row = one(await ownerQuery<{ spheres: string[] }>(`SELECT kpres_spheres::text[] AS spheres FROM path_result WHERE id = $1`, [result.id]));
    expect([...row.spheres].sort()).toEqual(["LOCAL_COMMUNITY_AND_CULTURE", "SOLIDARITY_OF_GENERATIONS"]);
  });

  it("refuses a sphere that is not one of the four", async () => {
    const error = await appErrorOf(
      addEvaluation(advisorCtx, path.id, {
        assessment: "x",
        results: [
          {
            type: "OTHER",
            quantity: 1,
            achievedOn: "2026-03-02",
            evidenceKind: "protokół",
            kpresSpheres: ["SPORT" as "SUSTAINABLE_DEVELOPMENT"],
          },
        ],
      }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fieldErrors["results.0.kpresSpheres.0"]).toBe("invalid");
  });

  it("creates 3 job records for 'jobs created: 3', each with checks at 12 and 24 calendar months", async () => {
    const result = one(await evaluate([{ type: "JOBS_CREATED", quantity: 3, achievedOn: "2026-01-31" }]));
    const jobs = await jobsOf(result.id);
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      expect(job).toMatchObject({
        starts_on: "2026-01-31",
        evidence: "UD/7/2026",
        withdrawn: false,
      });
      // 31 Jan + 12 months = 31 Jan; + 24 months = 31 Jan (calendar months, not 365 days).
      expect(job.checks).toEqual([
        { months: 12, due_on: "2027-01-31", outcome: null },
        { months: 24, due_on: "2028-01-31", outcome: null },
      ]);
    }
    // Other results create no jobs.
    const other = one(
      (
        await evaluate([
          {
            type: "PARTNERSHIP_CREATED",
            quantity: 2,
            achievedOn: "2026-01-31",
          },
        ])
      ).filter((r) => r.type === "PARTNERSHIP_CREATED"),
    );
    expect(await jobsOf(other.id)).toEqual([]);
  });

  it("uses the tenant's check months", async () => {
    await ownerQuery(`UPDATE tenant SET job_check_months = '{6,18}' WHERE id = $1`, [tenant.id]);
    const result = one(await evaluate([{ type: "JOBS_CREATED", quantity: 1, achievedOn: "2025-08-31" }]));
    const job = one(await jobsOf(result.id));
    expect(job.checks).toEqual([
      { months: 6, due_on: "2026-02-28", outcome: null },
      { months: 18, due_on: "2027-02-28", outcome: null },
    ]);
  });
});

describe("correcting a result", () => {
  it("raising the quantity adds jobs with checks; lowering it withdraws unchecked jobs; all audited", async () => {
    const result = one(await evaluate([{ type: "JOBS_CREATED", quantity: 3, achievedOn: "2026-01-31" }]));
    await correctPathResult(advisorCtx, path.id, result.id, correction({ quantity: 5 }));
    let jobs = await jobsOf(result.id);
    expect(jobs.filter((j) => !j.withdrawn)).toHaveLength(5);
    expect(jobs.every((j) => j.checks.length === 2)).toBe(true);
    expect(await evidenceOf(result.id)).toMatchObject([{ quantity: 5, spheres: ["SUSTAINABLE_DEVELOPMENT"] }]);

    await correctPathResult(advisorCtx, path.id, result.id, correction({ quantity: 2 }));
    jobs = await jobsOf(result.id);
    expect(jobs.filter((j) => !j.withdrawn)).toHaveLength(2);
    expect(jobs.filter((j) => j.withdrawn)).toHaveLength(3);
    expect(await evidenceOf(result.id)).toMatchObject([{ quantity: 2 }]);

    const audit = (await auditRows(tenant.id)).filter((a) => a.action === "path.result_correct");
    expect(audit).toHaveLength(2);
    expect(
      audit.map((a) => [
        (a.before as { results: { quantity: number }[] }).results.at(0)?.quantity,
        (a.after as { results: { quantity: number }[] }).results.at(0)?.quantity,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [3, 5],
        [5, 2],
      ]),
    );
  });

  it("refuses to lower the quantity below the jobs already checked, changing nothing", async () => {
    const result = one(await evaluate([{ type: "JOBS_CREATED", quantity: 2, achievedOn: "2024-01-10" }]));
    const jobs = await jobsOf(result.id);
    for (const job of jobs) {
      const check = one(await ownerQuery<{ id: string }>(`SELECT id FROM job_check WHERE job_id = $1 AND months = 12`, [job.id]));
      await recordJobCheck(advisorCtx, check.id, {
        outcome: "MAINTAINED",
        checkedOn: "2025-01-15",
        evidence: "ZUS DRA 01/2025",
      });
    }
    const before = await tenantSnapshot(tenant.id);
    const error = await appErrorOf(correctPathResult(advisorCtx, path.id, result.id, correction({ quantity: 1, achievedOn: "2024-01-10" })));
    expect(error.code).toBe("INVALID_STATE");
    expect(error.fieldErrors.quantity).toBe("jobsAlreadyChecked");
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("a new date moves the open checks' due dates, not the recorded ones", async () => {
    const result = one(await evaluate([{ type: "JOBS_CREATED", quantity: 1, achievedOn: "2024-01-10" }]));
    const job = one(await jobsOf(result.id));
    const check12 = one(await ownerQuery<{ id: string }>(`SELECT id FROM job_check WHERE job_id = $1 AND months = 12`, [job.id]));
    await recordJobCheck(advisorCtx, check12.id, {
      outcome: "MAINTAINED",
      checkedOn: "2025-01-15",
      evidence: "ZUS DRA 01/2025",
    });
    await correctPathResult(
      advisorCtx,
      path.id,
      result.id,
      correction({
        quantity: 1,
        achievedOn: "2024-02-29",
        evidenceReference: "UD/8/2024",
      }),
    );
    const moved = one(await jobsOf(result.id));
    expect(moved).toMatchObject({
      starts_on: "2024-02-29",
      evidence: "UD/8/2024",
    });
    expect(moved.checks).toEqual([
      { months: 12, due_on: "2025-01-10", outcome: "MAINTAINED" },
      { months: 24, due_on: "2026-02-28", outcome: null },
    ]);
  });
});

describe("withdrawing a result", () => {
  it("drops it from the indicator evidence, withdraws its jobs, shows the reason, and is audited", async () => {
    const result = one(await evaluate([{ type: "JOBS_CREATED", quantity: 3, achievedOn: "2026-01-31" }]));
    expect(await evidenceOf(result.id)).toHaveLength(1);
    await withdrawPathResult(advisorCtx, path.id, result.id, {
      reason: "Umowa o dotację rozwiązana przed podpisaniem umów o pracę",
    });
    expect(await evidenceOf(result.id)).toEqual([]);
    expect((await jobsOf(result.id)).every((j) => j.withdrawn)).toBe(true);
    const row = one(
      await ownerQuery<{
        withdraw_reason: string;
        withdrawn_by_id: string;
        withdrawn: boolean;
      }>(`SELECT withdraw_reason, withdrawn_by_id, withdrawn_at IS NOT NULL AS withdrawn FROM path_result WHERE id = $1`, [result.id]),
    );
    expect(row).toEqual({
      withdraw_reason: "Umowa o dotację rozwiązana przed podpisaniem umów o pracę",
      withdrawn_by_id: advisor.id,
      withdrawn: true,
    });
    const audit = (await auditRows(tenant.id)).find((a) => a.action === "path.result_withdraw");
    expect(audit?.after).toMatchObject({
      withdrawReason: "Umowa o dotację rozwiązana przed podpisaniem umów o pracę",
      jobsWithdrawn: 3,
    });
  });

  it("refuses to correct or withdraw a withdrawn result, and needs a reason", async () => {
    const result = one(await evaluate([{ type: "IPR_PREPARED", quantity: 1, achievedOn: "2026-01-31" }]));
    expect((await appErrorOf(withdrawPathResult(advisorCtx, path.id, result.id, { reason: " " }))).fieldErrors.reason).toBe("required");
    await withdrawPathResult(advisorCtx, path.id, result.id, {
      reason: "Pomyłka",
    });
    expect(
      (
        await appErrorOf(
          withdrawPathResult(advisorCtx, path.id, result.id, {
            reason: "Pomyłka",
          }),
        )
      ).code,
    ).toBe("INVALID_STATE");
    expect((await appErrorOf(correctPathResult(advisorCtx, path.id, result.id, correction()))).code).toBe("INVALID_STATE");
  });

  it("answers NOT_FOUND for a result of another path or tenant, also to a caller with no need to know or of another tenant", async () => {
    const result = one(await evaluate([{ type: "IPR_PREPARED", quantity: 1, achievedOn: "2026-01-31" }]));
    const otherClient = await createClient(tenant, {
      keyAdvisorId: advisor.id,
    });
    const otherPath = await insertPath(tenant, {
      clientId: otherClient.id,
      keyAdvisorId: advisor.id,
      createdById: advisor.id,
      step: "EVALUATION",
    });
    expect(
      (
        await appErrorOf(
          withdrawPathResult(advisorCtx, otherPath.id, result.id, {
            reason: "x",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await appErrorOf(correctPathResult(advisorCtx, path.id, "not-a-uuid", correction()))).code).toBe("NOT_FOUND");

    const stranger = await createUser(tenant, { role: "KEY_ADVISOR" });
    expect(
      (
        await appErrorOf(
          withdrawPathResult(contextFor(stranger), path.id, result.id, {
            reason: "x",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const elsewhere = await createTenant();
    const foreignAdvisor = await createUser(elsewhere, { role: "MANAGER" });
    expect(
      (
        await appErrorOf(
          withdrawPathResult(contextFor(foreignAdvisor), path.id, result.id, {
            reason: "x",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});
