-- The support catalogue as tenant data (issue 14), second step: every column that held one of the
-- code-defined enums "SupportType", "SpecialistArea" and "PathTemplate" now holds a code of the
-- tenant's catalogue (support_type, specialist_area, path_template; seeded for every tenant with
-- exactly the enums' values by migration 20261202090000_events_cooperation_catalogue), and the
-- enums are gone.
--
--   * Records that name an entry reference it by (tenant_id, code), ON DELETE RESTRICT: an entry in
--     use cannot be deleted (it is retired instead) and stays valid on old rows.
--   * The copies kept by triggers (service_provider.support_type, service_day_total.support_type)
--     have no foreign key, like the rest of their rows: the record they copy has one.
--   * service_record_specialist_area (specialist area exactly for SPECIALIST_ADVISORY) is dropped:
--     which types require an area is now the catalogue's requires_specialist_area, a tenant's
--     setting that a CHECK constraint cannot read; the service checks it (lib/domain/catalogue/rules.ts).
--   * The app may delete an entry that no record uses (lib/domain/catalogue/entries.ts deleteEntry
--     counts the uses first; the keys refuse it anyway): DELETE on the catalogue tables.
--   * service_day_total_add took the enum as a parameter type: recreated with text. The trigger
--     service_record_copy_to_providers names support_type in its column list and WHEN clause, which
--     blocks ALTER COLUMN TYPE: dropped and recreated unchanged. The other trigger functions use
--     the columns through row variables and need no change; partial indexes that INCLUDE
--     support_type are rebuilt by ALTER COLUMN TYPE.

DROP TRIGGER service_record_copy_to_providers ON "service_record";
ALTER TABLE "service_record" DROP CONSTRAINT service_record_specialist_area;
DROP FUNCTION service_day_total_add(uuid, date, "SupportType", integer, integer);

-- AlterTable
ALTER TABLE "support_path" ALTER COLUMN "template" DROP DEFAULT;
ALTER TABLE "support_path" ALTER COLUMN "template" TYPE TEXT USING "template"::text;
ALTER TABLE "support_path" ALTER COLUMN "template" SET DEFAULT 'DEFAULT';

ALTER TABLE "path_need" ALTER COLUMN "area" TYPE TEXT USING "area"::text;

ALTER TABLE "path_plan_action"
  ALTER COLUMN "support_type" TYPE TEXT USING "support_type"::text,
  ALTER COLUMN "specialist_area" TYPE TEXT USING "specialist_area"::text;

ALTER TABLE "service_record"
  ALTER COLUMN "support_type" TYPE TEXT USING "support_type"::text,
  ALTER COLUMN "specialist_area" TYPE TEXT USING "specialist_area"::text;

ALTER TABLE "service_provider" ALTER COLUMN "support_type" TYPE TEXT USING "support_type"::text;

ALTER TABLE "service_day_total" ALTER COLUMN "support_type" TYPE TEXT USING "support_type"::text;

-- One day's and type's services and minutes moved by a delta (+1/−1 record); as in migration
-- 20261201170000_service_day_totals, with the type as a catalogue code.
CREATE FUNCTION service_day_total_add(p_tenant uuid, p_day date, p_type text, p_services integer, p_minutes integer) RETURNS void
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

CREATE TRIGGER service_record_copy_to_providers
  AFTER UPDATE OF date, support_type, duration_minutes, deleted_at ON "service_record"
  FOR EACH ROW
  WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.support_type IS DISTINCT FROM NEW.support_type
        OR OLD.duration_minutes IS DISTINCT FROM NEW.duration_minutes OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION service_record_copy_to_providers();

-- AddForeignKey
ALTER TABLE "support_path" ADD CONSTRAINT "support_path_template_fkey" FOREIGN KEY ("tenant_id", "template") REFERENCES "path_template"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_need" ADD CONSTRAINT "path_need_area_fkey" FOREIGN KEY ("tenant_id", "area") REFERENCES "support_type"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_plan_action" ADD CONSTRAINT "path_plan_action_support_type_fkey" FOREIGN KEY ("tenant_id", "support_type") REFERENCES "support_type"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_plan_action" ADD CONSTRAINT "path_plan_action_specialist_area_fkey" FOREIGN KEY ("tenant_id", "specialist_area") REFERENCES "specialist_area"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_support_type_fkey" FOREIGN KEY ("tenant_id", "support_type") REFERENCES "support_type"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_specialist_area_fkey" FOREIGN KEY ("tenant_id", "specialist_area") REFERENCES "specialist_area"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

GRANT DELETE ON "support_type", "specialist_area", "path_template" TO owes_app;

-- DropEnum
DROP TYPE "PathTemplate";
DROP TYPE "SpecialistArea";
DROP TYPE "SupportType";
