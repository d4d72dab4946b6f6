/**
 * Indicator evidence for a seeded caseload tenant (scripts/bench/seeders/caseload.ts with its paths,
 * scripts/bench/seeders/paths.ts), for the indicator report benchmark (scripts/bench/indicators.ts),
 * at the scale of a big centre over a three-year project (2024-01-01 – 2026-12-31):
 *
 * - KPRES spheres on the organisations (each sphere with probability 1/4, so some carry several);
 * - `results` path results on the evaluations of evaluated and closed paths, dated over the project
 *   up to `lastDay`: a fifth JOBS_CREATED (1–4 jobs each), a quarter IPR_PREPARED (1–6 plans), the
 *   other result types and OTHER; each sphere with probability 1/5; one in fifty withdrawn;
 * - a job record per job created, with its 12- and 24-month checks: those due (10 days' grace) mostly
 *   MAINTAINED, one in twenty ENDED, one in ten left open (overdue);
 * - `trainings` trainings of three weekly sessions with ten registered persons each, attendance at
 *   each session 93% (≥ 80% of the sessions, i.e. all three, completes: ~80% of the registrations);
 * - twelve staff records (eight animators on employment contracts, staggered) and 600 letters of
 *   intent for joint GI projects (3% withdrawn); the targets of every indicator for 2024–2026 and
 *   the project. A few set-based statements; the caller VACUUM ANALYZEs.
 */
import type pg from "pg";

export const PROJECT_STARTS_ON = "2024-01-01";
export const PROJECT_ENDS_ON = "2026-12-31";

export async function seedIndicatorEvidence(
  db: pg.Client,
  tenantId: string,
  { results = 15_000, trainings = 400, lastDay }: { results?: number; trainings?: number; lastDay: string },
) {
  let stepStart = Date.now();
  const step = (what: string) => {
    console.log(`  ${what}: ${((Date.now() - stepStart) / 1000).toFixed(1)} s`);
    stepStart = Date.now();
  };
  const spheresOf = (hash: string, modulo: number) =>
    `ARRAY(SELECT x.s FROM unnest(enum_range(NULL::"KpresSphere")) WITH ORDINALITY AS x(s, i) WHERE ((${hash}) >> (x.i::int * 3)) % ${modulo} = 0)::"KpresSphere"[]`;

  await db.query(`UPDATE tenant SET project_starts_on = $2, project_ends_on = $3, updated_at = now() WHERE id = $1`, [
    tenantId,
    PROJECT_STARTS_ON,
    PROJECT_ENDS_ON,
  ]);
  await db.query(
    `INSERT INTO indicator_target (tenant_id, indicator_id, period, value, updated_at)
     SELECT i.tenant_id, i.id, p.period, CASE WHEN p.period = 'PROJECT' THEN 3000 ELSE 1000 END, now()
     FROM indicator i CROSS JOIN unnest(ARRAY['2024', '2025', '2026', 'PROJECT']) AS p(period)
     WHERE i.tenant_id = $1`,
    [tenantId],
  );
  await db.query(
    `UPDATE client c SET kpres_spheres = ${spheresOf("abs(hashtext(c.id::text))", 4)}
     WHERE c.tenant_id = $1 AND c.kind <> 'PERSON'`,
    [tenantId],
  );
  step("project, targets, client spheres");

  // Evaluations on evaluated and closed paths: one or two results each.
  const evaluations = Math.ceil(results / 1.5);
  await db.query(
    `INSERT INTO path_evaluation (id, tenant_id, path_id, author_id, created_at, assessment)
     SELECT gen_random_uuid(), p.tenant_id, p.id, p.created_by_id, now(), 'Ocena końcowa ścieżki: cele osiągnięte.'
     FROM support_path p
     WHERE p.tenant_id = $1 AND p.step IN ('EVALUATION', 'CLOSED')
     ORDER BY hashtext(p.id::text)
     LIMIT $2`,
    [tenantId, evaluations],
  );
  await db.query(
    `INSERT INTO path_result (id, tenant_id, evaluation_id, type, quantity, achieved_on, evidence_kind, evidence_reference,
                              kpres_spheres, withdrawn_at, withdrawn_by_id, withdraw_reason)
     SELECT gen_random_uuid(), e.tenant_id, e.id, t.type::"PathResultType",
            CASE WHEN t.type = 'JOBS_CREATED' THEN 1 + (h.v / 7) % 4 WHEN t.type = 'IPR_PREPARED' THEN 1 + (h.v / 7) % 6 ELSE 1 END,
            $2::date + ((h.v / 13) % ($3::date - $2::date + 1)),
            'Dokument potwierdzający', 'DOK/' || (h.v % 100000)::text,
            ${spheresOf("h.v / 17", 5)},
            CASE WHEN (h.v / 11) % 50 = 0 THEN now() END,
            CASE WHEN (h.v / 11) % 50 = 0 THEN e.author_id END,
            CASE WHEN (h.v / 11) % 50 = 0 THEN 'Wynik zapisany omyłkowo' END
     FROM path_evaluation e
     CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtext(e.id::text)) % 2) AS n
     CROSS JOIN LATERAL (SELECT abs(hashtext(e.id::text || ':' || n::text)) AS v) h
     CROSS JOIN LATERAL (SELECT (ARRAY['JOBS_CREATED', 'JOBS_CREATED', 'JOBS_CREATED', 'JOBS_CREATED',
                                       'IPR_PREPARED', 'IPR_PREPARED', 'IPR_PREPARED', 'IPR_PREPARED', 'IPR_PREPARED',
                                       'INITIATIVE_GROUP_CREATED', 'INITIATIVE_GROUP_CREATED', 'SOCIAL_ENTERPRISE_CREATED', 'SOCIAL_ENTERPRISE_CREATED',
                                       'PARTNERSHIP_CREATED', 'PUBLIC_PROCUREMENT_SUPPORTED', 'OTHER', 'OTHER', 'OTHER', 'OTHER', 'OTHER'])[1 + h.v % 20] AS type) t
     WHERE e.tenant_id = $1`,
    [tenantId, PROJECT_STARTS_ON, lastDay],
  );
  step(`path_evaluation (${evaluations}) and path_result`);

  await db.query(
    `INSERT INTO job_record (id, tenant_id, client_id, path_result_id, position, starts_on, evidence, created_by_id, updated_at, withdrawn_at)
     SELECT gen_random_uuid(), r.tenant_id, p.client_id, r.id, 'Stanowisko ' || g::text, r.achieved_on, r.evidence_reference, e.author_id, now(), r.withdrawn_at
     FROM path_result r
     JOIN path_evaluation e ON e.tenant_id = r.tenant_id AND e.id = r.evaluation_id
     JOIN support_path p ON p.tenant_id = e.tenant_id AND p.id = e.path_id
     CROSS JOIN LATERAL generate_series(1, r.quantity) AS g
     WHERE r.tenant_id = $1 AND r.type = 'JOBS_CREATED'`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO job_check (id, tenant_id, job_id, months, due_on, outcome, checked_on, ended_on, evidence, checked_by_id, checked_at)
     SELECT gen_random_uuid(), j.tenant_id, j.id, m.months, d.due, o.outcome::"JobCheckOutcome",
            CASE WHEN o.outcome IS NOT NULL THEN d.due + (d.v % 10) END,
            CASE WHEN o.outcome = 'ENDED' THEN d.due - (d.v % 60) END,
            CASE WHEN o.outcome IS NOT NULL THEN 'Umowa o pracę i lista płac' END,
            CASE WHEN o.outcome IS NOT NULL THEN j.created_by_id END,
            CASE WHEN o.outcome IS NOT NULL THEN (d.due + (d.v % 10))::timestamptz END
     FROM job_record j
     CROSS JOIN unnest(ARRAY[12, 24]) AS m(months)
     CROSS JOIN LATERAL (SELECT (j.starts_on + make_interval(months => m.months))::date AS due, abs(hashtext(j.id::text || ':' || m.months::text)) AS v) d
     CROSS JOIN LATERAL (SELECT CASE WHEN d.due + 10 > $2::date OR d.v % 10 = 1 THEN NULL WHEN d.v % 20 = 0 THEN 'ENDED' ELSE 'MAINTAINED' END AS outcome) o
     WHERE j.tenant_id = $1`,
    [tenantId, lastDay],
  );
  step("job_record and job_check");

  // Trainings: three weekly sessions, ten persons each (distinct within an event), attendance taken.
  await db.query(
    `INSERT INTO event (id, tenant_id, title, kind, support_type, status, capacity, office_id, counts_toward_limit, created_by_id, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'Szkolenie zawodowe nr ' || g::text, 'TRAINING', 'TRAINING', 'PLANNED', 12,
            (SELECT id FROM office WHERE tenant_id = $1 ORDER BY name OFFSET g % 3 LIMIT 1), false,
            (SELECT id FROM "user" WHERE tenant_id = $1 AND role = 'MANAGER' LIMIT 1), now(), now()
     FROM generate_series(1, $2::int) AS g`,
    [tenantId, trainings],
  );
  await db.query(
    `INSERT INTO event_session (id, tenant_id, event_id, date, start_time, end_time, duration_minutes, place)
     SELECT gen_random_uuid(), ev.tenant_id, ev.id, f.first + 7 * s, '09:00', '14:00', 300, 'Sala szkoleniowa OWES'
     FROM (SELECT e.id, e.tenant_id, row_number() OVER (ORDER BY e.id) AS n FROM event e WHERE e.tenant_id = $1 AND e.kind = 'TRAINING') ev
     CROSS JOIN LATERAL (SELECT $2::date + ((ev.n * 997) % ($3::date - $2::date - 14))::int AS first) f
     CROSS JOIN generate_series(0, 2) AS s`,
    [tenantId, PROJECT_STARTS_ON, lastDay],
  );
  await db.query(
    `WITH persons AS (SELECT id, row_number() OVER (ORDER BY hashtext(id::text)) - 1 AS n, count(*) OVER () AS total
                      FROM client WHERE tenant_id = $1 AND kind = 'PERSON'),
          events AS (SELECT e.id, e.tenant_id, e.created_by_id, row_number() OVER (ORDER BY e.id) AS n FROM event e WHERE e.tenant_id = $1 AND e.kind = 'TRAINING')
     INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, registered_at, registered_by_id)
     SELECT gen_random_uuid(), ev.tenant_id, ev.id, p.id, p.id, 'client:' || p.id::text, 'REGISTERED', now(), ev.created_by_id
     FROM events ev
     CROSS JOIN generate_series(0, 9) AS k
     JOIN persons p ON p.n = (ev.n * 7 + k * 131) % p.total`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, recorded_by_id, recorded_at)
     SELECT r.tenant_id, s.id, r.id, (CASE WHEN abs(hashtext(r.id::text || s.id::text)) % 100 < 93 THEN 'PRESENT' ELSE 'ABSENT' END)::"AttendanceStatus",
            r.registered_by_id, s.date::timestamptz
     FROM event_registration r
     JOIN event_session s ON s.tenant_id = r.tenant_id AND s.event_id = r.event_id
     WHERE r.tenant_id = $1`,
    [tenantId],
  );
  step(`trainings (${trainings}), sessions, registrations, attendance`);

  await db.query(
    `INSERT INTO staff_employment (id, tenant_id, user_id, person_name, position, contract_kind, reference, starts_on, ends_on, partner_id, created_by_id, updated_at)
     SELECT gen_random_uuid(), $1, NULL, 'Pracownik ' || g::text,
            (CASE WHEN g <= 8 THEN 'ANIMATOR' ELSE 'SPECIALIST_ADVISOR' END)::"StaffPosition",
            (CASE WHEN g <= 8 THEN 'EMPLOYMENT_CONTRACT' ELSE 'CIVIL_LAW_CONTRACT' END)::"StaffContractKind",
            'UoP ' || g::text || '/2024', $2::date + (g * 45), CASE WHEN g % 3 = 0 THEN $2::date + (g * 45) + 400 END,
            (SELECT id FROM partner WHERE tenant_id = $1 ORDER BY name OFFSET g % 2 LIMIT 1),
            (SELECT id FROM "user" WHERE tenant_id = $1 AND role = 'MANAGER' LIMIT 1), now()
     FROM generate_series(1, 12) AS g`,
    [tenantId, PROJECT_STARTS_ON],
  );
  await db.query(
    `WITH groups AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total FROM client WHERE tenant_id = $1 AND kind = 'INITIATIVE_GROUP')
     INSERT INTO indicator_evidence_record (id, tenant_id, indicator_id, document_kind, document_date, reference, quantity, client_id, kpres_spheres,
                                            created_by_id, updated_at, withdrawn_at, withdrawn_by_id, withdraw_reason)
     SELECT gen_random_uuid(), $1, i.id, 'List intencyjny', $2::date + ((g * 37) % ($3::date - $2::date + 1)), 'LI/' || g::text, 1,
            CASE WHEN g % 5 <> 0 THEN gr.id END, ${spheresOf("abs(hashtext(g::text))", 4)},
            m.id, now(), CASE WHEN g % 33 = 0 THEN now() END, CASE WHEN g % 33 = 0 THEN m.id END, CASE WHEN g % 33 = 0 THEN 'Dokument zastąpiony' END
     FROM generate_series(1, 600) AS g
     JOIN indicator i ON i.tenant_id = $1 AND i.code = 'JOINT_GI_PROJECTS'
     CROSS JOIN (SELECT id FROM "user" WHERE tenant_id = $1 AND role = 'MANAGER' LIMIT 1) m
     LEFT JOIN groups gr ON gr.n = g % gr.total`,
    [tenantId, PROJECT_STARTS_ON, lastDay],
  );
  step("staff records and manual evidence");
}
