-- Anonymisation (issue 17 §4–5): a person's name, identifiers and contact data are replaced in every
-- free text of their tenant — the append-only trails included — while every id and link stays, so
-- indicators and timesheets read the same before and after. lib/domain/privacy/anonymise.ts sets the
-- record's own columns and calls the two functions below in the same transaction.
--
-- The append-only tables (audit_log, path_annotation, access_log) refuse UPDATE even to their owner.
-- Their triggers now let one kind of UPDATE through: made by the table's owner while the
-- transaction-local flag `owes.anonymising` is on — which only the SECURITY DEFINER functions below
-- set, and reset before they return. Without the flag every UPDATE is refused as before; the app role
-- has no UPDATE grant on those tables at all, so it cannot use the flag itself.

-- A value in which every needle is replaced by the replacement at the same position, in order (the
-- caller puts longer needles first, so "Anna Maria Kowalska" goes before "Anna Kowalska").
CREATE FUNCTION anonymise_replace(p_value text, p_needles text[], p_replacements text[]) RETURNS text
  LANGUAGE plpgsql IMMUTABLE
  AS $$
DECLARE
  result text := p_value;
BEGIN
  IF result IS NULL THEN
    RETURN NULL;
  END IF;
  FOR i IN 1 .. coalesce(array_length(p_needles, 1), 0) LOOP
    result := replace(result, p_needles[i], p_replacements[i]);
  END LOOP;
  RETURN result;
END
$$;
REVOKE ALL ON FUNCTION anonymise_replace(text, text[], text[]) FROM PUBLIC;

CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  -- The row stays the same row: anonymisation rewrites texts, never ids, tenants or times.
  IF TG_OP = 'UPDATE' AND current_setting('owes.anonymising', true) = 'on'
     AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
     AND (NEW.id, NEW.tenant_id, NEW.created_at) = (OLD.id, OLD.tenant_id, OLD.created_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION path_annotation_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('owes.anonymising', true) = 'on'
     AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
     AND (NEW.id, NEW.tenant_id, NEW.created_at) = (OLD.id, OLD.tenant_id, OLD.created_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'path_annotation is append-only: % refused (an edit adds a revision)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('owes.access_log_purge', true) = 'on'
     AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('owes.anonymising', true) = 'on'
     AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID)
     AND (NEW.id, NEW.tenant_id, NEW.at) = (OLD.id, OLD.tenant_id, OLD.at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Replaces each needle (p_needles[i] → p_replacements[i]) in every text, varchar, text[], json and
-- jsonb column of every tenant-owned table (a base table with tenant_id), in the caller's tenant
-- only; returns how many rows changed. A JSON value is searched in its text form with the needle
-- written as JSON writes a string (quotes and backslashes escaped), so a name inside an audit row's
-- before/after is found and the value stays valid JSON.
--
-- SECURITY DEFINER: the trails are the owner's to rewrite, under the flag above. The tenant is the
-- transaction's (app.tenant_id), never an argument; row-level security is forced on the owner too,
-- and every statement names the tenant besides. Needles shorter than three characters are refused:
-- they would hit unrelated words.
--
-- Left out: the columns that ARE the name of another record — another client, representative, user,
-- staff member or organisation of the same name is another person, whose record must not change
-- (the anonymised records' own columns are set by the caller) — and hashes and secrets.
CREATE FUNCTION anonymise_text(p_needles text[], p_replacements text[]) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  tenant uuid := app_current_tenant_id();
  json_needles text[];
  json_replacements text[];
  col record;
  changed integer := 0;
  n integer;
BEGIN
  IF tenant IS NULL THEN
    RAISE EXCEPTION 'anonymise_text runs in a tenant transaction (app.tenant_id is not set)';
  END IF;
  IF coalesce(array_length(p_needles, 1), 0) <> coalesce(array_length(p_replacements, 1), 0) THEN
    RAISE EXCEPTION 'anonymise_text: % needles but % replacements', array_length(p_needles, 1), array_length(p_replacements, 1);
  END IF;
  IF coalesce(array_length(p_needles, 1), 0) = 0 THEN
    RETURN 0;
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(p_needles) AS x WHERE x IS NULL OR length(x) < 3) THEN
    RAISE EXCEPTION 'anonymise_text: a needle is empty or shorter than three characters';
  END IF;

  -- The needles as they stand inside a JSON string: to_json('a"b')::text is '"a\"b"'.
  json_needles := ARRAY(SELECT substr(to_json(x)::text, 2, length(to_json(x)::text) - 2) FROM unnest(p_needles) WITH ORDINALITY AS u(x, i) ORDER BY i);
  json_replacements := ARRAY(SELECT substr(to_json(x)::text, 2, length(to_json(x)::text) - 2) FROM unnest(p_replacements) WITH ORDINALITY AS u(x, i) ORDER BY i);

  PERFORM set_config('owes.anonymising', 'on', true);
  FOR col IN
    SELECT a.attrelid::regclass AS tbl, a.attname AS name, format_type(a.atttypid, NULL) AS type
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
    JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = 'public'
    WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      AND format_type(a.atttypid, NULL) IN ('text', 'character varying', 'text[]', 'character varying[]', 'json', 'jsonb')
      AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
      AND (c.relname, a.attname::text) NOT IN (
        ('client', 'name'), ('client', 'name_normalized'), ('client_person', 'name'), ('user', 'name'), ('user', 'email'),
        ('staff_employment', 'person_name'), ('partner', 'name'), ('office', 'name'), ('institution', 'name'),
        ('user', 'password_hash'), ('user', 'totp_secret'), ('account_token', 'token_hash'), ('recovery_code', 'code_hash'))
    ORDER BY c.relname, a.attnum
  LOOP
    IF col.type IN ('text', 'character varying') THEN
      EXECUTE format(
        'UPDATE %s SET %I = anonymise_replace(%I, $1, $2) WHERE tenant_id = $3 AND EXISTS (SELECT 1 FROM unnest($1) AS n(x) WHERE strpos(%I, n.x) > 0)',
        col.tbl, col.name, col.name, col.name)
        USING p_needles, p_replacements, tenant;
    ELSIF col.type IN ('json', 'jsonb') THEN
      EXECUTE format(
        'UPDATE %s SET %I = anonymise_replace(%I::text, $1, $2)::%s WHERE tenant_id = $3 AND EXISTS (SELECT 1 FROM unnest($1) AS n(x) WHERE strpos(%I::text, n.x) > 0)',
        col.tbl, col.name, col.name, col.type, col.name)
        USING json_needles, json_replacements, tenant;
    ELSE
      -- Element by element, in order (an element's text never spans two elements).
      EXECUTE format(
        'UPDATE %s SET %I = ARRAY(SELECT anonymise_replace(e, $1, $2) FROM unnest(%I) WITH ORDINALITY AS u(e, i) ORDER BY i) '
        'WHERE tenant_id = $3 AND EXISTS (SELECT 1 FROM unnest(%I) AS e(x), unnest($1) AS n(x) WHERE strpos(e.x, n.x) > 0)',
        col.tbl, col.name, col.name, col.name)
        USING p_needles, p_replacements, tenant;
    END IF;
    GET DIAGNOSTICS n = ROW_COUNT;
    changed := changed + n;
  END LOOP;
  PERFORM set_config('owes.anonymising', 'off', true);
  RETURN changed;
END
$$;
REVOKE ALL ON FUNCTION anonymise_text(text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION anonymise_text(text[], text[]) TO owes_app;

-- In the audit rows about one entity (e.g. a client's own history), the values of the keys of
-- `p_values` at the top level of before/after are replaced by p_values' (the placeholder name,
-- null for an identifier, a generalised birth date): the trail keeps what was done and when, not
-- the erased values — including ones no free-text search would find (a masked PESEL, a birth date).
-- Returns how many rows changed. SECURITY DEFINER and tenant-bound like anonymise_text.
CREATE FUNCTION anonymise_audit_values(p_entity_type text, p_entity_id text, p_values jsonb) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  tenant uuid := app_current_tenant_id();
  keys text[];
  n integer;
BEGIN
  IF tenant IS NULL THEN
    RAISE EXCEPTION 'anonymise_audit_values runs in a tenant transaction (app.tenant_id is not set)';
  END IF;
  IF jsonb_typeof(p_values) IS DISTINCT FROM 'object' THEN
    RAISE EXCEPTION 'anonymise_audit_values: p_values must be a JSON object';
  END IF;
  keys := ARRAY(SELECT jsonb_object_keys(p_values));
  IF coalesce(array_length(keys, 1), 0) = 0 THEN
    RETURN 0;
  END IF;

  PERFORM set_config('owes.anonymising', 'on', true);
  UPDATE audit_log SET
    before = CASE WHEN jsonb_typeof(before) = 'object' AND before ?| keys
      THEN (SELECT jsonb_object_agg(e.k, CASE WHEN p_values ? e.k THEN p_values -> e.k ELSE e.v END) FROM jsonb_each(before) AS e(k, v))
      ELSE before END,
    after = CASE WHEN jsonb_typeof(after) = 'object' AND after ?| keys
      THEN (SELECT jsonb_object_agg(e.k, CASE WHEN p_values ? e.k THEN p_values -> e.k ELSE e.v END) FROM jsonb_each(after) AS e(k, v))
      ELSE after END
  WHERE tenant_id = tenant AND entity_type = p_entity_type AND entity_id = p_entity_id
    AND ((jsonb_typeof(before) = 'object' AND before ?| keys) OR (jsonb_typeof(after) = 'object' AND after ?| keys));
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('owes.anonymising', 'off', true);
  RETURN n;
END
$$;
REVOKE ALL ON FUNCTION anonymise_audit_values(text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION anonymise_audit_values(text, text, jsonb) TO owes_app;

-- The anonymisation of the persons an IOD approved runs in the background (lib/jobs/queues.ts).
SELECT pgboss.create_queue(q.name, q.options::json)
FROM (VALUES
  ('privacy.anonymise', '{"policy":"standard","retryLimit":3,"retryDelay":60,"retryBackoff":true,"expireInSeconds":900}')
) AS q(name, options);
