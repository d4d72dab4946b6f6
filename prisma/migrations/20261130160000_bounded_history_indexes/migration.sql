-- Pages that read a bounded slice of the service log, never a whole history (issue 12).
--
-- The path's implementation tab shows one page of the path's services, newest first: the path
-- index gains the date, so the page is walked from it in order (and the per-action totals read
-- the path's rows from the same index).

-- DropIndex
DROP INDEX "service_participation_tenant_id_path_id_idx";

-- CreateIndex
CREATE INDEX "service_participation_tenant_id_path_id_date_idx" ON "service_participation"("tenant_id", "path_id", "date" DESC);
