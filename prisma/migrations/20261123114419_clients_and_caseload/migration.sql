-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "ClientKind" AS ENUM ('PERSON', 'INITIATIVE_GROUP', 'NGO', 'SOCIAL_COOPERATIVE', 'OTHER_COOPERATIVE', 'SOCIAL_ENTERPRISE', 'REINTEGRATION_ENTITY', 'LOCAL_GOVERNMENT', 'CHURCH_ENTITY', 'BUSINESS', 'OTHER_INSTITUTION');

-- CreateEnum
CREATE TYPE "ClientStatus" AS ENUM ('WAITING', 'ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "KpresSphere" AS ENUM ('SUSTAINABLE_DEVELOPMENT', 'LOCAL_COMMUNITY_AND_CULTURE', 'SOLIDARITY_OF_GENERATIONS', 'ACTIVE_INTEGRATION_SERVICES');

-- CreateEnum
CREATE TYPE "ClientPersonRole" AS ENUM ('REPRESENTATIVE', 'MEMBER');

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "caseload_limit" INTEGER;

-- CreateTable
CREATE TABLE "client" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" "ClientKind" NOT NULL,
    "subtype" TEXT,
    "name" TEXT NOT NULL,
    "name_normalized" TEXT NOT NULL,
    "status" "ClientStatus" NOT NULL DEFAULT 'WAITING',
    "pesel" TEXT,
    "nip" TEXT,
    "regon" TEXT,
    "krs" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "voivodeship" TEXT,
    "county" TEXT,
    "commune" TEXT,
    "town" TEXT,
    "town_normalized" TEXT,
    "street" TEXT,
    "postal_code" TEXT,
    "at_risk_of_exclusion" BOOLEAN NOT NULL DEFAULT false,
    "has_disability" BOOLEAN NOT NULL DEFAULT false,
    "aged_50_plus" BOOLEAN NOT NULL DEFAULT false,
    "leaving_reintegration_entity" BOOLEAN NOT NULL DEFAULT false,
    "long_term_unemployed" BOOLEAN NOT NULL DEFAULT false,
    "kpres_spheres" "KpresSphere"[],
    "office_id" UUID,
    "key_advisor_id" UUID,
    "waiting_since" TIMESTAMPTZ(3),
    "consent_date" DATE,
    "consent_scope" TEXT,
    "consent_legal_basis" TEXT,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_person" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "role" "ClientPersonRole" NOT NULL,
    "name" TEXT NOT NULL,
    "function" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_assignment" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "advisor_id" UUID NOT NULL,
    "from_advisor_id" UUID,
    "assigned_by_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,
    "released_at" TIMESTAMPTZ(3),
    "released_by_id" UUID,
    "release_reason" TEXT,

    CONSTRAINT "client_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "client_tenant_id_name_normalized_id_idx" ON "client"("tenant_id", "name_normalized", "id");

-- CreateIndex
CREATE INDEX "client_tenant_id_key_advisor_id_status_idx" ON "client"("tenant_id", "key_advisor_id", "status");

-- CreateIndex
CREATE INDEX "client_tenant_id_status_waiting_since_idx" ON "client"("tenant_id", "status", "waiting_since");

-- CreateIndex
CREATE INDEX "client_tenant_id_name_normalized_town_normalized_idx" ON "client"("tenant_id", "name_normalized", "town_normalized");

-- CreateIndex
CREATE INDEX "client_name_trgm_idx" ON "client" USING GIN ("name_normalized" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "client_tenant_id_id_key" ON "client"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "client_tenant_id_pesel_key" ON "client"("tenant_id", "pesel");

-- CreateIndex
CREATE UNIQUE INDEX "client_tenant_id_nip_key" ON "client"("tenant_id", "nip");

-- CreateIndex
CREATE UNIQUE INDEX "client_tenant_id_regon_key" ON "client"("tenant_id", "regon");

-- CreateIndex
CREATE UNIQUE INDEX "client_tenant_id_krs_key" ON "client"("tenant_id", "krs");

-- CreateIndex
CREATE INDEX "client_person_tenant_id_client_id_idx" ON "client_person"("tenant_id", "client_id");

-- CreateIndex
CREATE INDEX "client_assignment_tenant_id_client_id_assigned_at_idx" ON "client_assignment"("tenant_id", "client_id", "assigned_at" DESC);

-- CreateIndex
CREATE INDEX "client_assignment_tenant_id_advisor_id_released_at_idx" ON "client_assignment"("tenant_id", "advisor_id", "released_at");

-- AddForeignKey
ALTER TABLE "client" ADD CONSTRAINT "client_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client" ADD CONSTRAINT "client_office_fkey" FOREIGN KEY ("tenant_id", "office_id") REFERENCES "office"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client" ADD CONSTRAINT "client_key_advisor_fkey" FOREIGN KEY ("tenant_id", "key_advisor_id") REFERENCES "user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_person" ADD CONSTRAINT "client_person_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_assignment" ADD CONSTRAINT "client_assignment_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_assignment" ADD CONSTRAINT "client_assignment_advisor_fkey" FOREIGN KEY ("tenant_id", "advisor_id") REFERENCES "user"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── integrity the schema language cannot say ─────────────────────────────────────────────────
-- A client is ACTIVE exactly when it has a key advisor; WAITING clients have a queue position.
ALTER TABLE "client" ADD CONSTRAINT client_active_has_advisor
  CHECK ((status = 'ACTIVE') = (key_advisor_id IS NOT NULL));
ALTER TABLE "client" ADD CONSTRAINT client_waiting_has_queue_time
  CHECK (status <> 'WAITING' OR waiting_since IS NOT NULL);
ALTER TABLE "user" ADD CONSTRAINT user_caseload_limit_non_negative
  CHECK (caseload_limit IS NULL OR caseload_limit >= 0);

-- ── row-level security, as for every tenant-owned table ──────────────────────────────────────
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['client', 'client_person', 'client_assignment'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())',
      t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON "client", "client_assignment" TO owes_app;
-- Representatives and members are edited as a list: removing one is a real delete.
GRANT SELECT, INSERT, UPDATE, DELETE ON "client_person" TO owes_app;
