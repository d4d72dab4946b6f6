import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import type { TRole } from "@/lib/auth/permissions";
import { revokeOtherSessions, revokeSession } from "@/lib/domain/sessions/own-sessions";
import { loadSessionContext } from "@/lib/domain/sessions/session";
import { signInWithPassword, signInWithSecondFactor, type TSignInResult } from "@/lib/domain/sessions/sign-in";
import { accountThrottleKey, THROTTLE } from "@/lib/domain/sessions/throttle";
import { issuePendingToken, PENDING_TOKEN_SECONDS } from "@/lib/domain/two-factor/pending-token";
import { mustEnrolTwoFactor } from "@/lib/domain/two-factor/policy";
import { getAccountSecurityPage } from "@/lib/domain/two-factor/security-page";
import { confirmTwoFactorSetup, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorSetup } from "@/lib/domain/two-factor/service";
import { TOTP, totpCode, totpStep } from "@/lib/domain/two-factor/totp";
import { updateTenantPolicy } from "@/lib/domain/tenancy/service";
import * as users from "@/lib/domain/users/service";
import { auditRows, contextFor, createTenant, createUser, DEFAULT_PASSWORD, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { createUserSession, sessionClaimsFor } from "@/tests/factories/sessions";

/**
 * Two-factor sign-in and the own session list (issue 17, item 6), against PostgreSQL: the second
 * factor's set-up, the code step of a sign-in throttled like passwords, recovery codes, the
 * tenant's policy, and sessions ended one by one or all but this one.
 */

const IP = "203.0.113.7";
const OTHER_IP = "198.51.100.23";
const UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

let tenant: TTenantRow;
/** The tenant's default policy requires a second factor of managers. */
let manager: TUserRow;
let advisor: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER", email: "kierownik@example.test" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", email: "doradca@example.test" });
});

/** The context of a request in a new session of `user` (its row exists, as after a password sign-in). */
async function sessionCtx(user: TUserRow, ip = IP): Promise<TContext & { sessionId: string }> {
  return { ...contextFor(user), sessionId: await createUserSession(user), ip };
}

/** Sets up the second factor for `user` in a session of theirs: the secret (plain) and the recovery codes. */
async function enrol(user: TUserRow) {
  const ctx = await sessionCtx(user);
  const setup = await startTwoFactorSetup(ctx);
  const secret = setup.secret.replace(/\s/g, "");
  const setupCode = totpCode(secret);
  const { recoveryCodes } = await confirmTwoFactorSetup(ctx, { code: setupCode });
  return { ctx, secret, recoveryCodes, setupCode };
}

/** A code of a later time step than any used so far (the set-up used the current one): what the app shows next. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + TOTP.stepSeconds * 1000);

/** A six-digit code that is none of the codes the window accepts now. */
function wrongCode(secret: string): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((steps) => totpCode(secret, Date.now() + steps * TOTP.stepSeconds * 1000)));
  const wrong = ["000000", "111111", "222222", "333333", "444444", "555555"].find((code) => !valid.has(code));
  if (!wrong) throw new Error("no wrong code");
  return wrong;
}

function passwordStep(user: TUserRow, ip = IP) {
  return signInWithPassword({ tenantSlug: tenant.slug, email: user.email, password: DEFAULT_PASSWORD, ip, userAgent: UA });
}

function pendingTokenOf(result: TSignInResult | null): string {
  if (result?.kind !== "code_required") throw new Error(`expected the code step, got ${JSON.stringify(result)}`);
  return result.pendingToken;
}

function codeStep(pendingToken: string, code: string, ip = IP) {
  return signInWithSecondFactor({ pendingToken, code, ip, userAgent: UA });
}

async function failureReasons(): Promise<string[]> {
  return (await auditRows(tenant.id)).filter((r) => r.action === "auth.sign_in_failed").map((r) => String(r.after?.reason));
}

const sessionRows = (userId: string) =>
  ownerQuery<{ id: string; two_factor: boolean; revoked: boolean }>(
    `SELECT id, two_factor, revoked_at IS NOT NULL AS revoked FROM user_session WHERE user_id = $1 ORDER BY created_at, id`,
    [userId],
  );

describe("setting up the second factor", () => {
  it("stores a new secret encrypted and not yet in use, then turns it on with a right code: ten recovery codes, this session two-factor, the others ended", async () => {
    const elsewhere = await sessionClaimsFor(manager);
    const ctx = await sessionCtx(manager);

    const setup = await startTwoFactorSetup(ctx);
    const secret = setup.secret.replace(/\s/g, "");
    expect(setup.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(setup.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(new URL(setup.otpauthUri).searchParams.get("issuer")).toBe(`OWES – ${tenant.name}`);
    const [stored] = await ownerQuery<{ totp_secret: string; totp_enabled_at: Date | null }>(`SELECT totp_secret, totp_enabled_at FROM "user" WHERE id = $1`, [
      manager.id,
    ]);
    expect(stored?.totp_enabled_at).toBeNull();
    expect(stored?.totp_secret).toMatch(/^v1:/);
    expect(stored?.totp_secret).not.toContain(secret);

    expect((await appErrorOf(confirmTwoFactorSetup(ctx, { code: wrongCode(secret) }))).fieldErrors).toEqual({ code: "twoFactorCodeInvalid" });
    expect((await appErrorOf(confirmTwoFactorSetup(ctx, { code: "12345" }))).fieldErrors).toEqual({ code: "twoFactorCodeFormat" });
    expect(await ownerQuery(`SELECT totp_enabled_at FROM "user" WHERE id = $1`, [manager.id])).toEqual([{ totp_enabled_at: null }]);

    const { recoveryCodes } = await confirmTwoFactorSetup(ctx, { code: totpCode(secret) });

    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
    const [enabled] = await ownerQuery<{ on: boolean }>(`SELECT totp_enabled_at IS NOT NULL AS on FROM "user" WHERE id = $1`, [manager.id]);
    expect(enabled?.on).toBe(true);
    const rows = await sessionRows(manager.id);
    expect(rows.find((r) => r.id === ctx.sessionId)).toMatchObject({ two_factor: true, revoked: false });
    expect(rows.find((r) => r.id === elsewhere.sessionId)).toMatchObject({ revoked: true });
    expect(await loadSessionContext(elsewhere)).toBeNull();
    expect((await auditRows(tenant.id)).map((r) => ({ action: r.action, after: r.after }))).toEqual([
      { action: "auth.two_factor_enabled", after: { sessionsEnded: 1 } },
      { action: "auth.recovery_codes_generated", after: { recoveryCodes: 10 } },
    ]);
  });

  it("stores the recovery codes only as hashes: no table holds a code in clear", async () => {
    const { recoveryCodes } = await enrol(manager);
    const stored = await ownerQuery<{ code_hash: string; used_at: Date | null; row: string }>(
      `SELECT code_hash, used_at, to_jsonb(r)::text AS row FROM recovery_code r WHERE user_id = $1`,
      [manager.id],
    );
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.used_at).toBeNull();
    }
    const everything = JSON.stringify([stored, await auditRows(tenant.id)]);
    for (const code of recoveryCodes) {
      expect(everything).not.toContain(code);
      expect(everything).not.toContain(code.replace("-", ""));
    }
  });

  it("refuses the same app code twice (replay): a code once accepted opens nothing again", async () => {
    const { secret, setupCode } = await enrol(manager);
    // The set-up's code is spent: at sign-in it is wrong.
    expect(await codeStep(pendingTokenOf(await passwordStep(manager)), setupCode)).toBeNull();
    const code = nextCode(secret);
    expect(await codeStep(pendingTokenOf(await passwordStep(manager)), code)).toMatchObject({ kind: "signed_in" });
    expect(await codeStep(pendingTokenOf(await passwordStep(manager)), code)).toBeNull();
    expect(await failureReasons()).toEqual(["wrong_code", "wrong_code"]);
  });

  it("cannot start again once on, nor confirm without having started", async () => {
    const ctx = await sessionCtx(advisor);
    expect((await appErrorOf(confirmTwoFactorSetup(ctx, { code: "123456" }))).code).toBe("CONFLICT");
    await enrol(manager);
    expect((await appErrorOf(startTwoFactorSetup(await sessionCtx(manager)))).code).toBe("CONFLICT");
  });
});

describe("signing in with a second factor", () => {
  it("asks for the code after the right password (no session yet), then signs in with it: a two-factor session, audited", async () => {
    const { secret } = await enrol(manager);
    const before = await sessionRows(manager.id);

    const first = await passwordStep(manager);
    const token = pendingTokenOf(first);
    expect(token).not.toContain(DEFAULT_PASSWORD);
    expect(await sessionRows(manager.id)).toEqual(before);
    // The password alone, again, is only the first step.
    expect((await passwordStep(manager))?.kind).toBe("code_required");

    const signedIn = await codeStep(token, nextCode(secret));
    expect(signedIn).toMatchObject({ kind: "signed_in", id: manager.id, role: "MANAGER", sessionId: expect.any(String) });
    if (signedIn?.kind !== "signed_in") throw new Error("not signed in");
    const rows = await sessionRows(manager.id);
    expect(rows.find((r) => r.id === signedIn.sessionId)).toEqual({ id: signedIn.sessionId, two_factor: true, revoked: false });
    const view = await loadSessionContext({ userId: manager.id, tenantId: tenant.id, sessionVersion: 1, sessionId: signedIn.sessionId });
    expect(view).toMatchObject({ twoFactorEnabled: true, twoFactorRequired: true, sessionTwoFactor: true });
    expect(view && mustEnrolTwoFactor(view)).toBe(false);
    const signIns = (await auditRows(tenant.id)).filter((r) => r.action === "auth.sign_in");
    expect(signIns.map((r) => r.after)).toEqual([{ ip: IP, twoFactor: true }]);
  });

  it("signs in with a recovery code instead, once: it is marked used and audited", async () => {
    const { recoveryCodes } = await enrol(manager);
    const [code] = recoveryCodes;
    if (!code) throw new Error("setup");

    expect(await codeStep(pendingTokenOf(await passwordStep(manager)), ` ${code.toUpperCase()} `)).toMatchObject({ kind: "signed_in" });
    expect(await codeStep(pendingTokenOf(await passwordStep(manager)), code)).toBeNull();

    const [used] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1 AND used_at IS NOT NULL`, [manager.id]);
    expect(used?.n).toBe(1);
    const audit = await auditRows(tenant.id);
    expect(audit.filter((r) => r.action === "auth.recovery_code_used").map((r) => r.after)).toEqual([{ recoveryCodesLeft: 9 }]);
    expect(await failureReasons()).toEqual(["wrong_code"]);
  });

  it(`locks the account for that address after ${THROTTLE.maxFailures} wrong codes, like passwords: then even the right code (and password) is refused there`, async () => {
    const { secret } = await enrol(manager);
    const token = pendingTokenOf(await passwordStep(manager));
    for (let i = 0; i < THROTTLE.maxFailures; i++) expect(await codeStep(token, wrongCode(secret))).toBeNull();

    expect(await codeStep(token, nextCode(secret))).toBeNull();
    expect(await passwordStep(manager)).toBeNull();

    expect(await failureReasons()).toEqual([...Array<string>(THROTTLE.maxFailures).fill("wrong_code"), "locked", "locked"]);
    const perAddress = await ownerQuery<{ failures: number; locked: boolean }>(
      `SELECT failures, locked_until > now() AS locked FROM sign_in_throttle WHERE key NOT LIKE 'account:%'`,
    );
    expect(perAddress).toEqual([{ failures: THROTTLE.maxFailures, locked: true }]);
    // The account's own run counts every attempt checked: the password step and the wrong codes.
    const [account] = await ownerQuery<{ failures: number }>(`SELECT failures FROM sign_in_throttle WHERE key = $1`, [
      accountThrottleKey(tenant.slug, manager.email),
    ]);
    expect(account?.failures).toBe(1 + THROTTLE.maxFailures);
    expect((await auditRows(tenant.id)).some((r) => r.action === "auth.sign_in")).toBe(false);

    // Another address is not locked; the right code there signs in and clears the counts.
    const elsewhere = pendingTokenOf(await passwordStep(manager, OTHER_IP));
    expect(await codeStep(elsewhere, nextCode(secret), OTHER_IP)).toMatchObject({ kind: "signed_in" });
    expect(await ownerQuery(`SELECT key FROM sign_in_throttle WHERE key = $1`, [accountThrottleKey(tenant.slug, manager.email)])).toEqual([]);
  });

  it("does not let the right password between wrong codes reset their count", async () => {
    const { secret } = await enrol(manager);
    for (let i = 0; i < THROTTLE.maxFailures; i++) {
      expect(await codeStep(pendingTokenOf(await passwordStep(manager)), wrongCode(secret))).toBeNull();
    }
    expect(await passwordStep(manager)).toBeNull();
    expect((await failureReasons()).at(-1)).toBe("locked");
  });

  it("refuses a forged or altered pending token, writing nothing", async () => {
    const { secret } = await enrol(manager);
    const token = pendingTokenOf(await passwordStep(manager));
    const [payload, mac] = token.split(".");
    const body = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const otherUser = Buffer.from(JSON.stringify({ ...body, userId: advisor.id })).toString("base64url");
    const before = await auditRows(tenant.id);

    for (const forged of [`${otherUser}.${mac}`, `${payload}.${"A".repeat(mac?.length ?? 0)}`, String(payload), "", "x.y.z"]) {
      expect(await codeStep(forged, nextCode(secret)), forged).toBeNull();
    }
    expect(await auditRows(tenant.id)).toEqual(before);
    expect(await ownerQuery(`SELECT key FROM sign_in_throttle WHERE failures > 0 AND key NOT LIKE 'account:%'`)).toEqual([]);
  });

  it(`refuses an expired pending token (older than ${PENDING_TOKEN_SECONDS / 60} minutes), and one issued before the password changed`, async () => {
    const { secret } = await enrol(manager);
    const pending = { userId: manager.id, tenantId: tenant.id, tenantSlug: tenant.slug, email: manager.email, sessionVersion: 1 };
    const expired = issuePendingToken(pending, Date.now() - (PENDING_TOKEN_SECONDS + 1) * 1000);
    expect(await codeStep(expired, nextCode(secret))).toBeNull();

    const beforeChange = pendingTokenOf(await passwordStep(manager));
    await users.changeOwnPassword(contextFor(manager), {
      currentPassword: DEFAULT_PASSWORD,
      newPassword: "nowe-haslo-kierownika",
      confirmPassword: "nowe-haslo-kierownika",
    });
    expect(await codeStep(beforeChange, nextCode(secret))).toBeNull();

    expect(await failureReasons()).toEqual(["code_expired", "code_expired"]);
    expect(await ownerQuery(`SELECT id FROM user_session WHERE user_id = $1 AND revoked_at IS NULL`, [manager.id])).toEqual([]);
  });

  it("asks an account without a second factor for nothing more than the password", async () => {
    expect(await passwordStep(advisor)).toMatchObject({ kind: "signed_in", id: advisor.id });
  });
});

describe("the tenant's policy", () => {
  it("flags a user whose role requires a second factor until this session has one; other roles never", async () => {
    const managerCtx = await sessionCtx(manager);
    const managerView = await loadSessionContext({ userId: manager.id, tenantId: tenant.id, sessionVersion: 1, sessionId: managerCtx.sessionId });
    expect(managerView && mustEnrolTwoFactor(managerView)).toBe(true);
    const advisorClaims = await sessionClaimsFor(advisor);
    const advisorView = await loadSessionContext(advisorClaims);
    expect(advisorView && mustEnrolTwoFactor(advisorView)).toBe(false);

    const setup = await startTwoFactorSetup(managerCtx);
    await confirmTwoFactorSetup(managerCtx, { code: totpCode(setup.secret.replace(/\s/g, "")) });

    const after = await loadSessionContext({ userId: manager.id, tenantId: tenant.id, sessionVersion: 1, sessionId: managerCtx.sessionId });
    expect(after && mustEnrolTwoFactor(after)).toBe(false);
  });

  it("is the tenant's to change (tenant.policy.manage, audited): a role taken off the list is no longer flagged", async () => {
    const admin = await createUser(tenant, { role: "ADMIN" });
    const claims = await sessionClaimsFor(manager);

    await updateTenantPolicy(contextFor(admin), { maxClientsPerAdvisor: 15, twoFactorRoles: ["IOD", "ADMIN", "ADMIN"] });

    const view = await loadSessionContext(claims);
    expect(view && mustEnrolTwoFactor(view)).toBe(false);
    expect(await ownerQuery(`SELECT two_factor_roles::text[] AS roles FROM tenant WHERE id = $1`, [tenant.id])).toEqual([{ roles: ["ADMIN", "IOD"] }]);
    const [audit] = (await auditRows(tenant.id)).filter((r) => r.action === "tenant.policy_update");
    expect(audit).toMatchObject({ before: { twoFactorRoles: ["ADMIN", "MANAGER", "IOD"] }, after: { twoFactorRoles: ["ADMIN", "IOD"] } });
    expect((await appErrorOf(updateTenantPolicy(contextFor(admin), { maxClientsPerAdvisor: 15, twoFactorRoles: ["NOBODY" as TRole] }))).code).toBe(
      "VALIDATION_FAILED",
    );
  });

  it("refuses to switch the second factor off while the policy requires it of the role", async () => {
    const { ctx, secret } = await enrol(manager);
    const error = await appErrorOf(disableTwoFactor(ctx, { password: DEFAULT_PASSWORD, code: nextCode(secret) }));
    expect(error.code).toBe("TWO_FACTOR_REQUIRED");
    expect(await ownerQuery(`SELECT totp_enabled_at IS NOT NULL AS on FROM "user" WHERE id = $1`, [manager.id])).toEqual([{ on: true }]);
  });
});

describe("recovery codes and switching off", () => {
  it("renews the recovery codes for a current app code: the old ones stop working", async () => {
    const { ctx, secret, recoveryCodes: old } = await enrol(advisor);
    expect((await appErrorOf(regenerateRecoveryCodes(ctx, { code: wrongCode(secret) }))).fieldErrors).toEqual({ code: "twoFactorCodeInvalid" });
    // A recovery code does not renew the codes: only the app does.
    expect((await appErrorOf(regenerateRecoveryCodes(ctx, { code: old[0] ?? "" }))).code).toBe("VALIDATION_FAILED");

    const { recoveryCodes } = await regenerateRecoveryCodes(ctx, { code: nextCode(secret) });

    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((code) => old.includes(code))).toBe(false);
    expect(await codeStep(pendingTokenOf(await passwordStep(advisor)), old[0] ?? "")).toBeNull();
    expect(await codeStep(pendingTokenOf(await passwordStep(advisor)), recoveryCodes[0] ?? "")).toMatchObject({ kind: "signed_in" });
  });

  it("switches off for the password and a code (a recovery code will do); the secret and the codes are gone", async () => {
    const { ctx, secret, recoveryCodes } = await enrol(advisor);
    expect((await appErrorOf(disableTwoFactor(ctx, { password: "not-the-password", code: nextCode(secret) }))).code).toBe("INVALID_CURRENT_PASSWORD");
    expect((await appErrorOf(disableTwoFactor(ctx, { password: DEFAULT_PASSWORD, code: wrongCode(secret) }))).fieldErrors).toEqual({
      code: "twoFactorCodeInvalid",
    });

    await disableTwoFactor(ctx, { password: DEFAULT_PASSWORD, code: recoveryCodes[3] ?? "" });

    expect(await ownerQuery(`SELECT totp_secret, totp_enabled_at, totp_last_step FROM "user" WHERE id = $1`, [advisor.id])).toEqual([
      { totp_secret: null, totp_enabled_at: null, totp_last_step: null },
    ]);
    expect(await ownerQuery(`SELECT id FROM recovery_code WHERE user_id = $1`, [advisor.id])).toEqual([]);
    expect((await auditRows(tenant.id)).at(-1)).toMatchObject({ action: "auth.two_factor_disabled", entity_id: advisor.id });
    expect(await passwordStep(advisor)).toMatchObject({ kind: "signed_in" });
  });

  it(`counts wrong codes here like at sign-in: after ${THROTTLE.maxFailures}, even the right code is refused from that address`, async () => {
    const { ctx, secret } = await enrol(advisor);
    for (let i = 0; i < THROTTLE.maxFailures; i++) await appErrorOf(regenerateRecoveryCodes(ctx, { code: wrongCode(secret) }));
    expect((await appErrorOf(regenerateRecoveryCodes(ctx, { code: nextCode(secret) }))).fieldErrors).toEqual({ code: "twoFactorTooManyAttempts" });
    // The same lock as the sign-in's: the code step from that address is refused too.
    const token = issuePendingToken({ userId: advisor.id, tenantId: tenant.id, tenantSlug: tenant.slug, email: advisor.email, sessionVersion: 1 });
    expect(await codeStep(token, nextCode(secret))).toBeNull();
    expect((await failureReasons()).at(-1)).toBe("locked");
  });
});

describe("the own session list", () => {
  it("lists the caller's live sessions — this one first and marked, device and address — but not revoked, expired, idle or other users' ones", async () => {
    const ctx = await sessionCtx(advisor);
    await ownerQuery(`UPDATE user_session SET user_agent = $2 WHERE id = $1`, [ctx.sessionId, UA]);
    const phone = await createUserSession(advisor, {
      ageMinutes: 60,
      lastSeenMinutesAgo: 2,
      ip: OTHER_IP,
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    });
    await createUserSession(advisor, { revoked: true });
    await createUserSession(advisor, { ageMinutes: 8 * 60 + 1, lastSeenMinutesAgo: 1 });
    await createUserSession(advisor, { ageMinutes: 120, lastSeenMinutesAgo: 36 });
    await createUserSession(manager);

    const page = await getAccountSecurityPage(ctx);

    expect(page.sessions.map((s) => ({ id: s.id, current: s.current, device: s.device, ip: s.ip }))).toEqual([
      { id: ctx.sessionId, current: true, device: { browser: "Chrome", system: "Windows" }, ip: "203.0.113.7" },
      { id: phone, current: false, device: { browser: "Safari", system: "iOS" }, ip: OTHER_IP },
    ]);
    expect(page.twoFactor).toEqual({ enabled: false, enabledAt: null, required: false, recoveryCodesLeft: 0 });
  });

  it("signs out the other sessions: their tokens are refused, this one goes on; audited with the count", async () => {
    const ctx = await sessionCtx(advisor);
    const others = [await sessionClaimsFor(advisor), await sessionClaimsFor(advisor)];
    const someoneElse = await sessionClaimsFor(manager);

    expect(await revokeOtherSessions(ctx)).toEqual({ sessionsEnded: 2 });

    for (const claims of others) expect(await loadSessionContext(claims)).toBeNull();
    expect(await loadSessionContext({ userId: advisor.id, tenantId: tenant.id, sessionVersion: 1, sessionId: ctx.sessionId })).not.toBeNull();
    expect(await loadSessionContext(someoneElse)).not.toBeNull();
    expect((await auditRows(tenant.id)).map((r) => ({ action: r.action, actor: r.actor_id, after: r.after }))).toEqual([
      { action: "auth.sessions_revoked", actor: advisor.id, after: { sessionsEnded: 2 } },
    ]);
    expect((await getAccountSecurityPage(ctx)).sessions.map((s) => s.id)).toEqual([ctx.sessionId]);
  });

  it("signs out one other session of the caller's own; another user's or another tenant's session answers NOT_FOUND like a missing one, and nothing changes", async () => {
    const ctx = await sessionCtx(advisor);
    const mine = await createUserSession(advisor);
    const colleagues = await createUserSession(manager);
    const otherTenant = await createTenant();
    const stranger = await createUser(otherTenant, { email: advisor.email });
    const strangers = await createUserSession(stranger);

    const missing = await appErrorOf(revokeSession(ctx, randomUUID()));
    for (const id of [colleagues, strangers, "not-a-uuid"]) {
      const error = await appErrorOf(revokeSession(ctx, id));
      expect({ code: error.code, message: error.message }, id).toEqual({ code: missing.code, message: missing.message });
    }
    expect(missing.code).toBe("NOT_FOUND");
    expect(await ownerQuery(`SELECT id FROM user_session WHERE revoked_at IS NOT NULL`)).toEqual([]);

    expect(await revokeSession(ctx, mine)).toEqual({ id: mine });
    expect(await ownerQuery(`SELECT id FROM user_session WHERE revoked_at IS NOT NULL`)).toEqual([{ id: mine }]);
    expect((await appErrorOf(revokeSession(ctx, mine))).code).toBe("NOT_FOUND");
  });
});

describe("permission first", () => {
  it("refuses a role without account.manage_own before looking anything up, whatever the id", async () => {
    // Every role holds account.manage_own; an unknown role holds nothing (permissions fail closed).
    const ctx = { ...(await sessionCtx(advisor)), role: "NOBODY" as TRole };
    const own = await createUserSession(advisor);
    const calls = [
      () => revokeSession(ctx, own),
      () => revokeSession(ctx, randomUUID()),
      () => revokeSession(ctx, "not-a-uuid"),
      () => revokeOtherSessions(ctx),
      () => getAccountSecurityPage(ctx),
      () => startTwoFactorSetup(ctx),
      () => confirmTwoFactorSetup(ctx, { code: "123456" }),
      () => regenerateRecoveryCodes(ctx, { code: "123456" }),
      () => disableTwoFactor(ctx, { password: DEFAULT_PASSWORD, code: "123456" }),
    ];
    for (const call of calls) expect((await appErrorOf(call())).code).toBe("FORBIDDEN");
    expect(await ownerQuery(`SELECT id FROM user_session WHERE revoked_at IS NOT NULL`)).toEqual([]);
    expect(await ownerQuery(`SELECT totp_secret FROM "user" WHERE id = $1`, [advisor.id])).toEqual([{ totp_secret: null }]);
    expect((await auditRows(tenant.id)).map((r) => r.action)).toEqual(Array.from({ length: calls.length }, () => "auth.forbidden"));
  });
});

describe("the time step", () => {
  it("is stored when a code is used, so the set-up's code is the last one accepted", async () => {
    const before = totpStep(Date.now());
    await enrol(advisor);
    const [row] = await ownerQuery<{ step: number }>(`SELECT totp_last_step AS step FROM "user" WHERE id = $1`, [advisor.id]);
    expect(row?.step).toBeGreaterThanOrEqual(before - 1);
    expect(row?.step).toBeLessThanOrEqual(totpStep(Date.now()) + 1);
  });
});
