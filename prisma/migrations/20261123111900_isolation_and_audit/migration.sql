-- Tenant isolation in depth and the append-only audit trail.
--
-- The application connects as `owes_app`: not the owner of any table, not a superuser, no
-- BYPASSRLS. Migrations run as the owner. Row-level security is ENABLED and FORCED on every
-- tenant-owned table, so even the owner sees only the tenant named by the transaction-local
-- setting `app.tenant_id` (set by lib/db/transaction.ts → tenantTransaction).
-- Every later migration that adds a tenant-owned table must do the same; an integration test
-- (tests/integration/tenancy/row-level-security.test.ts) fails when one does not.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'owes_app') THEN
    -- NOLOGIN until an operator grants LOGIN with a password (README: "Database roles").
    CREATE ROLE owes_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO owes_app;

-- The tenant of the current transaction, or NULL. NULLIF: after a transaction-local set_config
-- ends, the setting reads as '' on that connection, which must mean "no tenant", not an error.
CREATE FUNCTION app_current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- ── tenant ───────────────────────────────────────────────────────────────────────────────────
-- The tenant row itself: readable and updatable by the app only as its own tenant. Not FORCED,
-- so the owner-defined lookup below can resolve a slug before anyone is signed in.
ALTER TABLE "tenant" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON "tenant"
  USING (id = app_current_tenant_id())
  WITH CHECK (id = app_current_tenant_id());
GRANT SELECT, UPDATE ON "tenant" TO owes_app;

-- Sign-in needs the tenant id for a slug before a tenant context exists; it gets that and nothing else.
CREATE FUNCTION auth_tenant_id_by_slug(p_slug text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$ SELECT id FROM "tenant" WHERE slug = lower(p_slug) $$;
REVOKE ALL ON FUNCTION auth_tenant_id_by_slug(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_tenant_id_by_slug(text) TO owes_app;

-- ── tenant-owned tables ──────────────────────────────────────────────────────────────────────
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['partner', 'office', 'user', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())',
      t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON "partner", "office", "user" TO owes_app;

-- ── audit_log: append-only ───────────────────────────────────────────────────────────────────
GRANT SELECT, INSERT ON "audit_log" TO owes_app;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

-- ── not tenant-owned ─────────────────────────────────────────────────────────────────────────
-- Sign-in throttling is keyed by a hash and exists before any tenant is known.
GRANT SELECT, INSERT, UPDATE, DELETE ON "sign_in_throttle" TO owes_app;
-- The health check reports pending migrations without the app role reading Prisma's table
-- directly (plpgsql: the body is resolved at call time, when the table exists).
CREATE FUNCTION app_applied_migrations() RETURNS SETOF text
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
BEGIN
  IF to_regclass('public._prisma_migrations') IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT migration_name::text FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL;
END
$$;
REVOKE ALL ON FUNCTION app_applied_migrations() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_applied_migrations() TO owes_app;
