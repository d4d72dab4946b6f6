-- Data protection (RODO) and account security (issue 17): the access log, legal basis, versioned
-- information clauses and consents, subject requests, retention reviews, server-side sessions and
-- two-factor sign-in.
-- CreateEnum
CREATE TYPE "AccessView" AS ENUM ('CLIENT_RECORD', 'CLIENT_SENSITIVE', 'CLIENT_HISTORY', 'CLIENT_SERVICES', 'CLIENT_PARTICIPANT', 'CLIENT_PRIVACY', 'CLIENT_EDIT', 'PATH', 'PATH_CARD', 'EXPORT', 'SUBJECT_EXPORT');

-- CreateEnum
CREATE TYPE "ProcessingBasis" AS ENUM ('EU_PROJECT', 'CONTRACT', 'CONSENT');

-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('SENSITIVE_DATA', 'CONTACT_OFFERS', 'IMAGE');

-- CreateEnum
CREATE TYPE "SubjectRequestKind" AS ENUM ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION');

-- CreateEnum
CREATE TYPE "SubjectRequestStatus" AS ENUM ('OPEN', 'COMPLETED', 'REFUSED');

-- CreateEnum
CREATE TYPE "RetentionDecision" AS ENUM ('APPROVED', 'KEPT');


-- AlterTable
ALTER TABLE "client" ADD COLUMN     "anonymised_at" TIMESTAMPTZ(3),
ADD COLUMN     "clause_given_on" DATE,
ADD COLUMN     "clause_id" UUID,
ADD COLUMN     "processing_basis" "ProcessingBasis",
ADD COLUMN     "restricted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "access_log_retention_months" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "last_payment_on" DATE,
ADD COLUMN     "retention_years" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "two_factor_roles" "Role"[] DEFAULT ARRAY['ADMIN', 'MANAGER', 'IOD']::"Role"[];

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "totp_enabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "totp_last_step" INTEGER,
ADD COLUMN     "totp_secret" TEXT;

-- CreateTable
CREATE TABLE "access_log" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "view" "AccessView" NOT NULL,
    "detail" TEXT,
    "ip" TEXT,
    "request_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "information_clause" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "effective_from" DATE NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "information_clause_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_consent" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "purpose" "ConsentPurpose" NOT NULL,
    "given_on" DATE NOT NULL,
    "clause_id" UUID,
    "recorded_by_id" UUID NOT NULL,
    "withdrawn_on" DATE,
    "withdrawn_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subject_request" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID,
    "requester_name" TEXT NOT NULL,
    "kind" "SubjectRequestKind" NOT NULL,
    "received_on" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "extended_to" DATE,
    "extension_reason" TEXT,
    "status" "SubjectRequestStatus" NOT NULL DEFAULT 'OPEN',
    "outcome" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subject_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_review" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "retention_ended_on" DATE NOT NULL,
    "listed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" "RetentionDecision",
    "reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "anonymised_at" TIMESTAMPTZ(3),

    CONSTRAINT "retention_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_session" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "user_agent" TEXT,
    "two_factor" BOOLEAN NOT NULL DEFAULT false,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "user_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_code" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_code_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_log_tenant_id_client_id_at_idx" ON "access_log"("tenant_id", "client_id", "at" DESC);

-- CreateIndex
CREATE INDEX "access_log_tenant_id_user_id_at_idx" ON "access_log"("tenant_id", "user_id", "at" DESC);

-- CreateIndex
CREATE INDEX "access_log_tenant_id_at_idx" ON "access_log"("tenant_id", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "information_clause_tenant_id_id_key" ON "information_clause"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "information_clause_tenant_id_version_key" ON "information_clause"("tenant_id", "version");

-- CreateIndex
CREATE INDEX "client_consent_tenant_id_client_id_idx" ON "client_consent"("tenant_id", "client_id");

-- CreateIndex
CREATE UNIQUE INDEX "client_consent_tenant_id_id_key" ON "client_consent"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "subject_request_tenant_id_status_due_on_idx" ON "subject_request"("tenant_id", "status", "due_on");

-- CreateIndex
CREATE INDEX "subject_request_tenant_id_client_id_idx" ON "subject_request"("tenant_id", "client_id");

-- CreateIndex
CREATE UNIQUE INDEX "subject_request_tenant_id_id_key" ON "subject_request"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "retention_review_tenant_id_decision_listed_at_idx" ON "retention_review"("tenant_id", "decision", "listed_at");

-- CreateIndex
CREATE UNIQUE INDEX "retention_review_tenant_id_id_key" ON "retention_review"("tenant_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "retention_review_tenant_id_client_id_key" ON "retention_review"("tenant_id", "client_id");

-- CreateIndex
CREATE INDEX "user_session_tenant_id_user_id_created_at_idx" ON "user_session"("tenant_id", "user_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "user_session_tenant_id_id_key" ON "user_session"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "recovery_code_tenant_id_user_id_idx" ON "recovery_code"("tenant_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "recovery_code_tenant_id_code_hash_key" ON "recovery_code"("tenant_id", "code_hash");

-- AddForeignKey
ALTER TABLE "client" ADD CONSTRAINT "client_clause_fkey" FOREIGN KEY ("tenant_id", "clause_id") REFERENCES "information_clause"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_consent" ADD CONSTRAINT "client_consent_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_consent" ADD CONSTRAINT "client_consent_clause_fkey" FOREIGN KEY ("tenant_id", "clause_id") REFERENCES "information_clause"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_request" ADD CONSTRAINT "subject_request_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_review" ADD CONSTRAINT "retention_review_client_fkey" FOREIGN KEY ("tenant_id", "client_id") REFERENCES "client"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_user_fkey" FOREIGN KEY ("tenant_id", "user_id") REFERENCES "user"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One active consent per person and purpose: a withdrawn one stays as history, a new one is recorded anew.
CREATE UNIQUE INDEX "client_consent_active_key" ON "client_consent"("tenant_id", "client_id", "purpose") WHERE "withdrawn_on" IS NULL;

-- ── Row-level security: every new table is tenant-owned ──────────────────────────────────────
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['access_log', 'information_clause', 'client_consent', 'subject_request', 'retention_review',
    'user_session', 'recovery_code']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())',
      t);
  END LOOP;
END $$;

-- Clause versions are never edited (a change is a new version); consents are withdrawn, requests and
-- reviews are closed, never deleted. Used recovery codes are marked; a new set replaces the old one.
GRANT SELECT, INSERT ON "information_clause" TO owes_app;
GRANT SELECT, INSERT, UPDATE ON "client_consent", "subject_request", "retention_review", "user_session" TO owes_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "recovery_code" TO owes_app;

-- ── access_log: append-only ──────────────────────────────────────────────────────────────────
-- The app may add and read entries, nothing else; even the owner cannot change or delete one. The
-- only delete is the retention purge, by access_log_purge() below: it runs as the table's owner
-- with a transaction-local flag set, and the trigger lets exactly that through.
GRANT SELECT, INSERT ON "access_log" TO owes_app;

CREATE FUNCTION access_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('owes.access_log_purge', true) = 'on'
     AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER access_log_append_only
  BEFORE UPDATE OR DELETE ON "access_log"
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();

-- Deletes one tenant's entries older than `p_before`; returns how many. SECURITY DEFINER: the app
-- role cannot delete entries itself. The tenant is the caller's (row-level security still applies
-- to the owner: FORCE), so a caller purges only its own tenant.
CREATE FUNCTION access_log_purge(p_before timestamptz) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  removed integer;
BEGIN
  PERFORM set_config('owes.access_log_purge', 'on', true);
  DELETE FROM access_log WHERE tenant_id = app_current_tenant_id() AND at < p_before;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('owes.access_log_purge', 'off', true);
  RETURN removed;
END
$$;
REVOKE ALL ON FUNCTION access_log_purge(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION access_log_purge(timestamptz) TO owes_app;

-- ── The per-request session check names the session (issue 17) ───────────────────────────────
-- Still one statement: the user must be active with the token's session version AND the token's
-- session row must exist unrevoked ("sign out other sessions", sign-out). It also says whether the
-- user has a second factor, whether their role must have one (the tenant's policy) and whether
-- this session signed in with it; and it refreshes the session's last-seen time at most every
-- five minutes (one UPDATE of one row, skipped otherwise).
DROP FUNCTION app_session_user(uuid, uuid, integer);
CREATE FUNCTION app_session_user(p_tenant uuid, p_user uuid, p_session_version integer, p_session uuid)
  RETURNS TABLE (id uuid, tenant_id uuid, role text, partner_id uuid, office_id uuid, name text, email text,
    two_factor_enabled boolean, two_factor_required boolean, session_two_factor boolean)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  SET search_path = public, pg_temp
  AS $$
DECLARE
  previous text := current_setting('app.tenant_id', true);
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  UPDATE user_session s SET last_seen_at = now()
    WHERE s.id = p_session AND s.tenant_id = p_tenant AND s.user_id = p_user AND s.revoked_at IS NULL
      AND s.last_seen_at < now() - interval '5 minutes';
  RETURN QUERY
    SELECT u.id, u.tenant_id, u.role::text, u.partner_id, u.office_id, u.name, u.email,
      u.totp_enabled_at IS NOT NULL, coalesce(u.role = ANY (t.two_factor_roles), false), s.two_factor
    FROM "user" u
    JOIN user_session s ON s.id = p_session AND s.tenant_id = u.tenant_id AND s.user_id = u.id AND s.revoked_at IS NULL
    JOIN tenant t ON t.id = u.tenant_id
    WHERE u.id = p_user AND u.tenant_id = p_tenant AND u.active AND u.session_version = p_session_version;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END
$$;
REVOKE ALL ON FUNCTION app_session_user(uuid, uuid, integer, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_user(uuid, uuid, integer, uuid) TO owes_app;
