-- The client's team: staff added to a client besides the key advisor (issue 10, need-to-know reads).
-- CreateEnum
CREATE TYPE "ClientTeamRole" AS ENUM ('SPECIALIST_ADVISOR', 'ANIMATOR', 'TRAINER', 'ADVISOR', 'OTHER');

-- CreateTable
CREATE TABLE "client_team_member" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "ClientTeamRole" NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "added_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),
    "removed_by_id" UUID,

    CONSTRAINT "client_team_member_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "client_team_member_tenant_id_client_id_removed_at_idx" ON "client_team_member"("tenant_id", "client_id", "removed_at");

-- CreateIndex
CREATE INDEX "client_team_member_tenant_id_user_id_removed_at_idx" ON "client_team_member"("tenant_id", "user_id", "removed_at");

-- CreateIndex
CREATE UNIQUE INDEX "client_team_member_tenant_id_id_key" ON "client_team_member"("tenant_id", "id");

-- AddForeignKey
ALTER TABLE "client_team_member" ADD CONSTRAINT "client_team_member_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_team_member" ADD CONSTRAINT "client_team_member_user_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A staff member is on a client's team at most once at a time (removed rows stay as history).
CREATE UNIQUE INDEX "client_team_member_live_key" ON "client_team_member"("tenant_id", "client_id", "user_id") WHERE "removed_at" IS NULL;
ALTER TABLE "client_team_member" ADD CONSTRAINT client_team_member_period CHECK (ends_on IS NULL OR ends_on >= starts_on);
ALTER TABLE "client_team_member" ADD CONSTRAINT client_team_member_removal CHECK ((removed_at IS NULL) = (removed_by_id IS NULL));

-- "Which clients does this user serve" (the service form's client search) finds plan actions by
-- their responsible user.
CREATE INDEX "path_plan_action_responsible_idx" ON "path_plan_action"("tenant_id", "responsible_user_id") WHERE "responsible_user_id" IS NOT NULL;

-- Row-level security as for every tenant-owned table.
ALTER TABLE "client_team_member" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "client_team_member" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "client_team_member"
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());

-- Removal is an update (removed_at), never a delete.
GRANT SELECT, INSERT, UPDATE ON "client_team_member" TO owes_app;
