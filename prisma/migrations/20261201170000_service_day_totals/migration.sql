-- The dashboards' service figures on a big tenant (issue 13: each dashboard ≤ 50 ms at p95 on a
-- 50,000-client / 1,000,000-record tenant).
--
-- The register's totals per day and support type (lib/domain/services/register.ts,
-- loadServiceRegisterDays) fed every dashboard's hours chart and month figures by aggregating
-- service_record: a manager's three months are ~100,000 live records (an index-only scan, ~64 ms),
-- a coordinator's were a semi-join reading the partner's provider rows and then the records
-- (~200 ms). Two sources now answer them without reading a record:
--
--   * service_day_total: the centre's live records per (day, support type), counted and summed —
--     a few hundred rows for any dashboard's window. It answers the centre-wide scope (a manager,
--     an auditor) when no provider is chosen.
--   * service_provider's copy of the record's support type (beside its copies of the duration and
--     the tombstone, migration 20261130190000_provider_month_totals) and an index over the live
--     provider rows carrying what a total needs: a scoped total (a coordinator's partner, one
--     provider) is an index-only scan of the in-scope users' rows of the period.
--
-- DENORMALISATION, kept by the database for every writer (the app's services, the demo seed, the
-- benchmark seeders' bulk inserts, an operator's SQL), never by the app:
--
--   * service_day_total: AFTER INSERT OR UPDATE OR DELETE on service_record, FOR EACH ROW. The old
--     row's contribution is subtracted when it was live (deleted_at IS NULL), the new row's added
--     when it is live, each as INSERT … ON CONFLICT DO UPDATE SET services = services + delta: the
--     database increments the stored row under its row lock, so concurrent writers of one day and
--     type queue on that row and none overwrites another's count (no read-modify-write). An update
--     that moves a record between two days or types writes the two rows in key order, so two such
--     moves in opposite directions cannot deadlock. A row that falls to zero stays (deleting it
--     would race with a concurrent increment); readers skip it.
--   * service_provider.support_type and .date: copied from the record by the same triggers as the
--     duration and the tombstone (the app writes the date itself; the copy makes it hold for any
--     writer, and an edited record's date or type reaches its provider rows).
--
-- All functions are SECURITY INVOKER like the existing copies: they run as the writer, under
-- row-level security with the writer's app.tenant_id, on the writer's tenant's rows (a record, its
-- provider rows and its day totals share the tenant). The app role gets SELECT, INSERT, UPDATE on
-- service_day_total, which the increments need; no DELETE.

-- ── service_day_total ───────────────────────────────────────────────────────────────────────────
CREATE TABLE "service_day_total" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "support_type" "SupportType" NOT NULL,
    "services" INTEGER NOT NULL DEFAULT 0,
    "minutes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "service_day_total_pkey" PRIMARY KEY ("tenant_id", "day", "support_type")
);

ALTER TABLE "service_day_total" ADD CONSTRAINT "service_day_total_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security as for every tenant-owned table.
ALTER TABLE "service_day_total" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "service_day_total" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "service_day_total"
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON "service_day_total" TO owes_app;

-- One day's and type's services and minutes moved by a delta (+1/−1 record).
CREATE FUNCTION service_day_total_add(p_tenant uuid, p_day date, p_type "SupportType", p_services integer, p_minutes integer) RETURNS void
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
BEGIN
  -- PL/pgSQL, not SQL: its statement's plan is kept for the session, not made again per row.
  INSERT INTO public.service_day_total AS t (tenant_id, day, support_type, services, minutes)
  VALUES (p_tenant, p_day, p_type, p_services, p_minutes)
  ON CONFLICT (tenant_id, day, support_type)
  DO UPDATE SET services = t.services + EXCLUDED.services, minutes = t.minutes + EXCLUDED.minutes;
END
$$;

CREATE FUNCTION service_record_roll_up_day() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
DECLARE
  old_live boolean := TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL;
  new_live boolean := TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL;
BEGIN
  IF old_live AND new_live THEN
    IF (OLD.tenant_id, OLD.date, OLD.support_type, OLD.duration_minutes) = (NEW.tenant_id, NEW.date, NEW.support_type, NEW.duration_minutes) THEN
      RETURN NULL; -- an edit of the topic, the notes, the time…: no total changes
    END IF;
    -- Key order (the primary key's), so opposite moves between two rows cannot deadlock.
    IF (OLD.tenant_id, OLD.date, OLD.support_type) <= (NEW.tenant_id, NEW.date, NEW.support_type) THEN
      PERFORM public.service_day_total_add(OLD.tenant_id, OLD.date, OLD.support_type, -1, -OLD.duration_minutes);
      PERFORM public.service_day_total_add(NEW.tenant_id, NEW.date, NEW.support_type, 1, NEW.duration_minutes);
    ELSE
      PERFORM public.service_day_total_add(NEW.tenant_id, NEW.date, NEW.support_type, 1, NEW.duration_minutes);
      PERFORM public.service_day_total_add(OLD.tenant_id, OLD.date, OLD.support_type, -1, -OLD.duration_minutes);
    END IF;
  ELSIF old_live THEN
    PERFORM public.service_day_total_add(OLD.tenant_id, OLD.date, OLD.support_type, -1, -OLD.duration_minutes);
  ELSIF new_live THEN
    PERFORM public.service_day_total_add(NEW.tenant_id, NEW.date, NEW.support_type, 1, NEW.duration_minutes);
  END IF;
  RETURN NULL;
END
$$;

-- Created before the backfill: CREATE TRIGGER locks service_record against writes until the
-- migration's transaction ends, so the backfill below reads every committed record and no write
-- falls between the two.
CREATE TRIGGER service_record_roll_up_day
  AFTER INSERT OR UPDATE OR DELETE ON "service_record"
  FOR EACH ROW EXECUTE FUNCTION service_record_roll_up_day();

-- ── service_provider: the record's support type ─────────────────────────────────────────────────
-- Null only until the record's statement has written the record (the late copy below); never null
-- once a statement ends, as the record's own column is NOT NULL.
ALTER TABLE "service_provider" ADD COLUMN "support_type" "SupportType";

CREATE OR REPLACE FUNCTION service_provider_copy_record() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
DECLARE
  record_row record;
BEGIN
  SELECT r.date, r.support_type, r.duration_minutes, r.deleted_at INTO record_row
  FROM public.service_record r
  WHERE r.tenant_id = NEW.tenant_id AND r.id = NEW.service_id;
  IF FOUND THEN
    NEW.date := record_row.date;
    NEW.support_type := record_row.support_type;
    NEW.duration_minutes := record_row.duration_minutes;
    NEW.deleted_at := record_row.deleted_at;
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION service_provider_copy_record_late() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
BEGIN
  UPDATE public.service_provider p
  SET (date, support_type, duration_minutes, deleted_at) = (
    SELECT r.date, r.support_type, r.duration_minutes, r.deleted_at FROM public.service_record r WHERE r.tenant_id = p.tenant_id AND r.id = p.service_id)
  WHERE p.id = NEW.id
    AND EXISTS (SELECT FROM public.service_record r WHERE r.tenant_id = p.tenant_id AND r.id = p.service_id);
  RETURN NULL;
END
$$;

-- The late copy's condition stays `duration_minutes = 0`: a row BEFORE INSERT could not fill
-- misses every copy at once.

CREATE OR REPLACE FUNCTION service_record_copy_to_providers() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
BEGIN
  UPDATE public.service_provider
  SET date = NEW.date, support_type = NEW.support_type, duration_minutes = NEW.duration_minutes, deleted_at = NEW.deleted_at
  WHERE tenant_id = NEW.tenant_id AND service_id = NEW.id;
  RETURN NULL;
END
$$;

DROP TRIGGER service_record_copy_to_providers ON "service_record";
CREATE TRIGGER service_record_copy_to_providers
  AFTER UPDATE OF date, support_type, duration_minutes, deleted_at ON "service_record"
  FOR EACH ROW
  WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.support_type IS DISTINCT FROM NEW.support_type
        OR OLD.duration_minutes IS DISTINCT FROM NEW.duration_minutes OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION service_record_copy_to_providers();

-- ── Backfill, tenant by tenant ──────────────────────────────────────────────────────────────────
-- Row-level security is FORCED on these tables, so a migrating owner that is not a superuser sees
-- only the tenant named by app.tenant_id (the tenant table is not forced). The ALTER above holds
-- service_provider's lock and CREATE TRIGGER service_record's until the migration commits.
DO $$
DECLARE
  previous text := current_setting('app.tenant_id', true);
  t uuid;
BEGIN
  FOR t IN SELECT id FROM "tenant" LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    INSERT INTO "service_day_total" (tenant_id, day, support_type, services, minutes)
    SELECT r.tenant_id, r.date, r.support_type, count(*)::int, sum(r.duration_minutes)::int
    FROM "service_record" r
    WHERE r.tenant_id = t AND r.deleted_at IS NULL
    GROUP BY r.tenant_id, r.date, r.support_type;
    UPDATE "service_provider" p
    SET support_type = r.support_type, date = r.date
    FROM "service_record" r
    WHERE p.tenant_id = t AND r.tenant_id = t AND r.id = p.service_id;
  END LOOP;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END
$$;

-- CreateIndex: the live provider rows of in-scope users and a period, with what a scoped total
-- needs (the record once, its type and minutes): index-only, never the heap nor a record.
CREATE INDEX "service_provider_live_scope_idx" ON "service_provider"("tenant_id", "user_id", "date") INCLUDE ("service_id", "support_type", "duration_minutes") WHERE "deleted_at" IS NULL;
