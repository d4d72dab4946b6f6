/**
 * The page benchmark's data, from the other benchmarks' seeders: the service log's big tenant
 * (`records` service records, 200 key advisors), a small tenant with the same history per advisor
 * (10,000 records, fewer advisors) for the growth ratio, and the caseload benchmark's 50,000-client
 * tenant; every user with one real argon2 password hash. In each service-log tenant one client of
 * advisor 0 has a support path at IMPLEMENTATION with a revised, approved plan and its last two
 * years of services linked to the path (most to a plan action), for the path page and its
 * implementation tab.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { seedCaseloadTenant, type TCaseloadSeed } from "../seeders/caseload";
import { seedServiceHistory, seedServiceTenant, type TTenantSeed } from "../seeders/service-log";
import { hashPassword } from "@/lib/auth/password";

export const PASSWORD = "Bench-password-2026";
export const ADVISORS = 200;
export const SMALL_RECORDS = 10_000;
/** Years of history linked to the benchmark's path. */
const PATH_YEARS = 2;
const PLAN_ACTIONS = [
  ["TRAINING", "Szkolenie z prawa spółdzielczego"],
  ["ADVISORY", "Doradztwo przy biznesplanie spółdzielni socjalnej"],
  ["BUSINESS_SUPPORT", "Wsparcie w przygotowaniu wniosku o dotację"],
  ["COACHING", "Coaching zespołu założycielskiego"],
  ["SPECIALIST_ADVISORY", "Doradztwo księgowe"],
] as const;

export type TPath = { id: string; clientId: string; linkedServices: number; actionServices: number };
export type TServiceTenant = TTenantSeed & { slug: string; path: TPath; records: number };
export type TPagesSeed = { big: TServiceTenant; small: TServiceTenant; caseload: TCaseloadSeed & { slug: string } };

/**
 * A support path of advisor 0's first client at IMPLEMENTATION: needs, a signed contract, plan
 * version 1 (superseded) and 2 (approved) with five actions each, its transitions; the client's
 * participations of the last PATH_YEARS years linked to it, four in five to an action (mostly of
 * the approved version, some to version 1's, which the tab maps to the current action).
 */
async function seedPath(db: pg.Client, tenant: TTenantSeed): Promise<TPath> {
  const advisor = tenant.advisors[0];
  const clientId = advisor?.clientIds[0];
  if (!advisor || !clientId) throw new Error("the tenant has no advisor with a client");
  const { tenantId } = tenant;
  const pathId = randomUUID();
  const opened = `now() - interval '${PATH_YEARS} years'`;
  await db.query(
    `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, template, step, identification, key_advisor_id,
                               opened_at, last_monitoring_at, created_by_id, updated_at)
     VALUES ($1, $2, $3, $3, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', 'DEFAULT', 'IMPLEMENTATION',
             'Grupa osób bezrobotnych planuje założenie spółdzielni socjalnej świadczącej usługi opiekuńcze.', $4,
             ${opened}, now() - interval '20 days', $4, now())`,
    [pathId, tenantId, clientId, advisor.id],
  );
  const steps = ["IDENTIFICATION", "NEEDS", "PLAN", "IMPLEMENTATION"];
  for (const [i, step] of steps.entries()) {
    await db.query(
      `INSERT INTO path_transition (id, tenant_id, path_id, from_step, to_step, actor_id, at)
       VALUES ($1, $2, $3, $4::"PathStep", $5::"PathStep", $6, ${opened} + make_interval(days => $7))`,
      [randomUUID(), tenantId, pathId, i === 0 ? null : steps[i - 1], step, advisor.id, i * 14],
    );
  }
  await db.query(
    `INSERT INTO path_need (id, tenant_id, path_id, area, description, priority, expected_effects)
     VALUES ($1, $2, $3, 'TRAINING', 'Wiedza o zakładaniu spółdzielni socjalnej', 1, ARRAY['Ukończone szkolenie z prawa spółdzielczego']),
            ($4, $2, $3, 'BUSINESS_SUPPORT', 'Środki na utworzenie miejsc pracy', 1, ARRAY['Złożony wniosek o dotację', 'Utworzone trzy miejsca pracy'])`,
    [randomUUID(), tenantId, pathId, randomUUID()],
  );
  await db.query(
    `INSERT INTO path_contract (id, tenant_id, path_id, number, signed_on, scope, status, updated_at)
     VALUES ($1, $2, $3, $4, (${opened})::date + 30, 'Wsparcie w założeniu przedsiębiorstwa społecznego', 'SIGNED', now())`,
    [randomUUID(), tenantId, pathId, `UM/BENCH/${pathId.slice(0, 8)}`],
  );
  const versions: { id: string; actionIds: string[] }[] = [];
  for (const [number, status] of [[1, "SUPERSEDED"], [2, "APPROVED"]] as const) {
    const versionId = randomUUID();
    await db.query(
      `INSERT INTO path_plan_version (id, tenant_id, path_id, number, status, revision, summary, created_by_id, created_at, updated_at,
                                      submitted_at, submitted_by_id, decided_at, decided_by_id)
       VALUES ($1, $2, $3, $4, $5::"PlanStatus", 1, 'Plan wsparcia w założeniu spółdzielni socjalnej', $6, ${opened} + make_interval(days => 20 * $4),
               ${opened} + make_interval(days => 20 * $4), ${opened} + make_interval(days => 20 * $4), $6, ${opened} + make_interval(days => 20 * $4 + 2), $6)`,
      [versionId, tenantId, pathId, number, status, advisor.id],
    );
    const actionIds: string[] = [];
    for (const [position, [supportType, description]] of PLAN_ACTIONS.entries()) {
      const actionId = randomUUID();
      actionIds.push(actionId);
      await db.query(
        `INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, specialist_area, description, planned_from, planned_to,
                                       responsible_user_id, expected_result, status)
         VALUES ($1, $2, $3, $4, $5::text, $6::text, $7, (${opened})::date + 40, current_date + 180, $8, 'Zrealizowane działanie', 'IN_PROGRESS')`,
        [actionId, tenantId, versionId, position, supportType, supportType === "SPECIALIST_ADVISORY" ? "FINANCIAL" : null, description, advisor.id],
      );
    }
    versions.push({ id: versionId, actionIds });
  }
  const [old, current] = versions;
  // The client's services since the path opened: each fifth without an action, the oldest third linked to version 1's actions.
  const linked = await db.query<{ linked: number; with_action: number }>(
    `WITH picked AS (
       SELECT id, row_number() OVER (ORDER BY date, id) AS n, count(*) OVER () AS total
       FROM service_participation WHERE tenant_id = $1 AND client_id = $2 AND date >= (${opened})::date)
     UPDATE service_participation p
     SET path_id = $3,
         plan_action_id = CASE WHEN picked.n % 5 = 0 THEN NULL
                               WHEN picked.n * 3 < picked.total THEN ($4::uuid[])[(1 + picked.n % 5)::int]
                               ELSE ($5::uuid[])[(1 + picked.n % 5)::int] END
     FROM picked WHERE p.id = picked.id
     RETURNING (p.plan_action_id IS NOT NULL)::int AS with_action`,
    [tenantId, clientId, pathId, old?.actionIds, current?.actionIds],
  );
  const actionServices = linked.rows.reduce((sum, row) => sum + Number(row.with_action), 0);
  return { id: pathId, clientId, linkedServices: linked.rowCount ?? 0, actionServices };
}

/** Seeds the three tenants (the caller VACUUM ANALYZEs); `lastDay` is the last day of history (yesterday). */
export async function seedPages(db: pg.Client, { records, lastDay, log }: { records: number; lastDay: string; log: (line: string) => void }): Promise<TPagesSeed> {
  const passwordHash = await hashPassword(PASSWORD);
  // The small tenant keeps the big one's history per advisor: the same pages show the same amount, only the tenant's total differs.
  const smallAdvisors = Math.max(1, Math.round((ADVISORS * SMALL_RECORDS) / records));
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET work_mem = '64MB'`);
  const bigTenant = await seedServiceTenant(db, "owes-bench", "OWES Benchmark", ADVISORS, passwordHash);
  const smallTenant = await seedServiceTenant(db, "owes-small", "OWES Mały", smallAdvisors, passwordHash);
  log(`  history of the big tenant (${records} records):`);
  await seedServiceHistory(db, bigTenant.tenantId, records, lastDay);
  log(`  history of the small tenant (${SMALL_RECORDS} records, ${smallAdvisors} advisors):`);
  await seedServiceHistory(db, smallTenant.tenantId, SMALL_RECORDS, lastDay);
  const bigPath = await seedPath(db, bigTenant);
  const smallPath = await seedPath(db, smallTenant);
  const caseload = await seedCaseloadTenant(db, { slug: "owes-caseload", passwordHash });
  return {
    big: { ...bigTenant, slug: "owes-bench", path: bigPath, records },
    small: { ...smallTenant, slug: "owes-small", path: smallPath, records: SMALL_RECORDS },
    caseload: { ...caseload, slug: "owes-caseload" },
  };
}
