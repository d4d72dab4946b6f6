-- CreateEnum
CREATE TYPE "DevelopmentDirection" AS ENUM ('FOUNDING_BY_NATURAL_PERSONS', 'FOUNDING_BY_LEGAL_PERSONS', 'TRANSFORMATION', 'ECONOMISATION', 'REINTEGRATION_ENTITIES');

-- CreateEnum
CREATE TYPE "WorkForm" AS ENUM ('INDIVIDUAL', 'GROUP', 'E_SUPPORT');

-- CreateEnum
CREATE TYPE "PathTemplate" AS ENUM ('DEFAULT', 'LOCAL_GOVERNMENT');

-- CreateEnum
CREATE TYPE "PathStep" AS ENUM ('IDENTIFICATION', 'NEEDS', 'PLAN', 'IMPLEMENTATION', 'MONITORING', 'EVALUATION', 'CLOSED');

-- CreateEnum
CREATE TYPE "SupportType" AS ENUM ('INFORMATION', 'ANIMATION', 'ADVISORY', 'SPECIALIST_ADVISORY', 'TRAINING', 'COACHING', 'FINANCIAL_GRANT', 'BRIDGING_SUPPORT', 'REINTEGRATION_FUNDING', 'REINTEGRATION_IPR', 'PUBLIC_PROCUREMENT', 'BUSINESS_SUPPORT', 'STUDY_VISIT');

-- CreateEnum
CREATE TYPE "SpecialistArea" AS ENUM ('LEGAL', 'FINANCIAL', 'HR', 'MARKETING', 'PUBLIC_PROCUREMENT', 'INNOVATION', 'HEALTH_AND_SAFETY');

-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('DRAFT', 'SIGNED', 'TERMINATED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "PlanActionStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PathResultType" AS ENUM ('INITIATIVE_GROUP_CREATED', 'SOCIAL_ENTERPRISE_CREATED', 'JOBS_CREATED', 'PARTNERSHIP_CREATED', 'PUBLIC_PROCUREMENT_SUPPORTED', 'IPR_PREPARED', 'OTHER');

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "monitoring_overdue_days" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "support_path" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "open_client_id" UUID,
    "direction" "DevelopmentDirection" NOT NULL,
    "work_form" "WorkForm" NOT NULL,
    "template" "PathTemplate" NOT NULL DEFAULT 'DEFAULT',
    "step" "PathStep" NOT NULL DEFAULT 'IDENTIFICATION',
    "identification" TEXT,
    "key_advisor_id" UUID,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "last_monitoring_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "support_path_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_transition" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "path_id" UUID NOT NULL,
    "from_step" "PathStep",
    "to_step" "PathStep" NOT NULL,
    "actor_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "path_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_contract" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "path_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "signed_on" DATE,
    "scope" TEXT,
    "status" "ContractStatus" NOT NULL DEFAULT 'DRAFT',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "path_contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_need" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "path_id" UUID NOT NULL,
    "area" "SupportType" NOT NULL,
    "description" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 2,
    "expected_effects" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "path_need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_plan_version" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "path_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "summary" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "submitted_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "decision_comment" TEXT,

    CONSTRAINT "path_plan_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_plan_action" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "plan_version_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "support_type" "SupportType" NOT NULL,
    "specialist_area" "SpecialistArea",
    "description" TEXT NOT NULL,
    "planned_from" DATE,
    "planned_to" DATE,
    "responsible_user_id" UUID,
    "expected_result" TEXT,
    "status" "PlanActionStatus" NOT NULL DEFAULT 'PLANNED',

    CONSTRAINT "path_plan_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_monitoring_entry" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "path_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "progress" TEXT NOT NULL,
    "risks" TEXT,
    "next_steps" TEXT,

    CONSTRAINT "path_monitoring_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_evaluation" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "path_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assessment" TEXT NOT NULL,

    CONSTRAINT "path_evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_result" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "evaluation_id" UUID NOT NULL,
    "type" "PathResultType" NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "achieved_on" DATE NOT NULL,
    "evidence_kind" TEXT NOT NULL,
    "evidence_reference" TEXT,
    "description" TEXT,

    CONSTRAINT "path_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "path_annotation" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "path_id" UUID NOT NULL,
    "annotation_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "step" "PathStep" NOT NULL,
    "text" TEXT NOT NULL,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "path_annotation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "support_path_tenant_id_client_id_opened_at_idx" ON "support_path"("tenant_id", "client_id", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "support_path_tenant_id_key_advisor_id_step_idx" ON "support_path"("tenant_id", "key_advisor_id", "step");

-- CreateIndex
CREATE UNIQUE INDEX "support_path_tenant_id_id_key" ON "support_path"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "support_path_tenant_id_open_client_id_key" ON "support_path"("tenant_id", "open_client_id");

-- CreateIndex
CREATE INDEX "path_transition_tenant_id_path_id_at_idx" ON "path_transition"("tenant_id", "path_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "path_contract_tenant_id_path_id_key" ON "path_contract"("tenant_id", "path_id");

-- CreateIndex
CREATE UNIQUE INDEX "path_contract_tenant_id_number_key" ON "path_contract"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "path_need_tenant_id_path_id_idx" ON "path_need"("tenant_id", "path_id");

-- CreateIndex
CREATE INDEX "path_plan_version_tenant_id_status_submitted_at_idx" ON "path_plan_version"("tenant_id", "status", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "path_plan_version_tenant_id_id_key" ON "path_plan_version"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "path_plan_version_tenant_id_path_id_number_key" ON "path_plan_version"("tenant_id", "path_id", "number");

-- CreateIndex
CREATE INDEX "path_plan_action_tenant_id_plan_version_id_position_idx" ON "path_plan_action"("tenant_id", "plan_version_id", "position");

-- CreateIndex
CREATE INDEX "path_monitoring_entry_tenant_id_path_id_created_at_idx" ON "path_monitoring_entry"("tenant_id", "path_id", "created_at");

-- CreateIndex
CREATE INDEX "path_evaluation_tenant_id_path_id_created_at_idx" ON "path_evaluation"("tenant_id", "path_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "path_evaluation_tenant_id_id_key" ON "path_evaluation"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "path_result_tenant_id_type_achieved_on_idx" ON "path_result"("tenant_id", "type", "achieved_on");

-- CreateIndex
CREATE INDEX "path_annotation_tenant_id_path_id_created_at_idx" ON "path_annotation"("tenant_id", "path_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "path_annotation_tenant_id_annotation_id_revision_key" ON "path_annotation"("tenant_id", "annotation_id", "revision");

-- AddForeignKey
ALTER TABLE "support_path" ADD CONSTRAINT "support_path_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_transition" ADD CONSTRAINT "path_transition_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_contract" ADD CONSTRAINT "path_contract_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_need" ADD CONSTRAINT "path_need_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_plan_version" ADD CONSTRAINT "path_plan_version_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_plan_action" ADD CONSTRAINT "path_plan_action_plan_fkey" FOREIGN KEY ("tenant_id", "plan_version_id") REFERENCES "path_plan_version"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_monitoring_entry" ADD CONSTRAINT "path_monitoring_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_evaluation" ADD CONSTRAINT "path_evaluation_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_result" ADD CONSTRAINT "path_result_evaluation_fkey" FOREIGN KEY ("tenant_id", "evaluation_id") REFERENCES "path_evaluation"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "path_annotation" ADD CONSTRAINT "path_annotation_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── integrity the schema language cannot say ─────────────────────────────────────────────────
-- An open path (closed_at IS NULL) is the client's one open path; a closed one holds no slot.
ALTER TABLE "support_path" ADD CONSTRAINT support_path_open_slot
  CHECK ((closed_at IS NULL AND open_client_id = client_id) OR (closed_at IS NOT NULL AND open_client_id IS NULL));
ALTER TABLE "support_path" ADD CONSTRAINT support_path_closed_step
  CHECK ((step = 'CLOSED') = (closed_at IS NOT NULL));
ALTER TABLE "path_need" ADD CONSTRAINT path_need_priority_range CHECK (priority BETWEEN 1 AND 3);
ALTER TABLE "path_result" ADD CONSTRAINT path_result_quantity_positive CHECK (quantity > 0);
ALTER TABLE "tenant" ADD CONSTRAINT tenant_monitoring_overdue_days_positive CHECK (monitoring_overdue_days > 0);

-- ── row-level security, as for every tenant-owned table ──────────────────────────────────────
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['support_path', 'path_transition', 'path_contract', 'path_need', 'path_plan_version',
                           'path_plan_action', 'path_monitoring_entry', 'path_evaluation', 'path_result', 'path_annotation'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())',
      t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON "support_path", "path_contract", "path_plan_version" TO owes_app;
-- Needs and a draft plan's actions are edited as lists: removing one is a real delete.
GRANT SELECT, INSERT, UPDATE, DELETE ON "path_need", "path_plan_action" TO owes_app;
-- History: written once, never changed.
GRANT SELECT, INSERT ON "path_transition", "path_monitoring_entry", "path_evaluation", "path_result" TO owes_app;

-- ── annotations: append-only, like the audit trail ───────────────────────────────────────────
GRANT SELECT, INSERT ON "path_annotation" TO owes_app;

CREATE FUNCTION path_annotation_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'path_annotation is append-only: % refused (an edit adds a revision)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER path_annotation_append_only
  BEFORE UPDATE OR DELETE ON "path_annotation"
  FOR EACH ROW EXECUTE FUNCTION path_annotation_refuse_change();
