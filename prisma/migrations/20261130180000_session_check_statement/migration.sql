-- The per-request session check in ONE statement instead of a four-statement transaction (issue 12).
--
-- SECURITY INVOKER: it runs as the app role, under row-level security, and grants nothing the app
-- role cannot already do — it sets the tenant the way tenantTransaction does, for its own query,
-- and puts back what the caller had, so nothing leaks into the caller's transaction or connection.
-- (Not a `SET app.tenant_id` clause on the function: on PostgreSQL 15 only a superuser may attach a
-- custom setting to a function, and production migrates as a plain owner.)
CREATE FUNCTION app_session_user(p_tenant uuid, p_user uuid, p_session_version integer)
  RETURNS TABLE (id uuid, tenant_id uuid, role text, partner_id uuid, office_id uuid, name text, email text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  previous text := current_setting('app.tenant_id', true);
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY
    SELECT u.id, u.tenant_id, u.role::text, u.partner_id, u.office_id, u.name, u.email
    FROM "user" u
    WHERE u.id = p_user AND u.tenant_id = p_tenant AND u.active AND u.session_version = p_session_version;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END
$$;
REVOKE ALL ON FUNCTION app_session_user(uuid, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_user(uuid, uuid, integer) TO owes_app;
