-- CreateEnum
CREATE TYPE "PlanEventKind" AS ENUM ('SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateTable
CREATE TABLE "path_plan_event" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "plan_version_id" UUID NOT NULL,
    "kind" "PlanEventKind" NOT NULL,
    "actor_id" UUID NOT NULL,
    "comment" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "path_plan_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "path_plan_event_tenant_id_plan_version_id_at_idx" ON "path_plan_event"("tenant_id", "plan_version_id", "at");

-- AddForeignKey
ALTER TABLE "path_plan_event" ADD CONSTRAINT "path_plan_event_plan_fkey" FOREIGN KEY ("tenant_id", "plan_version_id") REFERENCES "path_plan_version"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security as for every tenant-owned table; history is written once, never changed.
ALTER TABLE "path_plan_event" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "path_plan_event" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "path_plan_event"
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
GRANT SELECT, INSERT ON "path_plan_event" TO owes_app;
