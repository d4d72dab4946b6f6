import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { tenantTransaction } from "@/lib/db/transaction";
import { setPasswordWithLink } from "@/lib/domain/accounts/set-password";
import { issueAccountToken, lockLinkUser } from "@/lib/domain/accounts/tokens";
import { loadSessionContext } from "@/lib/domain/sessions/session";
import { signInWithPassword, type TSignInInput } from "@/lib/domain/sessions/sign-in";
import { recordSignOut } from "@/lib/domain/sessions/sign-out";
import { THROTTLE } from "@/lib/domain/sessions/throttle";
import * as users from "@/lib/domain/users/service";
import {
  auditRows,
  contextFor,
  createOffice,
  createPartner,
  createTenant,
  createUser,
  DEFAULT_PASSWORD,
  ownerQuery,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { createUserSession, sessionClaimsFor } from "@/tests/factories/sessions";

// Not asserted here (timing assertions flake): every failure path, the unknown e-mail included,
// runs one argon2 verification (verifyAgainstDummy) so response time does not reveal accounts.

const IP = "203.0.113.7";
const WRONG = "not-the-password";

let tenant: TTenantRow;
let user: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  user = await createUser(tenant, { email: "anna@example.test", name: "Anna Nowak" });
});

function attempt(overrides: Partial<TSignInInput> = {}) {
  return signInWithPassword({ tenantSlug: tenant.slug, email: user.email, password: DEFAULT_PASSWORD, ip: IP, ...overrides });
}

async function failTimes(times: number, overrides: Partial<TSignInInput> = {}) {
  for (let i = 0; i < times; i++) expect(await attempt({ password: WRONG, ...overrides })).toBeNull();
}

type TThrottleRow = { failures: number; locked: boolean };
/** The per-(account, IP) rows; the per-account ones ("account:…") are tested in account-throttle.test.ts. */
async function throttleRows(): Promise<TThrottleRow[]> {
  return ownerQuery<TThrottleRow>(
    `SELECT failures, coalesce(locked_until > now(), false) AS locked FROM sign_in_throttle
     WHERE key NOT LIKE 'account:%' ORDER BY first_failure_at`,
  );
}

async function failureReasons(): Promise<string[]> {
  return (await auditRows(tenant.id)).filter((r) => r.action === "auth.sign_in_failed").map((r) => String(r.after?.reason));
}

describe("signInWithPassword", () => {
  it("signs in with the right password: returns the user and a new session, records auth.sign_in and the sign-in time", async () => {
    const partner = await createPartner(tenant);
    const coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });

    const signedIn = await attempt({ email: coordinator.email, requestId: "req-1", userAgent: `Mozilla/5.0 ${"x".repeat(400)}` });

    expect(signedIn).toEqual({
      kind: "signed_in",
      id: coordinator.id,
      tenantId: tenant.id,
      role: "COORDINATOR",
      partnerId: partner.id,
      sessionVersion: 1,
      sessionId: expect.any(String),
      name: coordinator.name,
      email: coordinator.email,
    });
    const sessions = await ownerQuery<{ id: string; user_id: string; ip: string; user_agent: string; two_factor: boolean; revoked_at: Date | null }>(
      `SELECT id, user_id, ip, user_agent, two_factor, revoked_at FROM user_session WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(sessions).toEqual([
      { id: signedIn?.kind === "signed_in" ? signedIn.sessionId : "", user_id: coordinator.id, ip: IP, user_agent: `Mozilla/5.0 ${"x".repeat(400)}`.slice(0, 300), two_factor: false, revoked_at: null },
    ]);
    const rows = await auditRows(tenant.id);
    expect(rows.map((r) => ({ action: r.action, actor: r.actor_id, entity: r.entity_id, after: r.after, requestId: r.request_id }))).toEqual([
      { action: "auth.sign_in", actor: coordinator.id, entity: coordinator.id, after: { ip: IP }, requestId: "req-1" },
    ]);
    const [stored] = await ownerQuery<{ last_sign_in_at: Date | null }>(`SELECT last_sign_in_at FROM "user" WHERE id = $1`, [coordinator.id]);
    expect(stored?.last_sign_in_at).toBeInstanceOf(Date);
  });

  it("accepts the tenant slug and e-mail in any case and with surrounding spaces", async () => {
    const signedIn = await attempt({ tenantSlug: ` ${tenant.slug.toUpperCase()} `, email: "  ANNA@Example.Test " });
    expect(signedIn).toMatchObject({ kind: "signed_in", id: user.id });
  });

  it("refuses a wrong password with null and records auth.sign_in_failed", async () => {
    expect(await attempt({ password: WRONG })).toBeNull();
    const rows = await auditRows(tenant.id);
    expect(rows.map((r) => ({ action: r.action, actor: r.actor_id, entity: r.entity_id, after: r.after }))).toEqual([
      { action: "auth.sign_in_failed", actor: null, entity: user.id, after: { email: user.email, reason: "wrong_password", ip: IP } },
    ]);
    expect(JSON.stringify(rows)).not.toContain(WRONG);
  });

  it("answers an unknown e-mail in a known tenant exactly like a wrong password", async () => {
    expect(await attempt({ email: "nobody@example.test" })).toBeNull();
    expect(await failureReasons()).toEqual(["unknown_account"]);
  });

  it("answers an unknown tenant with null, writing no tenant's audit trail", async () => {
    const other = await createTenant();
    expect(await attempt({ tenantSlug: "no-such-owes" })).toBeNull();
    expect(await ownerQuery(`SELECT id FROM audit_log`)).toEqual([]);
    expect(await auditRows(other.id)).toEqual([]);
  });

  it("does not let a user of one tenant in through another tenant's slug", async () => {
    const other = await createTenant();
    expect(await attempt({ tenantSlug: other.slug })).toBeNull();
    expect((await auditRows(other.id)).map((r) => r.after?.reason)).toEqual(["unknown_account"]);
  });

  it("refuses an inactive user even with the right password", async () => {
    const inactive = await createUser(tenant, { active: false });
    expect(await attempt({ email: inactive.email })).toBeNull();
    expect(await failureReasons()).toEqual(["inactive"]);
  });

  it("answers malformed input with null", async () => {
    expect(await attempt({ email: "" })).toBeNull();
    expect(await attempt({ password: "" })).toBeNull();
  });
});

describe("sign-in throttling", () => {
  it(`locks the account from one IP after ${THROTTLE.maxFailures} failures: the right password is then refused`, async () => {
    await failTimes(THROTTLE.maxFailures);

    expect(await attempt()).toBeNull();

    expect(await failureReasons()).toEqual([...Array<string>(THROTTLE.maxFailures).fill("wrong_password"), "locked"]);
    expect(await throttleRows()).toEqual([{ failures: THROTTLE.maxFailures, locked: true }]);
    expect((await auditRows(tenant.id)).some((r) => r.action === "auth.sign_in")).toBe(false);
    expect(await ownerQuery(`SELECT id FROM user_session WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
  });

  it("does not lock after one failure fewer than the limit", async () => {
    await failTimes(THROTTLE.maxFailures - 1);
    expect(await attempt()).not.toBeNull();
  });

  it("does not lock the same account from a different IP", async () => {
    await failTimes(THROTTLE.maxFailures);
    expect(await attempt({ ip: "198.51.100.23" })).not.toBeNull();
    expect(await attempt()).toBeNull();
  });

  it("locks an unknown e-mail exactly like a known one", async () => {
    await failTimes(THROTTLE.maxFailures, { email: "ghost@example.test" });
    expect(await attempt({ email: "ghost@example.test" })).toBeNull();

    expect(await failureReasons()).toEqual([...Array<string>(THROTTLE.maxFailures).fill("unknown_account"), "locked"]);
    expect(await throttleRows()).toEqual([{ failures: THROTTLE.maxFailures, locked: true }]);
    // The real account from the same IP is a different key and stays open.
    expect(await attempt()).not.toBeNull();
  });

  it(`does not count failures older than the ${THROTTLE.windowMinutes}-minute window`, async () => {
    await failTimes(THROTTLE.maxFailures - 1);
    await ownerQuery(`UPDATE sign_in_throttle SET first_failure_at = now() - make_interval(mins => $1::int + 1)`, [THROTTLE.windowMinutes]);

    // Counted with the old ones this would be the locking failure.
    await failTimes(1);

    expect(await throttleRows()).toEqual([{ failures: 1, locked: false }]);
    expect(await attempt()).not.toBeNull();
  });

  it("lets the right password in once the lock has expired", async () => {
    await failTimes(THROTTLE.maxFailures);
    expect(await attempt()).toBeNull();
    await ownerQuery(
      `UPDATE sign_in_throttle SET locked_until = now() - interval '1 second',
                                   first_failure_at = now() - make_interval(mins => $1::int + 1)`,
      [THROTTLE.windowMinutes + THROTTLE.lockMinutes],
    );

    expect(await attempt()).not.toBeNull();
    expect(await throttleRows()).toEqual([]);
  });

  it("starts a fresh count after an expired lock", async () => {
    await failTimes(THROTTLE.maxFailures);
    await ownerQuery(`UPDATE sign_in_throttle SET locked_until = now() - interval '1 second'`);

    await failTimes(1);

    expect(await throttleRows()).toEqual([{ failures: 1, locked: false }]);
  });

  it("clears the count on a successful sign-in", async () => {
    await failTimes(THROTTLE.maxFailures - 1);
    expect(await attempt()).not.toBeNull();
    expect(await throttleRows()).toEqual([]);

    await failTimes(THROTTLE.maxFailures - 1);
    expect(await attempt()).not.toBeNull();
  });

  it("loses no failure under 10 concurrent wrong attempts", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt({ password: WRONG })));
    expect(results.every((r) => r === null)).toBe(true);

    const reasons = await failureReasons();
    const counted = reasons.filter((r) => r === "wrong_password").length;
    const refusedAsLocked = reasons.filter((r) => r === "locked").length;
    expect(counted + refusedAsLocked).toBe(10);
    // Every attempt that was checked counted exactly once, and the limit locked the account.
    expect(await throttleRows()).toEqual([{ failures: counted, locked: true }]);
    expect(counted).toBeGreaterThanOrEqual(THROTTLE.maxFailures);
    expect(await attempt()).toBeNull();
  });
});

describe("loadSessionContext", () => {
  let admin: TUserRow;

  beforeEach(async () => {
    admin = await createUser(tenant, { role: "ADMIN" });
  });

  /** The claims of a new session row of `u` (as its sign-in would have created it). */
  const claimsOf = (u: TUserRow, sessionVersion = 1) => sessionClaimsFor(u, sessionVersion);

  it("returns the context of a valid claim, with role, partner and office read from the database", async () => {
    const partner = await createPartner(tenant);
    const office = await createOffice(tenant);
    const coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id, officeId: office.id });

    const ctx = await loadSessionContext(await claimsOf(coordinator), "req-42");

    expect(ctx).toEqual({
      userId: coordinator.id,
      tenantId: tenant.id,
      role: "COORDINATOR",
      partnerId: partner.id,
      officeId: office.id,
      requestId: "req-42",
      sessionId: expect.any(String),
      name: coordinator.name,
      email: coordinator.email,
      unreadNotifications: 0,
      twoFactorEnabled: false,
      twoFactorRequired: false,
      sessionTwoFactor: false,
    });
  });

  it("says whether the user has a second factor, whether the tenant requires one of the role, and whether this session has one", async () => {
    // The tenant's default policy: ADMIN, MANAGER and IOD must use a second factor.
    const claims = await claimsOf(admin);
    expect(await loadSessionContext(claims)).toMatchObject({ twoFactorEnabled: false, twoFactorRequired: true, sessionTwoFactor: false });
    await ownerQuery(`UPDATE "user" SET totp_enabled_at = now() WHERE id = $1`, [admin.id]);
    await ownerQuery(`UPDATE user_session SET two_factor = true WHERE id = $1`, [claims.sessionId]);
    expect(await loadSessionContext(claims)).toMatchObject({ twoFactorEnabled: true, twoFactorRequired: true, sessionTwoFactor: true });
    await ownerQuery(`UPDATE tenant SET two_factor_roles = '{}' WHERE id = $1`, [tenant.id]);
    expect(await loadSessionContext(claims)).toMatchObject({ twoFactorRequired: false });
  });

  it("refuses a revoked session, a session of another user and an unknown session, and accepts the user's other sessions", async () => {
    const kept = await claimsOf(user);
    const revoked = { ...kept, sessionId: await createUserSession(user, { revoked: true }) };
    const othersSession = { ...kept, sessionId: await createUserSession(admin) };
    expect(await loadSessionContext(revoked)).toBeNull();
    expect(await loadSessionContext(othersSession)).toBeNull();
    expect(await loadSessionContext({ ...kept, sessionId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    expect(await loadSessionContext({ ...kept, sessionId: "not-a-session" })).toBeNull();
    expect(await loadSessionContext(kept)).toMatchObject({ userId: user.id, sessionId: kept.sessionId });
  });

  it("refreshes the session's last activity at most every five minutes", async () => {
    const claims = await claimsOf(user);
    const lastSeen = async () => (await ownerQuery<{ at: Date }>(`SELECT last_seen_at AS at FROM user_session WHERE id = $1`, [claims.sessionId]))[0]?.at;
    await ownerQuery(`UPDATE user_session SET last_seen_at = now() - interval '4 minutes' WHERE id = $1`, [claims.sessionId]);
    const recent = await lastSeen();
    await loadSessionContext(claims);
    expect(await lastSeen()).toEqual(recent);
    await ownerQuery(`UPDATE user_session SET last_seen_at = now() - interval '6 minutes' WHERE id = $1`, [claims.sessionId]);
    await loadSessionContext(claims);
    expect((await lastSeen())?.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses a wrong session version", async () => {
    expect(await loadSessionContext(await claimsOf(user, 2))).toBeNull();
    expect(await loadSessionContext(await claimsOf(user, 0))).toBeNull();
  });

  it("refuses a user id of another tenant", async () => {
    const otherTenant = await createTenant();
    const stranger = await createUser(otherTenant);
    const strangers = await claimsOf(stranger);
    const users = await claimsOf(user);
    expect(await loadSessionContext({ ...strangers, tenantId: tenant.id })).toBeNull();
    expect(await loadSessionContext({ ...users, tenantId: otherTenant.id })).toBeNull();
    expect(await loadSessionContext(strangers)).not.toBeNull();
  });

  it("ends after deactivation", async () => {
    await users.setUserActive(contextFor(admin), user.id, false);
    expect(await loadSessionContext(await claimsOf(user))).toBeNull();
    expect(await loadSessionContext(await claimsOf(user, 2))).toBeNull();
  });

  it("ends on sign-out: that session's token is refused (a copy of it too), the user's other sessions go on, and the sign-out is audited", async () => {
    const signedOut = await claimsOf(user);
    const elsewhere = await claimsOf(user);
    await recordSignOut({ ...contextFor(user), sessionId: signedOut.sessionId });
    expect(await loadSessionContext(signedOut)).toBeNull();
    expect(await loadSessionContext({ ...signedOut })).toBeNull();
    expect(await loadSessionContext(elsewhere)).not.toBeNull();
    // Signing out no longer bumps the session version.
    expect(await ownerQuery(`SELECT session_version FROM "user" WHERE id = $1`, [user.id])).toEqual([{ session_version: 1 }]);
    const audit = await ownerQuery(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action = 'auth.sign_out' AND entity_id = $2`, [tenant.id, user.id]);
    expect(audit).toHaveLength(1);
  });

  it("ends when the user sets a new password from a reset link, and the user's session rows are marked revoked", async () => {
    const before = await claimsOf(user);
    const { token } = await tenantTransaction(tenant.id, async (tx) => {
      await lockLinkUser(tx, tenant.id, user.id);
      return issueAccountToken(tx, { tenantId: tenant.id, userId: user.id, purpose: "RESET" });
    });
    await setPasswordWithLink({ tenantSlug: tenant.slug, token, password: "chosen-from-the-link", confirmPassword: "chosen-from-the-link" });
    expect(await loadSessionContext(before)).toBeNull();
    expect(await loadSessionContext(await claimsOf(user))).toBeNull();
    const live = await ownerQuery(`SELECT id FROM user_session WHERE user_id = $1 AND revoked_at IS NULL AND id = $2`, [user.id, before.sessionId]);
    expect(live).toEqual([]);
  });

  it("ends after the user changes their own password", async () => {
    await users.changeOwnPassword(contextFor(user), {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: "my-new-password-2026",
      confirmPassword: "my-new-password-2026",
    });
    expect(await loadSessionContext(await claimsOf(user))).toBeNull();
  });

  it("ends after a role change, but not after an edit that keeps the role", async () => {
    await users.updateUser(contextFor(admin), user.id, { name: "Anna Nowak-Kowalska", email: user.email, role: user.role });
    expect(await loadSessionContext(await claimsOf(user))).toMatchObject({ name: "Anna Nowak-Kowalska", role: "KEY_ADVISOR" });

    await users.updateUser(contextFor(admin), user.id, { name: "Anna Nowak-Kowalska", email: user.email, role: "AUDITOR" });
    expect(await loadSessionContext(await claimsOf(user))).toBeNull();
  });

  it("a session minted after the change works again (sign-in returns the new version)", async () => {
    await users.changeOwnPassword(contextFor(user), { currentPassword: DEFAULT_PASSWORD, newPassword: "my-new-password-2026", confirmPassword: "my-new-password-2026" });
    const signedIn = await attempt({ password: "my-new-password-2026" });
    expect(signedIn).toMatchObject({ kind: "signed_in", sessionVersion: 2 });
    if (signedIn?.kind !== "signed_in") throw new Error("not signed in");
    expect(await loadSessionContext({ userId: user.id, tenantId: tenant.id, sessionVersion: 2, sessionId: signedIn.sessionId })).toMatchObject({ userId: user.id });
    expect(await attempt()).toBeNull();
  });

  it("is one statement as the app role, under row-level security, and leaves no tenant set behind", async () => {
    const app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
    await app.connect();
    try {
      const { sessionId } = await claimsOf(user);
      const call = (tenantId: string) =>
        app.query(`SELECT id, role FROM app_session_user($1, $2, 1, $3)`, [tenantId, user.id, sessionId]).then((r) => r.rows);
      expect(await call(tenant.id)).toEqual([{ id: user.id, role: "KEY_ADVISOR" }]);
      const [after] = (await app.query(`SELECT current_user AS who, coalesce(current_setting('app.tenant_id', true), '') AS tenant`)).rows;
      expect(after).toEqual({ who: "owes_app", tenant: "" });

      // Inside a caller's tenant transaction the call neither sees nor changes another tenant.
      const otherTenant = await createTenant();
      await app.query("BEGIN");
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [otherTenant.id]);
      expect(await call(otherTenant.id)).toEqual([]);
      expect(await call(tenant.id)).toHaveLength(1);
      const [inside] = (await app.query(`SELECT current_setting('app.tenant_id', true) AS tenant`)).rows;
      await app.query("COMMIT");
      expect(inside).toEqual({ tenant: otherTenant.id });
    } finally {
      await app.end();
    }
  });
});
