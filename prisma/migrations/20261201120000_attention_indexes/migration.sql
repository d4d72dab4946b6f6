-- The attention list of paths overdue for monitoring and its count on the dashboards (issue 13).
--
-- A path is overdue when it is open and its last monitoring note (or, with none, its opening) is
-- older than the tenant's policy (lib/domain/paths/overdue.ts). The list reads the paths with a
-- note in last_monitoring_at order and those without one in opened_at order (then merges them),
-- so one index over the open paths serves both walks, in order, and the count's
-- `last_monitoring_at < $cutoff OR (last_monitoring_at IS NULL AND opened_at < $cutoff)`.
-- Measured on the 50,000-client benchmark tenant: a sequential scan of every path (36,000, most
-- of them closed) became an index scan over the open ones only.
--
-- The index is partial on `closed_at IS NULL` only: under row-level security PostgreSQL uses an
-- index condition only for leakproof operators, and equality on an enum (step, status) is not
-- leakproof, so a `step IN (…)` in the predicate or the key would not be used. For the same
-- reason the returned-plans list (status = 'RETURNED') gets no index: it filters the plan versions
-- of the tenant, as the plan inbox (status = 'SUBMITTED') already does.
-- Not expressible in schema.prisma (no partial indexes without a preview feature), like
-- client_team_member_live_key and path_plan_action_responsible_idx.

-- CreateIndex
CREATE INDEX "support_path_monitoring_due_idx" ON "support_path"("tenant_id", "last_monitoring_at", "opened_at") WHERE "closed_at" IS NULL;
