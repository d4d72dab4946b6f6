-- Issue 14: trainings and events with attendance, the per-person training limit, cooperation with
-- institutions, and the support catalogue as tenant data.
--
-- The catalogue tables (support_type, specialist_area, path_template) are keyed by (tenant_id,
-- code); existing tenants get the values the source documents define (the same list as
-- lib/domain/catalogue/defaults.ts, which seeds new tenants). Events reference their support type
-- by that key, so a retired entry stays valid on old rows.
--
-- Race-proofing of registrations (lib/domain/events/registration.ts): the event row is locked for
-- capacity, an advisory lock on the person for the limit; the partial unique index below keeps one
-- live registration per person and event whatever the writer.

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('TRAINING', 'WORKSHOP', 'ANIMATION_MEETING', 'DUTY_HOURS', 'STUDY_VISIT', 'NETWORK_MEETING');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('PLANNED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('REGISTERED', 'WAITING', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'ABSENT', 'EXCUSED');

-- CreateEnum
CREATE TYPE "InstitutionKind" AS ENUM ('PUP', 'OPS', 'PCPR', 'ODR', 'CIS', 'KIS', 'WTZ', 'ZAZ', 'ROPS', 'LOCAL_GOVERNMENT', 'SCHOOL', 'EMPLOYER', 'OTHER');

-- CreateEnum
CREATE TYPE "ExchangeDirection" AS ENUM ('SENT', 'RECEIVED');

-- CreateEnum
CREATE TYPE "ExchangeChannel" AS ENUM ('EMAIL', 'PHONE', 'LETTER', 'MEETING', 'EPUAP', 'OTHER');

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "training_limit_per_person" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "support_type" (
    "tenant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "requires_specialist_area" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "support_type_pkey" PRIMARY KEY ("tenant_id","code")
);

-- CreateTable
CREATE TABLE "specialist_area" (
    "tenant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "specialist_area_pkey" PRIMARY KEY ("tenant_id","code")
);

-- CreateTable
CREATE TABLE "path_template" (
    "tenant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "obligatory_support_types" TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "path_template_pkey" PRIMARY KEY ("tenant_id","code")
);

-- CreateTable
CREATE TABLE "event" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "EventKind" NOT NULL,
    "support_type" TEXT NOT NULL,
    "description" TEXT,
    "status" "EventStatus" NOT NULL DEFAULT 'PLANNED',
    "capacity" INTEGER,
    "registration_deadline" DATE,
    "office_id" UUID,
    "partner_id" UUID,
    "counts_toward_limit" BOOLEAN NOT NULL DEFAULT false,
    "limit_year" INTEGER,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_session" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "start_time" TEXT,
    "end_time" TEXT,
    "duration_minutes" INTEGER NOT NULL,
    "place" TEXT,
    "online_url" TEXT,
    "service_id" UUID,

    CONSTRAINT "event_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_trainer" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "user_id" UUID,
    "external_name" TEXT,

    CONSTRAINT "event_trainer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_registration" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "person_client_id" UUID,
    "client_person_id" UUID,
    "person_key" TEXT NOT NULL,
    "status" "RegistrationStatus" NOT NULL,
    "limit_year" INTEGER,
    "registered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registered_by_id" UUID NOT NULL,
    "promoted_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by_id" UUID,
    "cancel_reason" TEXT,
    "limit_exception_reason" TEXT,
    "limit_exception_by_id" UUID,

    CONSTRAINT "event_registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_attendance" (
    "tenant_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "registration_id" UUID NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "materials" BOOLEAN NOT NULL DEFAULT false,
    "accommodation" BOOLEAN NOT NULL DEFAULT false,
    "meals" BOOLEAN NOT NULL DEFAULT false,
    "travel_reimbursement" DECIMAL(10,2),
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_attendance_pkey" PRIMARY KEY ("tenant_id","session_id","registration_id")
);

-- CreateTable
CREATE TABLE "institution" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "InstitutionKind" NOT NULL,
    "town" TEXT,
    "address" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "information_exchange" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "institution_id" UUID NOT NULL,
    "contact_person" TEXT,
    "direction" "ExchangeDirection" NOT NULL,
    "channel" "ExchangeChannel" NOT NULL,
    "subject" TEXT NOT NULL,
    "client_id" UUID,
    "path_id" UUID,
    "document_reference" TEXT,
    "follow_up_on" DATE,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "information_exchange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "event_tenant_id_kind_idx" ON "event"("tenant_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "event_tenant_id_id_key" ON "event"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "event_session_tenant_id_date_idx" ON "event_session"("tenant_id", "date");

-- CreateIndex
CREATE INDEX "event_session_tenant_id_event_id_date_idx" ON "event_session"("tenant_id", "event_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "event_session_tenant_id_id_key" ON "event_session"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "event_session_tenant_id_service_id_key" ON "event_session"("tenant_id", "service_id");

-- CreateIndex
CREATE INDEX "event_trainer_tenant_id_event_id_idx" ON "event_trainer"("tenant_id", "event_id");

-- CreateIndex
CREATE INDEX "event_trainer_tenant_id_user_id_idx" ON "event_trainer"("tenant_id", "user_id");

-- CreateIndex
CREATE INDEX "event_registration_tenant_id_event_id_status_registered_at_idx" ON "event_registration"("tenant_id", "event_id", "status", "registered_at");

-- CreateIndex
CREATE INDEX "event_registration_tenant_id_person_key_limit_year_idx" ON "event_registration"("tenant_id", "person_key", "limit_year");

-- CreateIndex
CREATE INDEX "event_registration_tenant_id_client_id_idx" ON "event_registration"("tenant_id", "client_id");

-- CreateIndex
CREATE UNIQUE INDEX "event_registration_tenant_id_id_key" ON "event_registration"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "event_attendance_tenant_id_registration_id_idx" ON "event_attendance"("tenant_id", "registration_id");

-- CreateIndex
CREATE UNIQUE INDEX "institution_tenant_id_id_key" ON "institution"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "institution_tenant_id_name_key" ON "institution"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "information_exchange_tenant_id_date_idx" ON "information_exchange"("tenant_id", "date" DESC);

-- CreateIndex
CREATE INDEX "information_exchange_tenant_id_client_id_date_idx" ON "information_exchange"("tenant_id", "client_id", "date" DESC);

-- CreateIndex
CREATE INDEX "information_exchange_tenant_id_path_id_date_idx" ON "information_exchange"("tenant_id", "path_id", "date" DESC);

-- CreateIndex
CREATE INDEX "information_exchange_tenant_id_institution_id_date_idx" ON "information_exchange"("tenant_id", "institution_id", "date" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "client_person_tenant_id_id_key" ON "client_person"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "support_type" ADD CONSTRAINT "support_type_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "specialist_area" ADD CONSTRAINT "specialist_area_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_template" ADD CONSTRAINT "path_template_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_support_type_fkey" FOREIGN KEY ("tenant_id", "support_type") REFERENCES "support_type"("tenant_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_office_fkey" FOREIGN KEY ("tenant_id", "office_id") REFERENCES "office"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_partner_fkey" FOREIGN KEY ("tenant_id", "partner_id") REFERENCES "partner"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_session" ADD CONSTRAINT "event_session_event_fkey" FOREIGN KEY ("tenant_id", "event_id") REFERENCES "event"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_session" ADD CONSTRAINT "event_session_service_fkey" FOREIGN KEY ("tenant_id", "service_id") REFERENCES "service_record"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_trainer" ADD CONSTRAINT "event_trainer_event_fkey" FOREIGN KEY ("tenant_id", "event_id") REFERENCES "event"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_trainer" ADD CONSTRAINT "event_trainer_user_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_event_fkey" FOREIGN KEY ("tenant_id", "event_id") REFERENCES "event"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_person_client_fkey" FOREIGN KEY ("tenant_id", "person_client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_client_person_fkey" FOREIGN KEY ("tenant_id", "client_person_id") REFERENCES "client_person"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_attendance" ADD CONSTRAINT "event_attendance_session_fkey" FOREIGN KEY ("tenant_id", "session_id") REFERENCES "event_session"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_attendance" ADD CONSTRAINT "event_attendance_registration_fkey" FOREIGN KEY ("tenant_id", "registration_id") REFERENCES "event_registration"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "information_exchange" ADD CONSTRAINT "information_exchange_institution_fkey" FOREIGN KEY ("tenant_id", "institution_id") REFERENCES "institution"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "information_exchange" ADD CONSTRAINT "information_exchange_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "information_exchange" ADD CONSTRAINT "information_exchange_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- One live (not cancelled) registration per person and event.
CREATE UNIQUE INDEX "event_registration_live_person_key" ON "event_registration" ("tenant_id", "event_id", "person_key") WHERE "status" <> 'CANCELLED';

-- Exactly one of the two person columns; the person key names it.
ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_one_person" CHECK (
  ("person_client_id" IS NOT NULL AND "client_person_id" IS NULL AND "person_key" = 'client:' || "person_client_id"::text)
  OR ("person_client_id" IS NULL AND "client_person_id" IS NOT NULL AND "person_key" = 'person:' || "client_person_id"::text));
ALTER TABLE "event_trainer" ADD CONSTRAINT "event_trainer_staff_or_external" CHECK (("user_id" IS NULL) <> ("external_name" IS NULL));
ALTER TABLE "event_session" ADD CONSTRAINT "event_session_duration" CHECK ("duration_minutes" BETWEEN 5 AND 600);
ALTER TABLE "event" ADD CONSTRAINT "event_capacity_positive" CHECK ("capacity" IS NULL OR "capacity" > 0);
ALTER TABLE "tenant" ADD CONSTRAINT "tenant_training_limit_range" CHECK ("training_limit_per_person" BETWEEN 0 AND 100);

-- Row-level security as for every tenant-owned table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['support_type', 'specialist_area', 'path_template', 'event', 'event_session',
    'event_trainer', 'event_registration', 'event_attendance', 'institution', 'information_exchange']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())',
      t);
  END LOOP;
END $$;

-- Catalogue entries, events, registrations, institutions and exchanges are edited, never deleted
-- (retired or cancelled instead); sessions, trainers and attendance rows of an event are replaced.
GRANT SELECT, INSERT, UPDATE ON "support_type", "specialist_area", "path_template", "event",
  "event_registration", "institution", "information_exchange" TO owes_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "event_session", "event_trainer", "event_attendance" TO owes_app;

-- The built-in catalogue (the values the source documents define), given to every tenant: to the
-- existing ones below and to every new one by a trigger on tenant, whoever inserts it (the operator
-- command, the demo seed, the test factories, the benchmark seeders). The one home of the defaults.
-- Runs with the new tenant as the transaction's tenant (row-level security is forced on the
-- catalogue tables), restoring the caller's setting afterwards.
CREATE FUNCTION seed_tenant_catalogue(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql SECURITY INVOKER
  AS $fn$
DECLARE previous text := current_setting('app.tenant_id', true);
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  INSERT INTO "support_type" ("tenant_id", "code", "name", "name_en", "requires_specialist_area", "position", "updated_at")
  SELECT p_tenant, v.code, v.name, v.name_en, v.req, v.pos, CURRENT_TIMESTAMP
  FROM (VALUES
    ('INFORMATION', 'Informacja', 'Information', false, 0),
    ('ANIMATION', 'Animacja (praca z animatorem)', 'Animation (work with an animator)', false, 1),
    ('ADVISORY', 'Doradztwo', 'Advisory', false, 2),
    ('SPECIALIST_ADVISORY', 'Doradztwo specjalistyczne', 'Specialist advisory', true, 3),
    ('TRAINING', 'Szkolenie', 'Training', false, 4),
    ('COACHING', 'Coaching / mentoring', 'Coaching / mentoring', false, 5),
    ('FINANCIAL_GRANT', 'Dotacja na utworzenie miejsca pracy', 'Grant for a job created', false, 6),
    ('BRIDGING_SUPPORT', 'Wsparcie pomostowe', 'Bridging support', false, 7),
    ('REINTEGRATION_FUNDING', 'Finansowanie reintegracji', 'Funding of reintegration', false, 8),
    ('REINTEGRATION_IPR', 'Wsparcie reintegracyjne (IPR)', 'Reintegration support (IPR)', false, 9),
    ('PUBLIC_PROCUREMENT', 'Wsparcie w zamówieniach publicznych', 'Public procurement support', false, 10),
    ('BUSINESS_SUPPORT', 'Wsparcie biznesowe', 'Business support', false, 11),
    ('STUDY_VISIT', 'Wizyta studyjna', 'Study visit', false, 12)
  ) AS v(code, name, name_en, req, pos)
  ON CONFLICT DO NOTHING;

  INSERT INTO "specialist_area" ("tenant_id", "code", "name", "name_en", "position", "updated_at")
  SELECT p_tenant, v.code, v.name, v.name_en, v.pos, CURRENT_TIMESTAMP
  FROM (VALUES
    ('LEGAL', 'Prawne', 'Legal', 0),
    ('FINANCIAL', 'Finansowe', 'Financial', 1),
    ('HR', 'Kadrowe', 'HR', 2),
    ('MARKETING', 'Marketingowe', 'Marketing', 3),
    ('PUBLIC_PROCUREMENT', 'Zamówienia publiczne', 'Public procurement', 4),
    ('INNOVATION', 'Innowacje', 'Innovation', 5),
    ('HEALTH_AND_SAFETY', 'BHP i wymogi sanitarne', 'Health & safety and sanitary rules', 6)
  ) AS v(code, name, name_en, pos)
  ON CONFLICT DO NOTHING;

  INSERT INTO "path_template" ("tenant_id", "code", "name", "name_en", "obligatory_support_types", "position", "updated_at")
  SELECT p_tenant, v.code, v.name, v.name_en, v.obl, v.pos, CURRENT_TIMESTAMP
  FROM (VALUES
    ('DEFAULT', 'Ścieżka standardowa', 'Standard path', '{}'::text[], 0),
    ('LOCAL_GOVERNMENT', 'Ścieżka dla samorządu (JST)', 'Local-government (JST) path', ARRAY['ANIMATION','SPECIALIST_ADVISORY'], 1)
  ) AS v(code, name, name_en, obl, pos)
  ON CONFLICT DO NOTHING;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END
$fn$;

CREATE FUNCTION tenant_seed_catalogue() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $fn$
BEGIN
  PERFORM seed_tenant_catalogue(NEW.id);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER tenant_seed_catalogue AFTER INSERT ON "tenant"
  FOR EACH ROW EXECUTE FUNCTION tenant_seed_catalogue();

-- Existing tenants (the owner sees every tenant row: RLS on tenant is not forced).
SELECT seed_tenant_catalogue(id) FROM "tenant";
