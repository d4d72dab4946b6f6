-- CreateEnum
CREATE TYPE "ServiceChannel" AS ENUM ('IN_PERSON', 'ONLINE', 'PHONE');

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "service_edit_window_days" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "service_record" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "start_time" TEXT,
    "duration_minutes" INTEGER NOT NULL,
    "form" "WorkForm" NOT NULL,
    "channel" "ServiceChannel" NOT NULL,
    "support_type" "SupportType" NOT NULL,
    "specialist_area" "SpecialistArea",
    "topic" TEXT,
    "notes" TEXT,
    "next_steps" TEXT,
    "office_id" UUID,
    "author_id" UUID NOT NULL,
    "idempotency_key" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),
    "deleted_by_id" UUID,
    "delete_reason" TEXT,

    CONSTRAINT "service_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_participation" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "path_id" UUID,
    "plan_action_id" UUID,
    "date" DATE NOT NULL,

    CONSTRAINT "service_participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_provider" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "date" DATE NOT NULL,

    CONSTRAINT "service_provider_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "service_record_tenant_id_date_idx" ON "service_record"("tenant_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "service_record_tenant_id_id_key" ON "service_record"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "service_record_tenant_id_idempotency_key_key" ON "service_record"("tenant_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "service_participation_tenant_id_client_id_date_idx" ON "service_participation"("tenant_id", "client_id", "date" DESC);

-- CreateIndex
CREATE INDEX "service_participation_tenant_id_path_id_idx" ON "service_participation"("tenant_id", "path_id");

-- CreateIndex
CREATE INDEX "service_participation_tenant_id_plan_action_id_idx" ON "service_participation"("tenant_id", "plan_action_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_participation_tenant_id_service_id_client_id_key" ON "service_participation"("tenant_id", "service_id", "client_id");

-- CreateIndex
CREATE INDEX "service_provider_tenant_id_user_id_date_idx" ON "service_provider"("tenant_id", "user_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "service_provider_tenant_id_service_id_user_id_key" ON "service_provider"("tenant_id", "service_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "path_plan_action_tenant_id_id_key" ON "path_plan_action"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_office_fkey" FOREIGN KEY ("tenant_id", "office_id") REFERENCES "office"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_record" ADD CONSTRAINT "service_record_author_fkey" FOREIGN KEY ("tenant_id", "author_id") REFERENCES "user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_participation" ADD CONSTRAINT "service_participation_service_fkey" FOREIGN KEY ("tenant_id", "service_id") REFERENCES "service_record"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_participation" ADD CONSTRAINT "service_participation_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_participation" ADD CONSTRAINT "service_participation_path_fkey" FOREIGN KEY ("tenant_id", "path_id") REFERENCES "support_path"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_participation" ADD CONSTRAINT "service_participation_plan_action_fkey" FOREIGN KEY ("tenant_id", "plan_action_id") REFERENCES "path_plan_action"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_provider" ADD CONSTRAINT "service_provider_service_fkey" FOREIGN KEY ("tenant_id", "service_id") REFERENCES "service_record"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_provider" ADD CONSTRAINT "service_provider_user_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Domain rules the database enforces as well as the service (a bug in one still cannot store nonsense).
ALTER TABLE "service_record" ADD CONSTRAINT service_record_duration_range CHECK (duration_minutes BETWEEN 5 AND 600);
ALTER TABLE "service_record" ADD CONSTRAINT service_record_start_time_format
  CHECK (start_time IS NULL OR start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
ALTER TABLE "service_record" ADD CONSTRAINT service_record_specialist_area
  CHECK ((support_type = 'SPECIALIST_ADVISORY') = (specialist_area IS NOT NULL));
ALTER TABLE "service_record" ADD CONSTRAINT service_record_tombstone
  CHECK ((deleted_at IS NULL) = (deleted_by_id IS NULL));
ALTER TABLE "tenant" ADD CONSTRAINT tenant_service_edit_window_days_range CHECK (service_edit_window_days BETWEEN 0 AND 365);

-- Row-level security as for every tenant-owned table.
ALTER TABLE "service_record" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "service_record" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "service_record"
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
ALTER TABLE "service_participation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "service_participation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "service_participation"
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
ALTER TABLE "service_provider" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "service_provider" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "service_provider"
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());

-- A record is never deleted by the app (a deletion is a tombstone); its participants and providers
-- are replaced when the record is edited.
GRANT SELECT, INSERT, UPDATE ON "service_record" TO owes_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "service_participation", "service_provider" TO owes_app;
