import { createHash, randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";
import { startMailCatcher, type CaughtMail } from "@/scripts/lib/mail-catcher.mjs";
import { auditRows, contextFor, createTenant, createUser, DEFAULT_PASSWORD, ownerPool, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { sessionClaimsFor } from "@/tests/factories/sessions";
import { appErrorOf } from "@/tests/factories/assertions";
import { waitForLockWaiter } from "@/tests/factories/db";
import { eventually } from "./email-support";

/**
 * Issue 15, accounts by e-mail (lib/domain/accounts): invitation and reset links through a real
 * SMTP server started here (scripts/lib/mail-catcher.mjs) and the real worker (pg-boss), the link
 * read from the caught e-mail as its reader would. Time is moved by the owner (a link's row made
 * older), never waited for.
 */

// lib/env.ts reads the environment once, when first imported: the SMTP address must be set first.
const catcher = await startMailCatcher({ port: 0 });
process.env.SMTP_URL = catcher.url;
const { env } = await import("@/lib/env");
const { pool } = await import("@/lib/db/client");
const { sendAccountLink } = await import("@/lib/domain/accounts/invite");
const { requestPasswordReset } = await import("@/lib/domain/accounts/reset");
const { handleAccountEmailJob } = await import("@/lib/domain/accounts/send-account-email");
const { getSetPasswordPage, setPasswordWithLink } = await import("@/lib/domain/accounts/set-password");
const { loadSessionContext } = await import("@/lib/domain/sessions/session");
const { signInWithPassword } = await import("@/lib/domain/sessions/sign-in");
const { THROTTLE } = await import("@/lib/domain/sessions/throttle");
const users = await import("@/lib/domain/users/service");
const { QUEUES } = await import("@/lib/jobs/queues");
const { startWorker } = await import("@/lib/jobs/worker");
const { appLink } = await import("@/lib/mail/render");
// Imports the app's session code (and with it lib/env.ts): after SMTP_URL too.
const { recordStatements } = await import("@/tests/support/statement-counter");

const running: { stop: () => Promise<void> }[] = [];

/** The real worker, on the account e-mail queue only. */
async function worker() {
  const started = await startWorker({ pool, pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, schedule: false, queues: [QUEUES.accountEmail] });
  running.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
  catcher.clear();
});

afterAll(async () => {
  await catcher.close();
});

it("the app sends through the SMTP server this test started", () => {
  expect(env.SMTP_URL).toBe(catcher.url);
});

const IP = "203.0.113.7";
const NEW_PASSWORD = "my-own-new-password-2026";
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** The next e-mail to `email` that arrived after the ones already counted in `seen`. */
function mailTo(email: string, seen = 0): Promise<CaughtMail> {
  return catcher.waitFor((m) => m.to.includes(email) && m.id > seen);
}

/** The newest caught message's id: mail before it is "seen". */
const lastMailId = () => catcher.messages.reduce((max, m) => Math.max(max, m.id), 0);

/** The link in the plain-text part, as a reader copies it, with its tenant and token. */
function linkIn(mail: CaughtMail): { url: string; tenantSlug: string; token: string } {
  const found = mail.text.match(/https?:\/\/\S+\/set-password\?tenant=([^&\s]+)&token=([A-Za-z0-9_-]+)/);
  if (!found?.[1] || !found[2]) throw new Error(`No set-password link in the e-mail:\n${mail.text}`);
  return { url: found[0], tenantSlug: decodeURIComponent(found[1]), token: found[2] };
}

function setWithLink(link: { tenantSlug: string; token: string }, password = NEW_PASSWORD, ip = IP) {
  return setPasswordWithLink({ tenantSlug: link.tenantSlug, token: link.token, password, confirmPassword: password, ip });
}

function signIn(tenant: TTenantRow, email: string, password: string, ip = IP) {
  return signInWithPassword({ tenantSlug: tenant.slug, email, password, ip });
}

const session = async (user: TUserRow, sessionVersion = user.sessionVersion) => loadSessionContext(await sessionClaimsFor(user, sessionVersion));

type TTokenRow = { user_id: string; purpose: string; token_hash: string; expires_at: Date; used_at: Date | null; created_at: Date; row: string };

function tokenRows(tenantId: string): Promise<TTokenRow[]> {
  return ownerQuery<TTokenRow>(
    `SELECT user_id, purpose::text AS purpose, token_hash, expires_at, used_at, created_at, to_jsonb(t)::text AS row FROM account_token t WHERE tenant_id = $1 ORDER BY created_at`,
    [tenantId],
  );
}

type TJobRow = { data: { tenantId: string | null; userId: string | null; purpose: string }; state: string; created_on?: Date };

/** The account e-mail jobs of a tenant (null: of no tenant), wherever pg-boss keeps them. */
function accountJobs(tenantId: string | null): Promise<TJobRow[]> {
  return ownerQuery<TJobRow>(
    `SELECT data, state::text AS state, created_on FROM pgboss.job WHERE name = 'account.email' AND data->>'tenantId' IS NOT DISTINCT FROM $1::text
     UNION ALL SELECT data, state::text, created_on FROM pgboss.archive WHERE name = 'account.email' AND data->>'tenantId' IS NOT DISTINCT FROM $1::text
     ORDER BY created_on`,
    [tenantId],
  );
}

const allDone = (jobs: TJobRow[]) => jobs.every((j) => j.state === "completed");

/** Moves a user's links back in time by `minutes`, as if they had been sent that long ago. */
async function ageLinks(userId: string, minutes: number) {
  await ownerQuery(
    `UPDATE account_token SET created_at = created_at - make_interval(mins => $2), expires_at = expires_at - make_interval(mins => $2) WHERE user_id = $1`,
    [userId, minutes],
  );
}

async function resetLinkFor(tenant: TTenantRow, user: TUserRow, ip = IP) {
  const seen = lastMailId();
  await requestPasswordReset({ tenantSlug: tenant.slug, email: user.email, ip });
  return linkIn(await mailTo(user.email, seen));
}

describe("a reset link", () => {
  it("comes by e-mail, works once, sets the password and ends the user's other sessions", async () => {
    const tenant = await createTenant({ name: "OWES Kielce" });
    const user = await createUser(tenant, { name: "Anna Nowak" });
    await worker();
    expect(await session(user)).not.toBeNull();

    await requestPasswordReset({ tenantSlug: ` ${tenant.slug.toUpperCase()} `, email: ` ${user.email.toUpperCase()}`, ip: IP, requestId: "req-forgot" });
    const mail = await mailTo(user.email);

    expect(mail.subject).toBe(pl.mail.account.reset.subject);
    expect(mail.text).toContain("Dzień dobry, Anna Nowak!");
    expect(mail.text).toContain("30 minut");
    expect(mail.text).toContain("OWES Kielce");
    expect(mail.html).toContain('lang="pl"');
    const link = linkIn(mail);
    expect(link.url.startsWith(appLink("/set-password?"))).toBe(true);
    expect(link.tenantSlug).toBe(tenant.slug);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await getSetPasswordPage(link)).toEqual({ usable: true, purpose: "RESET", email: user.email, tenantSlug: tenant.slug });

    expect(await setWithLink(link)).toEqual({ tenantSlug: tenant.slug, email: user.email });

    // Every session minted before is refused; the new password signs in, the old one no longer.
    expect(await session(user)).toBeNull();
    expect(await signIn(tenant, user.email, DEFAULT_PASSWORD)).toBeNull();
    const signedIn = await signIn(tenant, user.email, NEW_PASSWORD);
    expect(signedIn).toMatchObject({ id: user.id, sessionVersion: user.sessionVersion + 1 });
    const [stored] = await ownerQuery<{ password_set_at: Date | null }>(`SELECT password_set_at FROM "user" WHERE id = $1`, [user.id]);
    expect(stored?.password_set_at).toBeInstanceOf(Date);

    // Once: the second use is refused and changes nothing.
    const again = await appErrorOf(setWithLink(link, "another-password-2026"));
    expect(again.code).toBe("ACCOUNT_LINK_INVALID");
    expect(await getSetPasswordPage(link)).toEqual({ usable: false, tenantSlug: tenant.slug });
    expect(await signIn(tenant, user.email, "another-password-2026")).toBeNull();

    const trail = (await auditRows(tenant.id)).filter((r) => r.action.startsWith("account."));
    expect(trail.map((r) => ({ action: r.action, actor: r.actor_id, entity: r.entity_id, after: r.after }))).toEqual([
      { action: "account.reset_requested", actor: null, entity: user.id, after: { ip: IP } },
      { action: "account.reset_completed", actor: user.id, entity: user.id, after: { passwordChanged: true } },
    ]);
    expect(trail[0]?.request_id).toBe("req-forgot");
  });

  it("is stored only as its hash: the token from the e-mail is in no table row and no job", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await worker();
    const { token } = await resetLinkFor(tenant, user);
    await eventually(() => accountJobs(tenant.id), allDone);

    const rows = await tokenRows(tenant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(sha256(token));
    expect(rows[0]?.row).not.toContain(token);
    const anywhere = await ownerQuery<{ n: number }>(
      `SELECT (SELECT count(*) FROM pgboss.job WHERE strpos(data::text, $1) > 0)::int
            + (SELECT count(*) FROM pgboss.archive WHERE strpos(data::text, $1) > 0)::int
            + (SELECT count(*) FROM audit_log a WHERE strpos(to_jsonb(a)::text, $1) > 0)::int AS n`,
      [token],
    );
    expect(anywhere[0]?.n).toBe(0);
    // Job data: ids only.
    const jobs = await accountJobs(tenant.id);
    expect(jobs.map((j) => j.data)).toEqual([{ tenantId: tenant.id, userId: user.id, purpose: "RESET" }]);
  });

  it("lasts 30 minutes: still usable a moment before, refused after", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await worker();
    const link = await resetLinkFor(tenant, user);
    const [row] = await tokenRows(tenant.id);
    expect((Number(row?.expires_at) - Number(row?.created_at)) / 60_000).toBeCloseTo(30, 1);

    await ageLinks(user.id, 29);
    expect(await getSetPasswordPage(link)).toMatchObject({ usable: true });
    await ageLinks(user.id, 1);
    expect(await getSetPasswordPage(link)).toEqual({ usable: false, tenantSlug: tenant.slug });
    expect((await appErrorOf(setWithLink(link))).code).toBe("ACCOUNT_LINK_INVALID");
    expect(await signIn(tenant, user.email, DEFAULT_PASSWORD)).not.toBeNull();
    expect(await signIn(tenant, user.email, NEW_PASSWORD)).toBeNull();
  });

  it("is voided by a newer one: only the last e-mail's link works", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await worker();
    const first = await resetLinkFor(tenant, user);
    const second = await resetLinkFor(tenant, user);
    expect(second.token).not.toBe(first.token);

    expect((await appErrorOf(setWithLink(first))).code).toBe("ACCOUNT_LINK_INVALID");
    await setWithLink(second);
    expect(await signIn(tenant, user.email, NEW_PASSWORD)).not.toBeNull();
  });

  it("used twice at once: exactly one use succeeds", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await worker();
    const link = await resetLinkFor(tenant, user);

    // Both uses wait on the user's row (held here) and then run one after the other: the second must find the link used.
    const blocker = await ownerPool().connect();
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      await blocker.query("BEGIN");
      await blocker.query(`SELECT id FROM "user" WHERE id = $1 FOR UPDATE`, [user.id]);
      const uses = Promise.allSettled([setWithLink(link, "first-racing-password"), setWithLink(link, "second-racing-password")]);
      await waitForLockWaiter({ role: "owes_app" });
      await blocker.query("COMMIT");
      outcomes = await uses;
    } finally {
      blocker.release();
    }

    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "ACCOUNT_LINK_INVALID" });
    const winner = outcomes[0]?.status === "fulfilled" ? "first-racing-password" : "second-racing-password";
    expect(await signIn(tenant, user.email, winner)).not.toBeNull();
    expect((await auditRows(tenant.id)).filter((r) => r.action === "account.reset_completed")).toHaveLength(1);
    const [stored] = await ownerQuery<{ session_version: number }>(`SELECT session_version FROM "user" WHERE id = $1`, [user.id]);
    expect(stored?.session_version).toBe(user.sessionVersion + 1);
  });

  it("does not open a deactivated account, and asks for the password rules before using the link", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await worker();
    const link = await resetLinkFor(tenant, user);

    // A password that breaks the rules leaves the link unused.
    const short = await appErrorOf(setPasswordWithLink({ ...link, password: "too-short", confirmPassword: "too-short" }));
    expect(short).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { password: "passwordTooShort" } });
    const differ = await appErrorOf(setPasswordWithLink({ ...link, password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }));
    expect(differ).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { confirmPassword: "passwordsDiffer" } });
    expect(await getSetPasswordPage(link)).toMatchObject({ usable: true });

    await ownerQuery(`UPDATE "user" SET active = false WHERE id = $1`, [user.id]);
    expect(await getSetPasswordPage(link)).toMatchObject({ usable: false });
    expect((await appErrorOf(setWithLink(link))).code).toBe("ACCOUNT_LINK_INVALID");
  });

  it("refuses malformed and made-up links before they reach an account", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await worker();
    const link = await resetLinkFor(tenant, user);
    for (const bad of [
      { tenantSlug: tenant.slug, token: "" },
      { tenantSlug: tenant.slug, token: `${link.token.slice(0, -1)}A` === link.token ? `${link.token.slice(0, -1)}B` : `${link.token.slice(0, -1)}A` },
      { tenantSlug: tenant.slug, token: `${link.token}' OR '1'='1` },
      { tenantSlug: "no-such-centre", token: link.token },
      { tenantSlug: "", token: link.token },
    ]) {
      expect(await getSetPasswordPage(bad), JSON.stringify(bad)).toMatchObject({ usable: false });
      expect((await appErrorOf(setWithLink(bad))).code, JSON.stringify(bad)).toBe("ACCOUNT_LINK_INVALID");
    }
    expect(await getSetPasswordPage(link)).toMatchObject({ usable: true });
  });
});

describe("forgot password for an address without an account", () => {
  it("gets the same answer after the same statements, in the same timing class, and no e-mail", async () => {
    const tenant = await createTenant();
    const known = await createUser(tenant);
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const ask = (email: string, i: number) => requestPasswordReset({ tenantSlug: tenant.slug, email, ip: `198.51.100.${i}` });

    // The same statements, in the same order (values aside): the work does not depend on whether the address exists.
    const knownRun = await recordStatements(() => ask(known.email, 1));
    const unknownRun = await recordStatements(() => ask(unknownEmail, 2));
    expect(knownRun.result).toBeUndefined();
    expect(unknownRun.result).toBeUndefined();
    expect(unknownRun.statements).toEqual(knownRun.statements);
    expect(knownRun.statements.length).toBeGreaterThan(5);

    // And the time it takes: measured a few times each, interleaved; the medians within one order of magnitude.
    const timings: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 6; i++) {
      for (const [which, email] of [["known", known.email], ["unknown", unknownEmail]] as const) {
        const started = performance.now();
        await ask(email, 10 + i);
        timings[which].push(performance.now() - started);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const [fast, slow] = [median(timings.known), median(timings.unknown)].sort((a, b) => a - b);
    expect(slow ?? Infinity, JSON.stringify(timings)).toBeLessThan((fast ?? 0) * 10);

    // One job each; only the known address gets an e-mail.
    const jobs = await accountJobs(tenant.id);
    expect(jobs).toHaveLength(14);
    expect(jobs.filter((j) => j.data.userId === known.id)).toHaveLength(7);
    expect(jobs.filter((j) => j.data.userId === null)).toHaveLength(7);
    await worker();
    await eventually(() => accountJobs(tenant.id), allDone);
    expect(catcher.messages.flatMap((m) => m.to)).toEqual(Array(7).fill(known.email));
    expect(await tokenRows(tenant.id)).toHaveLength(7);

    const reasons = (await auditRows(tenant.id)).filter((r) => r.action === "account.reset_request_failed").map((r) => r.after);
    expect(reasons).toHaveLength(7);
    expect(reasons[0]).toEqual({ email: unknownEmail, reason: "unknown_account", ip: "198.51.100.2" });
  });

  it("an unknown centre queues a job of no tenant and writes no tenant's trail", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await requestPasswordReset({ tenantSlug: "no-such-centre", email: user.email, ip: IP });
    expect((await accountJobs(null)).map((j) => j.data)).toEqual([{ tenantId: null, userId: null, purpose: "RESET" }]);
    expect(await auditRows(tenant.id)).toEqual([]);
    await worker();
    await eventually(() => accountJobs(null), allDone);
    expect(catcher.messages).toEqual([]);
  });

  it("an inactive account gets no link (the request is audited as such)", async () => {
    const tenant = await createTenant();
    const inactive = await createUser(tenant, { active: false });
    await requestPasswordReset({ tenantSlug: tenant.slug, email: inactive.email, ip: IP });
    expect((await accountJobs(tenant.id)).map((j) => j.data.userId)).toEqual([null]);
    const [row] = (await auditRows(tenant.id)).filter((r) => r.action === "account.reset_request_failed");
    expect(row?.after).toEqual({ email: inactive.email, reason: "inactive", ip: IP });
    expect(row?.entity_id).toBe(inactive.id);
  });
});

describe("forgot-password throttling", () => {
  it(`after ${THROTTLE.maxFailures} requests for one account from one address, further ones send nothing for a while; the sign-in is not locked by them`, async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    for (let i = 0; i < THROTTLE.maxFailures + 2; i++) await requestPasswordReset({ tenantSlug: tenant.slug, email: user.email, ip: IP });

    const jobs = await accountJobs(tenant.id);
    expect(jobs.map((j) => j.data.userId)).toEqual([...Array<string>(THROTTLE.maxFailures).fill(user.id), null, null]);
    const failures = (await auditRows(tenant.id)).filter((r) => r.action === "account.reset_request_failed").map((r) => r.after?.reason);
    expect(failures).toEqual(["locked", "locked"]);

    // Another address still gets a link; the sign-in has its own budget.
    await requestPasswordReset({ tenantSlug: tenant.slug, email: user.email, ip: "198.51.100.99" });
    expect((await accountJobs(tenant.id)).filter((j) => j.data.userId === user.id)).toHaveLength(THROTTLE.maxFailures + 1);
    expect(await signIn(tenant, user.email, DEFAULT_PASSWORD)).not.toBeNull();
  });

  it("an account asked for from many addresses waits too (the per-account limit), exactly like an unknown one", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const ghost = `ghost-${randomUUID().slice(0, 8)}@example.test`;
    for (let i = 0; i < 11; i++) {
      await requestPasswordReset({ tenantSlug: tenant.slug, email: user.email, ip: `198.51.100.${i}` });
      await requestPasswordReset({ tenantSlug: tenant.slug, email: ghost, ip: `198.51.100.${i}` });
    }
    const jobs = await accountJobs(tenant.id);
    expect(jobs.filter((j) => j.data.userId === user.id)).toHaveLength(10);
    const reasons = (await auditRows(tenant.id)).filter((r) => r.action === "account.reset_request_failed");
    expect(reasons.filter((r) => r.after?.email === user.email).map((r) => r.after?.reason)).toEqual(["account_delayed"]);
    expect(reasons.filter((r) => r.after?.email === ghost).map((r) => r.after?.reason)).toEqual([...Array<string>(10).fill("unknown_account"), "account_delayed"]);
  });

  it("a link used clears the account's counts: the owner can ask again and sign in at once", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await worker();
    const link = await resetLinkFor(tenant, user);
    for (let i = 1; i < THROTTLE.maxFailures; i++) await requestPasswordReset({ tenantSlug: tenant.slug, email: user.email, ip: IP });
    // Five wrong passwords lock the sign-in from this address too.
    for (let i = 0; i < THROTTLE.maxFailures; i++) await signIn(tenant, user.email, "a-wrong-password");
    expect(await signIn(tenant, user.email, DEFAULT_PASSWORD)).toBeNull();

    // The last link (the older ones were voided by each newer e-mail).
    await eventually(() => accountJobs(tenant.id), (jobs) => jobs.length === THROTTLE.maxFailures && allDone(jobs));
    const newest = linkIn(catcher.messages.filter((m) => m.to.includes(user.email)).at(-1) as CaughtMail);
    expect(newest.token).not.toBe(link.token);
    await setWithLink(newest);

    expect(await signIn(tenant, user.email, NEW_PASSWORD)).not.toBeNull();
    await requestPasswordReset({ tenantSlug: tenant.slug, email: user.email, ip: IP });
    expect((await accountJobs(tenant.id)).at(-1)?.data.userId ?? null).toBe(user.id);
  });
});

describe("an invitation", () => {
  async function setup() {
    const tenant = await createTenant({ name: "OWES Radom" });
    const admin = await createUser(tenant, { role: "ADMIN" });
    return { tenant, admin, ctx: contextFor(admin) };
  }

  it("is queued with the new user, lasts 72 hours, works once; the pending user cannot sign in until then", async () => {
    const { tenant, ctx } = await setup();
    await worker();
    const olga = await users.createUser(ctx, { name: "Olga Nowicka", email: "Olga.Nowicka@Example.test", role: "KEY_ADVISOR" });

    const [stored] = await ownerQuery<{ password_set_at: Date | null; password_hash: string }>(`SELECT password_set_at, password_hash FROM "user" WHERE id = $1`, [olga.id]);
    expect(stored?.password_set_at).toBeNull();
    expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
    expect((await users.getUser(ctx, olga.id)).passwordSetAt).toBeNull();

    const mail = await mailTo("olga.nowicka@example.test");
    expect(mail.subject).toBe("Zaproszenie do systemu OWES — OWES Radom");
    expect(mail.text).toContain("72 godziny");
    expect(mail.text).toContain(`„${tenant.slug}”`);
    const link = linkIn(mail);
    expect(await getSetPasswordPage(link)).toEqual({ usable: true, purpose: "INVITE", email: "olga.nowicka@example.test", tenantSlug: tenant.slug });
    const [row] = await tokenRows(tenant.id);
    expect(row).toMatchObject({ user_id: olga.id, purpose: "INVITE", token_hash: sha256(link.token) });
    expect((Number(row?.expires_at) - Number(row?.created_at)) / 3_600_000).toBeCloseTo(72, 3);

    // Pending: no password signs in (the stored one is random), answered like any wrong password.
    for (const guess of [DEFAULT_PASSWORD, "olga.nowicka@example.test", "Olga-Nowicka-2026"]) expect(await signIn(tenant, "olga.nowicka@example.test", guess)).toBeNull();
    expect((await auditRows(tenant.id)).filter((r) => r.action === "auth.sign_in_failed").map((r) => r.after?.reason)).toEqual([
      "wrong_password",
      "wrong_password",
      "wrong_password",
    ]);

    await ageLinks(olga.id, 71 * 60);
    await setWithLink(link);
    expect(await signIn(tenant, "olga.nowicka@example.test", NEW_PASSWORD)).toMatchObject({ id: olga.id });
    expect((await users.getUser(ctx, olga.id)).passwordSetAt).toBeInstanceOf(Date);
    expect((await appErrorOf(setWithLink(link, "again-and-again-2026"))).code).toBe("ACCOUNT_LINK_INVALID");

    const trail = (await auditRows(tenant.id)).filter((r) => r.action !== "auth.sign_in_failed" && r.action !== "auth.sign_in");
    expect(trail.map((r) => [r.action, r.actor_id])).toEqual([
      ["user.invite", ctx.userId],
      ["account.invite_accepted", olga.id],
    ]);
  });

  it("expires after 72 hours; sent again, the old link stops working and the new one works", async () => {
    const { tenant, ctx } = await setup();
    await worker();
    const olga = await users.createUser(ctx, { name: "Olga Nowicka", email: "olga@example.test", role: "SPECIALIST" });
    const first = linkIn(await mailTo(olga.email));
    await ageLinks(olga.id, 72 * 60);
    expect(await getSetPasswordPage(first)).toMatchObject({ usable: false });

    const seen = lastMailId();
    expect(await sendAccountLink(ctx, olga.id)).toEqual({ purpose: "INVITE", email: olga.email });
    const second = linkIn(await mailTo(olga.email, seen));
    expect(second.token).not.toBe(first.token);
    expect((await appErrorOf(setWithLink(first))).code).toBe("ACCOUNT_LINK_INVALID");

    // Sent again before the second was used: the second stops working.
    const seenAgain = lastMailId();
    await sendAccountLink(ctx, olga.id);
    const third = linkIn(await mailTo(olga.email, seenAgain));
    expect(await getSetPasswordPage(second)).toMatchObject({ usable: false });
    await setWithLink(third);
    expect(await signIn(tenant, olga.email, NEW_PASSWORD)).not.toBeNull();

    // Once the password is set, the admin's link is a reset link.
    const seenReset = lastMailId();
    expect(await sendAccountLink(ctx, olga.id)).toEqual({ purpose: "RESET", email: olga.email });
    expect((await mailTo(olga.email, seenReset)).subject).toBe(pl.mail.account.reset.subject);
    expect((await auditRows(tenant.id)).map((r) => r.action).filter((a) => a.startsWith("user."))).toEqual([
      "user.invite",
      "user.invite_resend",
      "user.invite_resend",
      "user.reset_link_sent",
    ]);
  });

  it("is not sent when the creation fails, and sends nothing once the password is set or the user deactivated", async () => {
    const { tenant, ctx, admin } = await setup();
    const error = await appErrorOf(users.createUser(ctx, { name: "Duplicate", email: admin.email, role: "KEY_ADVISOR" }));
    expect(error.code).toBe("ALREADY_EXISTS");
    expect(await accountJobs(tenant.id)).toEqual([]);

    const olga = await users.createUser(ctx, { name: "Olga", email: "olga@example.test", role: "KEY_ADVISOR" });
    const ewa = await users.createUser(ctx, { name: "Ewa", email: "ewa@example.test", role: "KEY_ADVISOR" });
    expect((await accountJobs(tenant.id)).map((j) => j.data.purpose)).toEqual(["INVITE", "INVITE"]);
    // Before the jobs run: Olga got her password another way, Ewa was deactivated.
    await ownerQuery(`UPDATE "user" SET password_set_at = now() WHERE id = $1`, [olga.id]);
    await users.setUserActive(ctx, ewa.id, false);
    expect((await appErrorOf(sendAccountLink(ctx, ewa.id))).code).toBe("INVALID_STATE");

    await worker();
    await eventually(() => accountJobs(tenant.id), (jobs) => jobs.length === 2 && allDone(jobs));
    expect(catcher.messages).toEqual([]);
    expect(await tokenRows(tenant.id)).toEqual([]);
  });

  it("comes in the user's language", async () => {
    const { tenant } = await setup();
    const user = await createUser(tenant, { name: "John Smith" });
    await ownerQuery(`UPDATE "user" SET locale = 'en', password_set_at = NULL WHERE id = $1`, [user.id]);
    await handleAccountEmailJob({ tenantId: tenant.id, userId: user.id, purpose: "INVITE" });
    const mail = await mailTo(user.email);
    expect(mail.subject).toBe(en.mail.account.invite.subject.replace("{tenantName}", "OWES Radom"));
    expect(mail.text).toContain("72 hours");
    expect(mail.html).toContain('lang="en"');
    expect(linkIn(mail).tenantSlug).toBe(tenant.slug);
  });
});

describe("other tenants", () => {
  it("are untouched: the same address elsewhere gets no link, keeps its sessions, and a link does not work under another centre", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const user = await createUser(tenant, { email: "same@example.test" });
    const twin = await createUser(other, { email: "same@example.test" });
    await worker();

    const link = await resetLinkFor(tenant, user);
    await eventually(() => accountJobs(tenant.id), allDone);
    expect(await tokenRows(other.id)).toEqual([]);
    expect(await accountJobs(other.id)).toEqual([]);
    expect(await auditRows(other.id)).toEqual([]);

    expect(await getSetPasswordPage({ tenantSlug: other.slug, token: link.token })).toEqual({ usable: false, tenantSlug: other.slug });
    expect((await appErrorOf(setWithLink({ tenantSlug: other.slug, token: link.token }))).code).toBe("ACCOUNT_LINK_INVALID");
    await setWithLink(link);

    expect(await session(twin)).not.toBeNull();
    expect(await signIn(other, twin.email, DEFAULT_PASSWORD)).not.toBeNull();
    expect(await signIn(other, twin.email, NEW_PASSWORD)).toBeNull();
    expect((await auditRows(other.id)).map((r) => r.action)).toEqual(["auth.sign_in", "auth.sign_in_failed"]); // its own sign-ins only
  });

  it("cannot be sent a link by this tenant's admin (a foreign user is not found)", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const admin = await createUser(tenant, { role: "ADMIN" });
    const foreign = await createUser(other);
    expect((await appErrorOf(sendAccountLink(contextFor(admin), foreign.id))).code).toBe("NOT_FOUND");
    expect(await accountJobs(other.id)).toEqual([]);
    expect(await accountJobs(tenant.id)).toEqual([]);
  });
});
