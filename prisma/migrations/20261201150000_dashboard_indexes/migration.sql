-- The dashboards' aggregates (issue 13), each bounded by the tenant, a period and an index.
--
-- The services register's totals per day and support type (lib/domain/services/register.ts,
-- loadServiceRegisterDays): a manager's dashboard sums the centre's live records of the last
-- twelve weeks and two months (about 110,000 records on the 1,000,000-record benchmark tenant).
-- Keyed by (tenant_id, date) — both compared with leakproof operators, so usable under row-level
-- security — and carrying support_type and duration_minutes, partial on live records: the sums
-- are an index-only scan of the period, never a heap fetch per record. (Enum equality is not
-- leakproof, so the type is a payload column filtered in the index, not a key the planner could
-- not use.)
CREATE INDEX "service_record_live_totals_idx" ON "service_record"("tenant_id", "date") INCLUDE ("support_type", "duration_minutes", "id") WHERE "deleted_at" IS NULL;

-- The path funnel (open paths per step; a coordinator's: of their partner's clients): the open
-- paths only, with their step and client, index-only.
CREATE INDEX "support_path_open_step_idx" ON "support_path"("tenant_id") INCLUDE ("step", "client_id") WHERE "closed_at" IS NULL;
