-- Name search that uses the trigram index under row-level security (issue 12; decision 011).
--
-- Under FORCED row-level security a LIKE condition (textlike, not LEAKPROOF) may not be evaluated
-- before the policy, so it is never an index condition: the app role's name search filters every
-- client of the tenant row by row, and client_name_trgm_idx goes unused. client_name_search()
-- runs the same search as a role that bypasses row-level security, with the tenant condition of
-- the policy written into its own WHERE: the planner is then free to use the trigram index.
--
-- The tenant comes only from app_current_tenant_id() (the transaction-local app.tenant_id that
-- tenantTransaction sets, exactly what the policy reads): NULL (no tenant set) matches no row.
-- It is never an argument. The function returns only columns the app role may read anyway, of
-- its own tenant's clients; findClients applies its filters, order and paging to them and reads
-- the page itself under row-level security.
--
-- Its owner is `owes_search`: NOLOGIN, not superuser, BYPASSRLS, granted SELECT on these client
-- columns and nothing else. Only a superuser may create a BYPASSRLS role: run as a superuser
-- (locally, in CI, in the embedded demo) this migration creates it; run as a non-superuser owner
-- (production) it requires the operator to have created it beforehand and made the owner a
-- member of it, and stops with instructions otherwise (docs/decisions/011).

DO $$
DECLARE
  is_superuser boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'owes_search') THEN
    IF NOT is_superuser THEN
      RAISE EXCEPTION 'the role owes_search is missing, and only a superuser can create it (it needs BYPASSRLS)'
        USING HINT = format('As a superuser, run: CREATE ROLE owes_search NOLOGIN BYPASSRLS; GRANT owes_search TO %I; '
                            'then mark this migration rolled back (prisma migrate resolve --rolled-back 20261130170000_client_name_search) '
                            'and deploy again. See docs/decisions/011-name-search-behind-row-level-security.md.', current_user);
    END IF;
    BEGIN
      CREATE ROLE owes_search NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT BYPASSRLS;
    EXCEPTION WHEN duplicate_object THEN
      NULL; -- created meanwhile by a migration of another database on the same server
    END;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'owes_search' AND rolbypassrls AND NOT rolsuper AND NOT rolcanlogin) THEN
    RAISE EXCEPTION 'the role owes_search must have BYPASSRLS, NOLOGIN and not be a superuser'
      USING HINT = 'As a superuser, run: ALTER ROLE owes_search NOLOGIN NOSUPERUSER BYPASSRLS;';
  END IF;
  IF NOT is_superuser AND NOT pg_has_role(current_user, 'owes_search', 'MEMBER') THEN
    RAISE EXCEPTION 'the role % must be a member of owes_search to hand it the search function', current_user
      USING HINT = format('As a superuser, run: GRANT owes_search TO %I;', current_user);
  END IF;
END
$$;

-- The function's owner reads these columns of client and nothing else.
GRANT SELECT (id, tenant_id, name_normalized, kind, status, office_id, key_advisor_id) ON "client" TO owes_search;

-- The tenant's clients whose folded name contains p_fragment (folded like name_normalized by the
-- caller; "%", "_" and "\" in it match only themselves).
CREATE FUNCTION client_name_search(p_fragment text)
  RETURNS TABLE (id uuid, name_normalized text, kind "ClientKind", status "ClientStatus", office_id uuid, key_advisor_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT c.id, c.name_normalized, c.kind, c.status, c.office_id, c.key_advisor_id
    FROM "client" c
    WHERE c.tenant_id = app_current_tenant_id()
      AND c.name_normalized LIKE '%' || replace(replace(replace(p_fragment, '\', '\\'), '%', '\%'), '_', '\_') || '%'
  $$;
REVOKE ALL ON FUNCTION client_name_search(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION client_name_search(text) TO owes_app;

-- Hand the function to owes_search. A new owner must be allowed to create in the function's
-- schema (PostgreSQL checks it for non-superusers); it gets that for this statement only.
DO $$
DECLARE
  had_create boolean := has_schema_privilege('owes_search', 'public', 'CREATE');
BEGIN
  IF NOT had_create THEN
    GRANT CREATE ON SCHEMA public TO owes_search;
  END IF;
  ALTER FUNCTION client_name_search(text) OWNER TO owes_search;
  IF NOT had_create THEN
    REVOKE CREATE ON SCHEMA public FROM owes_search;
  END IF;
END
$$;
