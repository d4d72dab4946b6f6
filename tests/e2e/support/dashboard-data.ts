import { randomUUID } from "node:crypto";
import { ownerQuery } from "./database";
import { clientId, type TFixtureTenant, type TFixtureUser } from "./tenant";

/*
 * SQL fixtures for the dashboard journeys (tests/e2e/dashboard.spec.ts): paths at any step opened
 * some days ago, plan versions waiting for a decision, and services of any length, delivered by any
 * staff, so a dashboard has exact numbers to show. Inserted as the owner, like tenant.ts.
 */

/** A support path at `step` for an ACTIVE client, opened `openedDaysAgo` days ago with no monitoring yet. */
export async function createDashboardPath(
  tenant: TFixtureTenant<string>,
  clientName: string,
  step: "IDENTIFICATION" | "NEEDS" | "PLAN" | "IMPLEMENTATION" | "MONITORING",
  openedDaysAgo = 0,
): Promise<string> {
  const id = randomUUID();
  const rows = await ownerQuery<{ id: string }>(
    `WITH c AS (SELECT id, tenant_id, key_advisor_id FROM client WHERE tenant_id = $1 AND id = $2 AND key_advisor_id IS NOT NULL),
          p AS (
            INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, identification, key_advisor_id, created_by_id, opened_at, updated_at)
            SELECT $3, c.tenant_id, c.id, c.id, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', $4::"PathStep", 'Osoba planująca założenie spółdzielni socjalnej.',
                   c.key_advisor_id, c.key_advisor_id, now() - make_interval(days => $5), now()
            FROM c RETURNING id, tenant_id, created_by_id)
     INSERT INTO path_transition (id, tenant_id, path_id, from_step, to_step, actor_id)
     SELECT gen_random_uuid(), p.tenant_id, p.id, NULL, $4::"PathStep", p.created_by_id FROM p
     RETURNING path_id AS id`,
    [tenant.id, clientId(tenant, clientName), id, step, openedDaysAgo],
  );
  if (rows.length !== 1) throw new Error(`no path for "${clientName}": the client needs a key advisor`);
  return id;
}

/** A plan version submitted for a decision `daysAgo` days ago, by the path's advisor, with one action. */
export async function createSubmittedPlan(tenant: TFixtureTenant<string>, pathId: string, daysAgo = 0): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `WITH v AS (
       INSERT INTO path_plan_version (id, tenant_id, path_id, number, status, created_by_id, updated_at, submitted_at, submitted_by_id)
       SELECT $3, p.tenant_id, p.id, 1, 'SUBMITTED', p.key_advisor_id, now(), now() - make_interval(days => $4), p.key_advisor_id
       FROM support_path p WHERE p.tenant_id = $1 AND p.id = $2 RETURNING id, tenant_id)
     INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description, status)
     SELECT gen_random_uuid(), v.tenant_id, v.id, 0, 'TRAINING', 'Szkolenie z prowadzenia spółdzielni', 'PLANNED' FROM v`,
    [tenant.id, pathId, id, daysAgo],
  );
  return id;
}

/** A service today (Polish date) of `minutes`, delivered by `providers` (the first logged it), for the named clients. */
export async function createTimedService(
  tenant: TFixtureTenant<string>,
  providers: TFixtureUser[],
  clientNames: string[],
  { minutes, supportType = "ADVISORY", topic = "Konsultacja" }: { minutes: number; supportType?: string; topic?: string },
): Promise<string> {
  const [author] = providers;
  if (!author) throw new Error("a service needs a provider");
  const id = randomUUID();
  await ownerQuery(
    `WITH s AS (
       INSERT INTO service_record (id, tenant_id, date, duration_minutes, form, channel, support_type, topic, author_id, idempotency_key, updated_at)
       VALUES ($2, $1, (now() AT TIME ZONE 'Europe/Warsaw')::date, $3, CASE WHEN cardinality($7::uuid[]) > 1 THEN 'GROUP' ELSE 'INDIVIDUAL' END::"WorkForm",
               'IN_PERSON', $4::text, $5, $6, gen_random_uuid(), now())
       RETURNING id, tenant_id, date),
     pr AS (INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) SELECT gen_random_uuid(), s.tenant_id, s.id, u, s.date FROM s, unnest($8::uuid[]) AS u)
     INSERT INTO service_participation (id, tenant_id, service_id, client_id, date)
     SELECT gen_random_uuid(), s.tenant_id, s.id, c, s.date FROM s, unnest($7::uuid[]) AS c`,
    [tenant.id, id, minutes, supportType, topic, author.id, clientNames.map((name) => clientId(tenant, name)), providers.map((p) => p.id)],
  );
  return id;
}
