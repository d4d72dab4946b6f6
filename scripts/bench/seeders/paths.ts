/**
 * Support paths, plan versions and an audit trail for a seeded caseload tenant (scripts/bench/seeders/caseload.ts),
 * for the dashboard benchmark (scripts/bench/dashboards.ts): every ACTIVE client has an open path
 * spread over the steps, every CLOSED client a closed one; paths at the plan step have a draft,
 * submitted or returned plan, later ones an approved plan with three dated actions; paths that take
 * monitoring notes were last monitored 0–90 days ago (so about two in three are overdue under a
 * 30-day policy). The audit trail holds `auditRows` entries over two years. A few set-based statements.
 */
import type pg from "pg";

export async function seedPathsAndAudit(db: pg.Client, tenantId: string, { auditRows = 300_000 }: { auditRows?: number } = {}) {
  let stepStart = Date.now();
  const step = (what: string) => {
    console.log(`  ${what}: ${((Date.now() - stepStart) / 1000).toFixed(1)} s`);
    stepStart = Date.now();
  };
  // Open paths: the step from a hash of the client id, so the spread is the same on every run.
  await db.query(
    `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, template, step, key_advisor_id,
                               opened_at, last_monitoring_at, created_by_id, updated_at)
     SELECT gen_random_uuid(), c.tenant_id, c.id, c.id, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', 'DEFAULT', s.step::"PathStep", c.key_advisor_id,
            now() - make_interval(days => 100 + (h.v % 600)),
            CASE WHEN s.step IN ('IMPLEMENTATION', 'MONITORING', 'EVALUATION') AND h.v % 5 <> 0 THEN now() - make_interval(days => h.v % 90) END,
            c.key_advisor_id, now()
     FROM client c
     CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text)) AS v) h
     CROSS JOIN LATERAL (SELECT CASE WHEN h.v % 100 < 10 THEN 'IDENTIFICATION' WHEN h.v % 100 < 25 THEN 'NEEDS' WHEN h.v % 100 < 45 THEN 'PLAN'
                                     WHEN h.v % 100 < 80 THEN 'IMPLEMENTATION' WHEN h.v % 100 < 95 THEN 'MONITORING' ELSE 'EVALUATION' END AS step) s
     WHERE c.tenant_id = $1 AND c.status = 'ACTIVE'`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, template, step, key_advisor_id,
                               opened_at, closed_at, last_monitoring_at, created_by_id, updated_at)
     SELECT gen_random_uuid(), c.tenant_id, c.id, NULL, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', 'DEFAULT', 'CLOSED', m.id,
            c.created_at, c.created_at + interval '200 days', c.created_at + interval '150 days', m.id, now()
     FROM client c
     CROSS JOIN LATERAL (SELECT id FROM "user" WHERE tenant_id = c.tenant_id AND role = 'MANAGER' LIMIT 1) m
     WHERE c.tenant_id = $1 AND c.status = 'CLOSED'`,
    [tenantId],
  );
  step("support_path");
  // Plans: at the plan step a draft, submitted or returned version; later an approved one.
  await db.query(
    `INSERT INTO path_plan_version (id, tenant_id, path_id, number, status, created_by_id, created_at, updated_at,
                                    submitted_at, submitted_by_id, decided_at, decided_by_id, decision_comment)
     SELECT gen_random_uuid(), p.tenant_id, p.id, 1, st.status::"PlanStatus", p.created_by_id, p.opened_at + interval '20 days', now(),
            CASE WHEN st.status <> 'DRAFT' THEN p.opened_at + interval '30 days' - make_interval(days => h.v % 25) END,
            CASE WHEN st.status <> 'DRAFT' THEN p.created_by_id END,
            CASE WHEN st.status IN ('RETURNED', 'APPROVED') THEN now() - make_interval(days => h.v % 40) END,
            CASE WHEN st.status IN ('RETURNED', 'APPROVED') THEN p.created_by_id END,
            CASE WHEN st.status = 'RETURNED' THEN 'Proszę doprecyzować harmonogram działań.' END
     FROM support_path p
     CROSS JOIN LATERAL (SELECT abs(hashtext(p.id::text)) AS v) h
     CROSS JOIN LATERAL (SELECT CASE WHEN p.step = 'PLAN' THEN (ARRAY['DRAFT', 'DRAFT', 'SUBMITTED', 'SUBMITTED', 'RETURNED'])[1 + h.v % 5]
                                     WHEN p.step IN ('IDENTIFICATION', 'NEEDS') THEN NULL ELSE 'APPROVED' END AS status) st
     WHERE p.tenant_id = $1 AND st.status IS NOT NULL`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description, planned_from, planned_to, responsible_user_id, status)
     SELECT gen_random_uuid(), v.tenant_id, v.id, a.n, (ARRAY['ADVISORY', 'TRAINING', 'ANIMATION'])[1 + a.n]::text,
            (ARRAY['Doradztwo przy biznesplanie', 'Szkolenie z prawa spółdzielczego', 'Animacja grupy'])[1 + a.n],
            (v.created_at + make_interval(days => 30 * a.n))::date, (v.created_at + make_interval(days => 30 * a.n + 60))::date,
            v.created_by_id, (CASE WHEN a.n = 0 THEN 'DONE' ELSE 'PLANNED' END)::"PlanActionStatus"
     FROM path_plan_version v CROSS JOIN generate_series(0, 2) AS a(n)
     WHERE v.tenant_id = $1`,
    [tenantId],
  );
  step("plans and actions");
  await db.query(
    `INSERT INTO audit_log (id, tenant_id, actor_id, action, entity_type, entity_id, after, created_at)
     SELECT gen_random_uuid(), $1, u.id, k.action, k.entity, gen_random_uuid()::text, '{"name": "…"}'::jsonb,
            now() - make_interval(secs => g::float8 * (2 * 365 * 86400) / $2::int)
     FROM generate_series(0, $2::int - 1) g
     CROSS JOIN LATERAL (SELECT (ARRAY['client.update', 'path.move', 'service.create', 'plan.submit', 'client.assign'])[1 + g % 5] AS action,
                                (ARRAY['Client', 'SupportPath', 'ServiceRecord', 'PathPlanVersion', 'Client'])[1 + g % 5] AS entity) k
     CROSS JOIN LATERAL (SELECT id FROM "user" WHERE tenant_id = $1 ORDER BY email OFFSET (g % 50) LIMIT 1) u`,
    [tenantId, auditRows],
  );
  step(`audit_log (${auditRows})`);
}
