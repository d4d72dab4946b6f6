-- Issue 16, the indicator report within its time budget (docs/benchmarks.md, "Indicator report"):
-- training completion was worked out from the attendance of every registration ever on each read;
-- it is now kept on the registration by triggers, so the view reads one indexed date. Maintained
-- jobs get an index by the date that puts them in a period.

ALTER TABLE "event_registration" ADD COLUMN "completed_on" DATE;

CREATE INDEX "event_registration_completed_idx" ON "event_registration" ("tenant_id", "completed_on")
  WHERE "completed_on" IS NOT NULL;
CREATE INDEX "job_check_maintained_idx" ON "job_check" ("tenant_id", "checked_on") WHERE "outcome" = 'MAINTAINED';

-- The one home of "completed a training": present at no fewer than 80% of the event's sessions,
-- dated by its last session. Recomputed for the whole event (a few dozen registrations) whenever
-- its sessions or attendance change; writes only the rows whose date changes.
CREATE FUNCTION refresh_event_completion(p_tenant uuid, p_event uuid) RETURNS void
  LANGUAGE sql SECURITY INVOKER
  AS $fn$
  UPDATE "event_registration" reg SET "completed_on" = x.completed_on
  FROM (
    SELECT r.id,
           CASE WHEN s.sessions > 0 AND count(a.registration_id) FILTER (WHERE a.status = 'PRESENT') * 5 >= s.sessions * 4
                THEN s.last_date END AS completed_on
    FROM "event_registration" r
    CROSS JOIN (SELECT count(*) AS sessions, max(es.date) AS last_date FROM "event_session" es
                WHERE es.tenant_id = p_tenant AND es.event_id = p_event) s
    LEFT JOIN "event_attendance" a ON a.tenant_id = r.tenant_id AND a.registration_id = r.id
    WHERE r.tenant_id = p_tenant AND r.event_id = p_event
    GROUP BY r.id, s.sessions, s.last_date
  ) x
  WHERE reg.tenant_id = p_tenant AND reg.id = x.id AND reg.completed_on IS DISTINCT FROM x.completed_on;
$fn$;

CREATE FUNCTION event_session_refresh_completion() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM refresh_event_completion(OLD.tenant_id, OLD.event_id); END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.event_id IS DISTINCT FROM OLD.event_id) THEN
    PERFORM refresh_event_completion(NEW.tenant_id, NEW.event_id);
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER event_session_refresh_completion AFTER INSERT OR DELETE OR UPDATE OF "date", "event_id" ON "event_session"
  FOR EACH ROW EXECUTE FUNCTION event_session_refresh_completion();

CREATE FUNCTION event_attendance_refresh_completion() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $fn$
DECLARE v_event uuid;
BEGIN
  -- A session deleted with its attendance (ON DELETE CASCADE) is refreshed by its own trigger.
  SELECT event_id INTO v_event FROM "event_session"
   WHERE tenant_id = coalesce(NEW.tenant_id, OLD.tenant_id) AND id = coalesce(NEW.session_id, OLD.session_id);
  IF v_event IS NOT NULL THEN PERFORM refresh_event_completion(coalesce(NEW.tenant_id, OLD.tenant_id), v_event); END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER event_attendance_refresh_completion AFTER INSERT OR DELETE OR UPDATE ON "event_attendance"
  FOR EACH ROW EXECUTE FUNCTION event_attendance_refresh_completion();

-- Existing events (row-level security is forced on the owner too: one tenant at a time).
DO $$
DECLARE t uuid; previous text := current_setting('app.tenant_id', true);
BEGIN
  FOR t IN SELECT id FROM "tenant" LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    PERFORM refresh_event_completion(t, ev.id) FROM "event" ev WHERE ev.tenant_id = t;
  END LOOP;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END $$;

-- Every join that only feeds the drill-down or a cut is a LEFT JOIN on a unique key, so PostgreSQL
-- removes it from a query that does not read its columns (the report's totals and chart read only
-- the evidence rows themselves); the foreign keys guarantee each such row exists.
CREATE OR REPLACE VIEW "indicator_evidence" WITH (security_invoker = true) AS
SELECT r.tenant_id, 'PATH_RESULT'::"IndicatorSource" AS source, r.type AS result_type, NULL::uuid AS indicator_id,
       r.id AS evidence_id, r.id::text AS count_key, r.quantity,
       r.achieved_on AS valid_from, r.achieved_on AS valid_to, p.id AS link_id,
       p.client_id AS client_id, r.kpres_spheres AS spheres, adv.partner_id, c.office_id, c.county
FROM "path_result" r
LEFT JOIN "path_evaluation" e ON e.tenant_id = r.tenant_id AND e.id = r.evaluation_id
LEFT JOIN "support_path" p ON p.tenant_id = e.tenant_id AND p.id = e.path_id
LEFT JOIN "client" c ON c.tenant_id = p.tenant_id AND c.id = p.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE r.withdrawn_at IS NULL
UNION ALL
SELECT m.tenant_id, 'MANUAL'::"IndicatorSource", NULL::"PathResultType", m.indicator_id,
       m.id, m.id::text, m.quantity,
       m.document_date, m.document_date, m.id,
       m.client_id, m.kpres_spheres, adv.partner_id, c.office_id, c.county
FROM "indicator_evidence_record" m
LEFT JOIN "client" c ON c.tenant_id = m.tenant_id AND c.id = m.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE m.withdrawn_at IS NULL
UNION ALL
-- A person completed a training when present at no fewer than 80% of its sessions; the evidence
-- (the attendance lists) is dated by the last session. Kept in event_registration.completed_on.
SELECT reg.tenant_id, 'TRAINING_COMPLETION'::"IndicatorSource", NULL::"PathResultType", NULL::uuid,
       reg.id, reg.person_key, 1,
       reg.completed_on, reg.completed_on, reg.event_id,
       reg.client_id, c.kpres_spheres, adv.partner_id, c.office_id, c.county
FROM "event_registration" reg
JOIN "event" ev ON ev.tenant_id = reg.tenant_id AND ev.id = reg.event_id
LEFT JOIN "client" c ON c.tenant_id = reg.tenant_id AND c.id = reg.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE reg.completed_on IS NOT NULL AND ev.kind = 'TRAINING' AND ev.status = 'PLANNED' AND reg.status = 'REGISTERED'
UNION ALL
SELECT s.tenant_id, 'ANIMATOR_EMPLOYMENT'::"IndicatorSource", NULL::"PathResultType", NULL::uuid,
       s.id, coalesce('user:' || s.user_id::text, 'name:' || lower(btrim(s.person_name))), 1,
       s.starts_on, s.ends_on, s.id,
       NULL::uuid, '{}'::"KpresSphere"[], s.partner_id, s.office_id, NULL::text
FROM "staff_employment" s
WHERE s.withdrawn_at IS NULL AND s.position = 'ANIMATOR' AND s.contract_kind = 'EMPLOYMENT_CONTRACT'
UNION ALL
SELECT k.tenant_id, 'JOBS_MAINTAINED'::"IndicatorSource", NULL::"PathResultType", NULL::uuid,
       k.id, k.job_id::text, 1,
       k.checked_on, k.checked_on, k.job_id,
       j.client_id, coalesce(r.kpres_spheres, c.kpres_spheres), adv.partner_id, c.office_id, c.county
FROM "job_check" k
JOIN "job_record" j ON j.tenant_id = k.tenant_id AND j.id = k.job_id
LEFT JOIN "path_result" r ON r.tenant_id = j.tenant_id AND r.id = j.path_result_id
LEFT JOIN "client" c ON c.tenant_id = j.tenant_id AND c.id = j.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE k.outcome = 'MAINTAINED' AND j.withdrawn_at IS NULL AND (r.id IS NULL OR r.withdrawn_at IS NULL);

-- (unchanged grant: GRANT SELECT ON "indicator_evidence" TO owes_app)
