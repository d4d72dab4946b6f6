import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ownerQuery } from "@/tests/factories/db";
import { todayInPoland } from "@/lib/dates";

/**
 * The demo seed (prisma/seed.ts, run by `npm run demo` and before the end-to-end tests) on an empty
 * database, as `npm run db:seed` runs it: it must finish, and the indicator data it writes must add
 * up to what the demo promises (hand counts through the indicator_evidence view, the counting rules).
 */
const ROOT = path.resolve(__dirname, "../../..");

function runSeed() {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_ENV: "development",
      NODE_OPTIONS: "--conditions=react-server",
    },
    timeout: 240_000,
  });
  if (result.status !== 0) throw new Error(`The seed failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The actual of one indicator in one calendar year, counted by hand from the view as its source says. */
async function actual(tenantId: string, code: string, year: string): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(
    `SELECT CASE WHEN i.source IN ('PATH_RESULT', 'MANUAL') THEN coalesce(sum(e.quantity), 0) ELSE count(DISTINCT e.count_key) END::int AS n
     FROM indicator i
     LEFT JOIN indicator_evidence e ON e.tenant_id = i.tenant_id AND e.source = i.source
          AND (i.source <> 'PATH_RESULT' OR e.result_type = i.result_type)
          AND (i.source <> 'MANUAL' OR e.indicator_id = i.id)
          AND e.valid_from <= make_date($3::int, 12, 31) AND coalesce(e.valid_to, make_date($3::int, 12, 31)) >= make_date($3::int, 1, 1)
     WHERE i.tenant_id = $1 AND i.code = $2
     GROUP BY i.source`,
    [tenantId, code, Number(year)],
  );
  return row?.n ?? Number.NaN;
}

// Every test starts from empty tables (tests/setup/integration-each.ts), so the seed runs once, in
// one test, and its checks are steps of it.
describe("the demo seed", () => {
  it("runs on an empty database and gives ŚOWES the indicator data the demo describes", { timeout: 300_000 }, async () => {
    expect(runSeed()).toMatch(/Seeded ŚOWES/);
    const [tenant] = await ownerQuery<{ id: string }>(`SELECT id FROM tenant WHERE slug = 'sowes'`);
    const sowes = tenant?.id ?? "";
    await projectAndTargets(sowes);
    await evidence(sowes);
    await actuals(sowes);
    await participants(sowes);
  });
});

/** ŚOWES has the project period and the targets of seed 001, for the project and each year 2024–2026. */
async function projectAndTargets(sowes: string) {
  const [tenant] = await ownerQuery<{ starts: string; ends: string }>(
    `SELECT project_starts_on::text AS starts, project_ends_on::text AS ends FROM tenant WHERE id = $1`,
    [sowes],
  );
  expect(tenant).toEqual({ starts: "2024-01-01", ends: "2026-12-31" });
  const targets = await ownerQuery<{
    code: string;
    period: string;
    value: number;
  }>(`SELECT i.code, t.period, t.value FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id WHERE t.tenant_id = $1`, [sowes]);
  const of = (period: string) => Object.fromEntries(targets.filter((t) => t.period === period).map((t) => [t.code, t.value]));
  expect(of("PROJECT")).toEqual({
    INITIATIVE_GROUPS: 5,
    SOCIAL_ENTERPRISES: 5,
    JOBS_CREATED: 40,
    PARTNERSHIPS: 2,
    PUBLIC_PROCUREMENT: 2,
  });
  for (const year of ["2024", "2025", "2026"]) {
    expect(of(year)).toEqual({
      ANIMATORS: 2,
      JOINT_GI_PROJECTS: 1,
      TRAINING_PARTICIPANTS: 10,
      JOBS_CREATED: 20,
      IPR: 20,
    });
  }
}

/** The evidence: animators' contracts, results with spheres, jobs with checks (overdue, maintained, ended), a letter of intent. */
async function evidence(sowes: string) {
  const [counts] = await ownerQuery<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM staff_employment WHERE tenant_id = $1 AND position = 'ANIMATOR' AND contract_kind = 'EMPLOYMENT_CONTRACT') AS animators,
              (SELECT count(*)::int FROM path_result WHERE tenant_id = $1 AND cardinality(kpres_spheres) > 0) AS "resultsWithSpheres",
              (SELECT count(*)::int FROM path_result WHERE tenant_id = $1 AND cardinality(kpres_spheres) > 1) AS "resultsWithTwoSpheres",
              (SELECT count(*)::int FROM job_record WHERE tenant_id = $1) AS jobs,
              (SELECT count(*)::int FROM job_check WHERE tenant_id = $1) AS checks,
              (SELECT count(*)::int FROM job_check WHERE tenant_id = $1 AND outcome IS NULL AND due_on < $2::date) AS overdue,
              (SELECT count(*)::int FROM job_check WHERE tenant_id = $1 AND outcome = 'MAINTAINED') AS maintained,
              (SELECT count(*)::int FROM job_check WHERE tenant_id = $1 AND outcome = 'ENDED') AS ended,
              (SELECT count(*)::int FROM indicator_evidence_record m JOIN indicator i ON i.id = m.indicator_id WHERE m.tenant_id = $1 AND i.code = 'JOINT_GI_PROJECTS') AS manual,
              (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action IN ('indicator.targets_set', 'staff.create', 'evidence.register', 'durability.check_record', 'tenant.project_settings')) AS audited`,
    [sowes, todayInPoland()],
  );
  expect(counts).toMatchObject({
    animators: 2,
    resultsWithSpheres: 10,
    resultsWithTwoSpheres: 1,
    jobs: 7,
    checks: 14,
    manual: 1,
  });
  expect(counts?.overdue).toBeGreaterThanOrEqual(2);
  expect(counts?.maintained).toBe(5);
  expect(counts?.ended).toBe(1);
  // Targets of nine indicators, two contracts, one letter, six recorded checks, the project period.
  expect(counts?.audited).toBe(9 + 2 + 1 + 6 + 1);
}

/** Each yearly actual equals the hand count of the demo's evidence. */
async function actuals(sowes: string) {
  const expected: Record<string, Record<string, number>> = {
    "2024": {
      INITIATIVE_GROUPS: 1,
      SOCIAL_ENTERPRISES: 1,
      JOBS_CREATED: 3,
      JOBS_MAINTAINED: 0,
      ANIMATORS: 2,
      TRAINING_PARTICIPANTS: 0,
      IPR: 0,
    },
    // The 12-month checks of Zdrojowa's three jobs; three people completed the 2025 training.
    "2025": {
      JOBS_CREATED: 2,
      JOBS_MAINTAINED: 3,
      PARTNERSHIPS: 1,
      JOINT_GI_PROJECTS: 1,
      ANIMATORS: 2,
      TRAINING_PARTICIPANTS: 3,
      IPR: 6,
    },
    // Teresa Gil completed two trainings and counts once; Danuta Ptak was at one of two sessions.
    "2026": {
      SOCIAL_ENTERPRISES: 1,
      JOBS_CREATED: 2,
      JOBS_MAINTAINED: 2,
      PUBLIC_PROCUREMENT: 1,
      ANIMATORS: 2,
      TRAINING_PARTICIPANTS: 4,
      IPR: 5,
    },
  };
  for (const [year, codes] of Object.entries(expected)) {
    for (const [code, n] of Object.entries(codes)) expect(`${year} ${code}: ${await actual(sowes, code, year)}`).toBe(`${year} ${code}: ${n}`);
  }
}

/** Some persons have complete EFS+ participant data, others gaps; the other centre gets none of it. */
async function participants(sowes: string) {
  const rows = await ownerQuery<{
    name: string;
    education: string | null;
    urbanisation: string | null;
    ended: boolean;
    situation: string | null;
  }>(
    `SELECT c.name, p.education_level AS education, p.urbanisation, p.participation_end IS NOT NULL AS ended, p.situation_at_end AS situation
       FROM participant_data p JOIN client c ON c.id = p.client_id WHERE p.tenant_id = $1`,
    [sowes],
  );
  expect(rows).toHaveLength(7);
  expect(rows.filter((r) => r.education && r.urbanisation && (!r.ended || r.situation)).length).toBeGreaterThanOrEqual(4);
  expect(rows.some((r) => !r.education || !r.urbanisation)).toBe(true);
  expect(rows.some((r) => r.ended && !r.situation)).toBe(true);
  const [other] = await ownerQuery<{ n: number }>(
    `SELECT (SELECT count(*) FROM indicator_target t JOIN tenant x ON x.id = t.tenant_id WHERE x.slug <> 'sowes')
            + (SELECT count(*) FROM participant_data t JOIN tenant x ON x.id = t.tenant_id WHERE x.slug <> 'sowes')
            + (SELECT count(*) FROM job_record t JOIN tenant x ON x.id = t.tenant_id WHERE x.slug <> 'sowes') AS n`,
  );
  expect(Number(other?.n)).toBe(0);
}
