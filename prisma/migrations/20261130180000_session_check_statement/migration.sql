-- The per-request session check in ONE statement instead of a four-statement transaction (issue 12).
--
-- SECURITY INVOKER: it runs as the app role, under row-level security, and grants nothing the app
-- role cannot already do — it sets the tenant the way tenantTransaction does. The SET clause for
-- app.tenant_id confines that setting to the call (a SET LOCAL of a variable the function's SET
-- clause names is undone at exit), so nothing leaks into the caller's transaction or connection.
CREATE FUNCTION app_session_user(p_tenant uuid, p_user uuid, p_session_version integer)
  RETURNS TABLE (id uuid, tenant_id uuid, role text, partner_id uuid, name text, email text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = public, pg_temp
  SET app.tenant_id = ''
  AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY
    SELECT u.id, u.tenant_id, u.role::text, u.partner_id, u.name, u.email
    FROM "user" u
    WHERE u.id = p_user AND u.tenant_id = p_tenant AND u.active AND u.session_version = p_session_version;
END
$$;
REVOKE ALL ON FUNCTION app_session_user(uuid, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_user(uuid, uuid, integer) TO owes_app;
