-- Issue 17, server-side sessions: whatever ends every session of a user — a password change or
-- reset, a role change, deactivation, all of which bump "user".session_version — also marks their
-- session rows revoked. The per-request check already refuses those tokens (the version no longer
-- matches); this keeps the user's session list and "sign out other sessions" counts truthful, with
-- no writer of session_version having to remember it.
--
-- The trigger runs as the caller, under row-level security: the app role in a tenant transaction
-- sees (and revokes) exactly that tenant's rows.
CREATE FUNCTION user_session_revoke_on_version_bump() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = public, pg_temp
  AS $$
BEGIN
  UPDATE user_session SET revoked_at = now()
    WHERE tenant_id = NEW.tenant_id AND user_id = NEW.id AND revoked_at IS NULL;
  RETURN NEW;
END
$$;

CREATE TRIGGER user_session_version_bump
  AFTER UPDATE OF session_version ON "user"
  FOR EACH ROW WHEN (NEW.session_version IS DISTINCT FROM OLD.session_version)
  EXECUTE FUNCTION user_session_revoke_on_version_bump();
