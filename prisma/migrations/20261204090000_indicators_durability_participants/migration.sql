-- Issue 16: indicator catalogue and targets, evidence (manual, staff records), job durability, KPRES
-- spheres on results, EFS+ participant data; the indicator_evidence view holds the counting rules.

-- CreateEnum
CREATE TYPE "IndicatorSource" AS ENUM ('PATH_RESULT', 'TRAINING_COMPLETION', 'ANIMATOR_EMPLOYMENT', 'JOBS_MAINTAINED', 'MANUAL');

-- CreateEnum
CREATE TYPE "StaffContractKind" AS ENUM ('EMPLOYMENT_CONTRACT', 'CIVIL_LAW_CONTRACT');

-- CreateEnum
CREATE TYPE "StaffPosition" AS ENUM ('ANIMATOR', 'KEY_ADVISOR', 'SPECIALIST_ADVISOR', 'OTHER');

-- CreateEnum
CREATE TYPE "JobCheckOutcome" AS ENUM ('MAINTAINED', 'ENDED');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('FEMALE', 'MALE');

-- CreateEnum
CREATE TYPE "EducationLevel" AS ENUM ('ISCED_0', 'ISCED_1', 'ISCED_2', 'ISCED_3', 'ISCED_4', 'ISCED_5_8');

-- CreateEnum
CREATE TYPE "LabourMarketStatus" AS ENUM ('EMPLOYED', 'UNEMPLOYED_REGISTERED', 'UNEMPLOYED_NOT_REGISTERED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'INACTIVE_IN_EDUCATION');

-- CreateEnum
CREATE TYPE "DeclaredAnswer" AS ENUM ('YES', 'NO', 'REFUSED');

-- CreateEnum
CREATE TYPE "Urbanisation" AS ENUM ('CITY', 'TOWN_OR_SUBURB', 'RURAL');

-- CreateEnum
CREATE TYPE "ParticipationEndSituation" AS ENUM ('EMPLOYED', 'SELF_EMPLOYED', 'JOB_SEEKING', 'IN_EDUCATION', 'INACTIVE', 'OTHER');

-- AlterTable
ALTER TABLE "path_result" ADD COLUMN     "kpres_spheres" "KpresSphere"[],
ADD COLUMN     "withdraw_reason" TEXT,
ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawn_by_id" UUID;

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "job_check_months" INTEGER[] DEFAULT ARRAY[12, 24]::INTEGER[],
ADD COLUMN     "project_ends_on" DATE,
ADD COLUMN     "project_starts_on" DATE;

-- CreateTable
CREATE TABLE "indicator" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "unit" TEXT NOT NULL,
    "evidence_kind" TEXT NOT NULL,
    "source" "IndicatorSource" NOT NULL,
    "result_type" "PathResultType",
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_target" (
    "tenant_id" UUID NOT NULL,
    "indicator_id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "indicator_target_pkey" PRIMARY KEY ("tenant_id","indicator_id","period")
);

-- CreateTable
CREATE TABLE "indicator_evidence_record" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "indicator_id" UUID NOT NULL,
    "document_kind" TEXT NOT NULL,
    "document_date" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "client_id" UUID,
    "kpres_spheres" "KpresSphere"[],
    "description" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_by_id" UUID,
    "withdraw_reason" TEXT,

    CONSTRAINT "indicator_evidence_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_employment" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID,
    "person_name" TEXT NOT NULL,
    "position" "StaffPosition" NOT NULL,
    "contract_kind" "StaffContractKind" NOT NULL,
    "reference" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "partner_id" UUID,
    "office_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),
    "withdrawn_by_id" UUID,
    "withdraw_reason" TEXT,

    CONSTRAINT "staff_employment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_record" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "path_result_id" UUID,
    "person_name" TEXT,
    "position" TEXT,
    "starts_on" DATE NOT NULL,
    "evidence" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_check" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "months" INTEGER NOT NULL,
    "due_on" DATE NOT NULL,
    "outcome" "JobCheckOutcome",
    "checked_on" DATE,
    "ended_on" DATE,
    "evidence" TEXT,
    "checked_by_id" UUID,
    "checked_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "participant_data" (
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "sex" "Sex",
    "birth_date" DATE,
    "education_level" "EducationLevel",
    "labour_market_status" "LabourMarketStatus",
    "disability" "DeclaredAnswer",
    "foreign_origin" "DeclaredAnswer",
    "minority" "DeclaredAnswer",
    "homeless" "DeclaredAnswer",
    "urbanisation" "Urbanisation",
    "participation_start" DATE,
    "participation_end" DATE,
    "situation_at_end" "ParticipationEndSituation",
    "updated_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "participant_data_pkey" PRIMARY KEY ("tenant_id","client_id")
);

-- CreateIndex
CREATE INDEX "indicator_tenant_id_active_position_idx" ON "indicator"("tenant_id", "active", "position");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_tenant_id_id_key" ON "indicator"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_tenant_id_code_key" ON "indicator"("tenant_id", "code");

-- CreateIndex
CREATE INDEX "indicator_evidence_record_tenant_id_indicator_id_document_d_idx" ON "indicator_evidence_record"("tenant_id", "indicator_id", "document_date");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_evidence_record_tenant_id_id_key" ON "indicator_evidence_record"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "staff_employment_tenant_id_position_starts_on_idx" ON "staff_employment"("tenant_id", "position", "starts_on");

-- CreateIndex
CREATE UNIQUE INDEX "staff_employment_tenant_id_id_key" ON "staff_employment"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "job_record_tenant_id_client_id_idx" ON "job_record"("tenant_id", "client_id");

-- CreateIndex
CREATE INDEX "job_record_tenant_id_path_result_id_idx" ON "job_record"("tenant_id", "path_result_id");

-- CreateIndex
CREATE UNIQUE INDEX "job_record_tenant_id_id_key" ON "job_record"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "job_check_tenant_id_id_key" ON "job_check"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "job_check_tenant_id_job_id_months_key" ON "job_check"("tenant_id", "job_id", "months");

-- CreateIndex
CREATE UNIQUE INDEX "path_result_tenant_id_id_key" ON "path_result"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_indicator_fkey" FOREIGN KEY ("tenant_id", "indicator_id") REFERENCES "indicator"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_evidence_record" ADD CONSTRAINT "indicator_evidence_indicator_fkey" FOREIGN KEY ("tenant_id", "indicator_id") REFERENCES "indicator"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_evidence_record" ADD CONSTRAINT "indicator_evidence_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_employment" ADD CONSTRAINT "staff_employment_user_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_employment" ADD CONSTRAINT "staff_employment_partner_fkey" FOREIGN KEY ("tenant_id", "partner_id") REFERENCES "partner"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_employment" ADD CONSTRAINT "staff_employment_office_fkey" FOREIGN KEY ("tenant_id", "office_id") REFERENCES "office"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_record" ADD CONSTRAINT "job_record_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_record" ADD CONSTRAINT "job_record_path_result_fkey" FOREIGN KEY ("tenant_id", "path_result_id") REFERENCES "path_result"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_check" ADD CONSTRAINT "job_check_job_fkey" FOREIGN KEY ("tenant_id", "job_id") REFERENCES "job_record"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participant_data" ADD CONSTRAINT "participant_data_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Open durability checks by due date: the overdue lists and the nightly check.
CREATE INDEX "job_check_open_due_idx" ON "job_check" ("tenant_id", "due_on") WHERE "outcome" IS NULL;

-- Row-level security: every new table is tenant-owned.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['indicator', 'indicator_target', 'indicator_evidence_record', 'staff_employment',
    'job_record', 'job_check', 'participant_data']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())',
      t);
  END LOOP;
END $$;

-- Evidence, staff records, jobs and participant data are corrected or withdrawn, never deleted;
-- targets may be cleared.
GRANT SELECT, INSERT, UPDATE ON "indicator", "indicator_evidence_record", "staff_employment", "job_record",
  "job_check", "participant_data" TO owes_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "indicator_target" TO owes_app;
-- Path results are corrected and withdrawn (never deleted): the app may update the fields a
-- correction or withdrawal sets, and no others (type and evaluation stay).
GRANT UPDATE ("quantity", "achieved_on", "evidence_kind", "evidence_reference", "description", "kpres_spheres",
  "withdrawn_at", "withdrawn_by_id", "withdraw_reason") ON "path_result" TO owes_app;

-- Every piece of evidence that can count toward an indicator, in one shape: the one home of the
-- counting rules (lib/domain/indicators/evidence.ts documents them). security_invoker keeps the
-- callers' row-level security in force. Withdrawn evidence is left out here.
--   source, result_type  which indicators it feeds (result_type for PATH_RESULT only);
--   indicator_id         for MANUAL evidence: the one indicator it was registered for;
--   count_key            what is counted once per period (the evidence itself, a person, a job);
--   quantity             how much it adds (summed only for PATH_RESULT and MANUAL);
--   valid_from/valid_to  the evidence date (both the same) or, for a contract, the days it runs
--                        (valid_to null: open-ended); it counts in a period it overlaps;
--   link_id              what the drill-down links to (path, evidence record, event, staff record, job);
--   client_id, spheres, partner_id, office_id, county   the cuts.
CREATE VIEW "indicator_evidence" WITH (security_invoker = true) AS
SELECT r.tenant_id, 'PATH_RESULT'::"IndicatorSource" AS source, r.type AS result_type, NULL::uuid AS indicator_id,
       r.id AS evidence_id, r.id::text AS count_key, r.quantity,
       r.achieved_on AS valid_from, r.achieved_on AS valid_to, p.id AS link_id,
       c.id AS client_id, r.kpres_spheres AS spheres, adv.partner_id, c.office_id, c.county
FROM "path_result" r
JOIN "path_evaluation" e ON e.tenant_id = r.tenant_id AND e.id = r.evaluation_id
JOIN "support_path" p ON p.tenant_id = e.tenant_id AND p.id = e.path_id
JOIN "client" c ON c.tenant_id = p.tenant_id AND c.id = p.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE r.withdrawn_at IS NULL
UNION ALL
SELECT m.tenant_id, 'MANUAL'::"IndicatorSource", NULL::"PathResultType", m.indicator_id,
       m.id, m.id::text, m.quantity,
       m.document_date, m.document_date, m.id,
       c.id, m.kpres_spheres, adv.partner_id, c.office_id, c.county
FROM "indicator_evidence_record" m
LEFT JOIN "client" c ON c.tenant_id = m.tenant_id AND c.id = m.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE m.withdrawn_at IS NULL
UNION ALL
-- A person completed a training when present at no fewer than 80% of its sessions; the evidence
-- (the attendance lists) is dated by the last session.
SELECT reg.tenant_id, 'TRAINING_COMPLETION'::"IndicatorSource", NULL::"PathResultType", NULL::uuid,
       reg.id, reg.person_key, 1,
       att.last_date, att.last_date, ev.id,
       c.id, c.kpres_spheres, adv.partner_id, c.office_id, c.county
FROM "event_registration" reg
JOIN "event" ev ON ev.tenant_id = reg.tenant_id AND ev.id = reg.event_id
JOIN LATERAL (
  SELECT count(*) AS sessions, count(a.status) FILTER (WHERE a.status = 'PRESENT') AS present, max(s.date) AS last_date
  FROM "event_session" s
  LEFT JOIN "event_attendance" a ON a.tenant_id = s.tenant_id AND a.session_id = s.id AND a.registration_id = reg.id
  WHERE s.tenant_id = reg.tenant_id AND s.event_id = reg.event_id
) att ON true
JOIN "client" c ON c.tenant_id = reg.tenant_id AND c.id = reg.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE ev.kind = 'TRAINING' AND ev.status = 'PLANNED' AND reg.status = 'REGISTERED'
  AND att.sessions > 0 AND att.present * 5 >= att.sessions * 4
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
       k.checked_on, k.checked_on, j.id,
       c.id, coalesce(r.kpres_spheres, c.kpres_spheres), adv.partner_id, c.office_id, c.county
FROM "job_check" k
JOIN "job_record" j ON j.tenant_id = k.tenant_id AND j.id = k.job_id
LEFT JOIN "path_result" r ON r.tenant_id = j.tenant_id AND r.id = j.path_result_id
JOIN "client" c ON c.tenant_id = j.tenant_id AND c.id = j.client_id
LEFT JOIN "user" adv ON adv.tenant_id = c.tenant_id AND adv.id = c.key_advisor_id
WHERE k.outcome = 'MAINTAINED' AND j.withdrawn_at IS NULL AND (r.id IS NULL OR r.withdrawn_at IS NULL);

GRANT SELECT ON "indicator_evidence" TO owes_app;

-- The indicator catalogue of seed 001, given to every tenant like the support catalogue: to the
-- existing ones below and to every new one by a trigger on tenant. Targets are the centre's own.
CREATE FUNCTION seed_tenant_indicators(p_tenant uuid) RETURNS void
  LANGUAGE plpgsql SECURITY INVOKER
  AS $fn$
DECLARE previous text := current_setting('app.tenant_id', true);
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  INSERT INTO "indicator" ("id", "tenant_id", "code", "name", "name_en", "unit", "evidence_kind", "source", "result_type", "position", "updated_at")
  SELECT gen_random_uuid(), p_tenant, v.code, v.name, v.name_en, v.unit, v.evidence, v.source::"IndicatorSource", v.result_type::"PathResultType", v.pos, CURRENT_TIMESTAMP
  FROM (VALUES
    ('INITIATIVE_GROUPS', 'Liczba powstałych grup inicjatywnych', 'Initiative groups created', 'grupy', 'Protokół założenia grupy', 'PATH_RESULT', 'INITIATIVE_GROUP_CREATED', 0),
    ('SOCIAL_ENTERPRISES', 'Liczba powstałych przedsiębiorstw społecznych i podmiotów ekonomii społecznej', 'Social enterprises and social economy entities created', 'podmioty', 'Wpis do rejestru (KRS) / dokument rejestrowy', 'PATH_RESULT', 'SOCIAL_ENTERPRISE_CREATED', 1),
    ('JOBS_CREATED', 'Liczba powstałych miejsc pracy w przedsiębiorstwach społecznych i podmiotach ekonomii społecznej', 'Jobs created in social enterprises and social economy entities', 'miejsca pracy', 'Umowa na udzielenie dotacji / umowa o pracę', 'PATH_RESULT', 'JOBS_CREATED', 2),
    ('JOBS_MAINTAINED', 'Liczba utrzymanych miejsc pracy', 'Jobs maintained', 'miejsca pracy', 'Potwierdzenie utrzymania miejsca pracy (kontrola trwałości)', 'JOBS_MAINTAINED', NULL, 3),
    ('PARTNERSHIPS', 'Liczba powstałych partnerstw lokalnych', 'Local partnerships created', 'partnerstwa', 'Umowa partnerska / list intencyjny', 'PATH_RESULT', 'PARTNERSHIP_CREATED', 4),
    ('PUBLIC_PROCUREMENT', 'Liczba postępowań o udzielenie zamówienia publicznego, w których OWES wspierał PS i PES', 'Public procurement procedures supported', 'postępowania', 'Dokumentacja postępowania', 'PATH_RESULT', 'PUBLIC_PROCUREMENT_SUPPORTED', 5),
    ('ANIMATORS', 'Liczba animatorów', 'Animators employed', 'osoby', 'Umowy o pracę animatorów', 'ANIMATOR_EMPLOYMENT', NULL, 6),
    ('JOINT_GI_PROJECTS', 'Liczba projektów wspólnych grup inicjatywnych', 'Joint projects of initiative groups', 'projekty', 'List intencyjny / umowa partnerska', 'MANUAL', NULL, 7),
    ('TRAINING_PARTICIPANTS', 'Liczba osób biorących udział w kursach i szkoleniach zawodowych', 'People in courses and vocational training', 'osoby', 'Lista obecności, umowa na świadczenie usług szkoleniowych', 'TRAINING_COMPLETION', NULL, 8),
    ('IPR', 'Liczba indywidualnych planów reintegracji', 'Individual reintegration plans', 'plany', 'Indywidualne plany reintegracji', 'PATH_RESULT', 'IPR_PREPARED', 9)
  ) AS v(code, name, name_en, unit, evidence, source, result_type, pos)
  ON CONFLICT DO NOTHING;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END
$fn$;

CREATE FUNCTION tenant_seed_indicators() RETURNS trigger
  LANGUAGE plpgsql SECURITY INVOKER
  AS $fn$
BEGIN
  PERFORM seed_tenant_indicators(NEW.id);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER tenant_seed_indicators AFTER INSERT ON "tenant"
  FOR EACH ROW EXECUTE FUNCTION tenant_seed_indicators();

SELECT seed_tenant_indicators(id) FROM "tenant";
