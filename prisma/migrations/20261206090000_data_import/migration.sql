-- Issue 18: spreadsheet imports of clients and services — the uploaded file with its dry run and
-- import state, and the row-by-row issues of its report.
-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('CLIENTS', 'SERVICES');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('VALIDATING', 'INVALID', 'VALID', 'IMPORTING', 'IMPORTED', 'FAILED');

-- CreateTable
CREATE TABLE "data_import" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "checksum" TEXT NOT NULL,
    "content" BYTEA,
    "update_existing" BOOLEAN NOT NULL DEFAULT false,
    "status" "ImportStatus" NOT NULL DEFAULT 'VALIDATING',
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "to_create" INTEGER NOT NULL DEFAULT 0,
    "to_update" INTEGER NOT NULL DEFAULT 0,
    "to_skip" INTEGER NOT NULL DEFAULT 0,
    "invalid_rows" INTEGER NOT NULL DEFAULT 0,
    "issue_count" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validated_at" TIMESTAMPTZ(3),
    "committed_by_id" UUID,
    "committed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "data_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_import_issue" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "row_number" INTEGER NOT NULL,
    "column" TEXT,
    "message" TEXT NOT NULL,
    "params" JSONB,

    CONSTRAINT "data_import_issue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_import_tenant_id_created_at_idx" ON "data_import"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "data_import_tenant_id_id_key" ON "data_import"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "data_import_issue_tenant_id_import_id_row_number_idx" ON "data_import_issue"("tenant_id", "import_id", "row_number");

-- AddForeignKey
ALTER TABLE "data_import_issue" ADD CONSTRAINT "data_import_issue_import_fkey" FOREIGN KEY ("tenant_id", "import_id") REFERENCES "data_import"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ── Row-level security: both tables are tenant-owned ─────────────────────────────────────────
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['data_import', 'data_import_issue']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())',
      t);
  END LOOP;
END $$;

-- An import's state moves on (dry run, import); a new dry run of the commit replaces its issues.
GRANT SELECT, INSERT, UPDATE ON "data_import" TO owes_app;
GRANT SELECT, INSERT, DELETE ON "data_import_issue" TO owes_app;

-- The dry run and the import run in the background (lib/jobs/queues.ts). A retry runs only an
-- import still in progress (its process died and its transaction rolled back).
SELECT pgboss.create_queue(q.name, q.options::json)
FROM (VALUES
  ('import.validate', '{"policy":"standard","retryLimit":2,"retryDelay":30,"retryBackoff":true,"expireInSeconds":3600}'),
  ('import.commit', '{"policy":"standard","retryLimit":2,"retryDelay":30,"retryBackoff":true,"expireInSeconds":3600}')
) AS q(name, options);
