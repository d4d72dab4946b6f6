-- The client list sorts by town and by status (issue 13): each order is read from an index, the
-- name and the id breaking ties in the same direction, so a page of a 500,000-client tenant is
-- walked in order (forwards or backwards) instead of sorting every client of the tenant.
-- The name order already has client_tenant_id_name_normalized_id_idx.

-- CreateIndex
CREATE INDEX "client_tenant_id_town_normalized_name_normalized_id_idx" ON "client"("tenant_id", "town_normalized", "name_normalized", "id");

-- CreateIndex
CREATE INDEX "client_tenant_id_status_name_normalized_id_idx" ON "client"("tenant_id", "status", "name_normalized", "id");
