-- The timesheet's team list from provider rows alone (issue 12).
--
-- The manager's team list totals every listed user's month: their services and minutes. It used to
-- join the month's provider rows (~29,500 for 200 advisors at 1,000,000 records) to their records
-- by key, only to read each record's duration and whether it is deleted — one index probe and heap
-- fetch per provider row, 300–450 ms. A provider row now carries a copy of both, so the month's
-- totals are read from one index of service_provider (an index-only scan), never touching
-- service_record.
--
-- DENORMALISATION: service_provider.duration_minutes and service_provider.deleted_at are copies of
-- the columns of the same name on the provider row's service_record (like service_provider.date,
-- which the app writes itself). They are maintained by the database, not by the app, so every
-- writer stays correct — the app's services (lib/domain/services/write.ts), the demo seed, the
-- benchmark seeders' bulk inserts, an operator's SQL:
--
--   * BEFORE INSERT on service_provider (and BEFORE UPDATE of its record key): the row's copies
--     are read from its record, whatever the writer gave (nothing, a default, a wrong value).
--   * AFTER INSERT on service_provider, only for a row BEFORE INSERT could not fill (still the
--     column default 0, which no record has: durations are 5–600): its record was written by the
--     same statement (a data-modifying WITH inserting a record and its providers at once, as some
--     test factories do), which a BEFORE trigger cannot see but an AFTER trigger, run once the
--     statement's rows are all in, can. Such a row is updated once; a row filled before insert
--     costs nothing more (the WHEN condition is checked without calling the function). A row
--     whose record does not exist keeps 0 and is refused by its foreign key, as before.
--   * AFTER UPDATE OF duration_minutes, deleted_at on service_record, when either changed: the
--     record's provider rows get the new values (a soft delete or an edited duration).
--
-- Both functions are SECURITY INVOKER: their reads and writes run as the writer, under row-level
-- security with the writer's app.tenant_id, on the writer's own tenant's rows — a record and its
-- provider rows always share the tenant (the foreign key includes tenant_id), so whoever may write
-- the one sees the other. The app role already holds SELECT on service_record and UPDATE on
-- service_provider. Names are schema-qualified instead of a SET search_path clause, which would
-- cost every row of a bulk insert a configuration save and restore.
--
-- Readers: only the timesheet's totals use the copies. Everything that shows or filters a record
-- still reads service_record itself.

-- AlterTable: the column default only satisfies NOT NULL for a writer that gives nothing; the
-- trigger below replaces it before the row is stored. (Declared as @default(0) in the schema too.)
ALTER TABLE "service_provider" ADD COLUMN "duration_minutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "deleted_at" TIMESTAMPTZ(3);

-- Backfill, tenant by tenant: row-level security is FORCED on both tables, so a migrating owner that
-- is not a superuser sees only the tenant named by app.tenant_id (the tenant table itself is not
-- forced, so the owner lists every tenant). The whole migration is one transaction: the ALTER above
-- holds service_provider's lock until the triggers below exist, so no writer falls in between.
DO $$
DECLARE
  previous text := current_setting('app.tenant_id', true);
  t uuid;
BEGIN
  FOR t IN SELECT id FROM "tenant" LOOP
    PERFORM set_config('app.tenant_id', t::text, true);
    UPDATE "service_provider" p
    SET duration_minutes = r.duration_minutes, deleted_at = r.deleted_at
    FROM "service_record" r
    WHERE p.tenant_id = t AND r.tenant_id = t AND r.id = p.service_id;
  END LOOP;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END
$$;

-- A provider row's copies come from its record, however the row is written.
CREATE FUNCTION service_provider_copy_record() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
DECLARE
  record_row record;
BEGIN
  SELECT r.duration_minutes, r.deleted_at INTO record_row
  FROM public.service_record r
  WHERE r.tenant_id = NEW.tenant_id AND r.id = NEW.service_id;
  IF FOUND THEN
    NEW.duration_minutes := record_row.duration_minutes;
    NEW.deleted_at := record_row.deleted_at;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER service_provider_copy_record
  BEFORE INSERT OR UPDATE OF tenant_id, service_id ON "service_provider"
  FOR EACH ROW EXECUTE FUNCTION service_provider_copy_record();

-- A row whose record the same statement wrote: copied once that statement's rows are all in.
CREATE FUNCTION service_provider_copy_record_late() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
BEGIN
  UPDATE public.service_provider p
  SET (duration_minutes, deleted_at) = (
    SELECT r.duration_minutes, r.deleted_at FROM public.service_record r WHERE r.tenant_id = p.tenant_id AND r.id = p.service_id)
  WHERE p.id = NEW.id
    AND EXISTS (SELECT FROM public.service_record r WHERE r.tenant_id = p.tenant_id AND r.id = p.service_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER service_provider_copy_record_late
  AFTER INSERT ON "service_provider"
  FOR EACH ROW WHEN (NEW.duration_minutes = 0)
  EXECUTE FUNCTION service_provider_copy_record_late();

-- A record's edited duration or its soft delete reaches its provider rows.
CREATE FUNCTION service_record_copy_to_providers() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $$
BEGIN
  UPDATE public.service_provider
  SET duration_minutes = NEW.duration_minutes, deleted_at = NEW.deleted_at
  WHERE tenant_id = NEW.tenant_id AND service_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER service_record_copy_to_providers
  AFTER UPDATE OF duration_minutes, deleted_at ON "service_record"
  FOR EACH ROW
  WHEN (OLD.duration_minutes IS DISTINCT FROM NEW.duration_minutes OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION service_record_copy_to_providers();

-- CreateIndex: a user's month with what the totals need, in key order: the listed users' live rows
-- of the month are one index range each, read without the heap (index-only).
CREATE INDEX "service_provider_month_totals_idx" ON "service_provider"("tenant_id", "user_id", "date", "deleted_at", "duration_minutes");
