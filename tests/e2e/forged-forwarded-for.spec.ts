import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Sign-in throttling keys on the client address, which `next start` takes from the client's own
 * X-Forwarded-For. Served by scripts/server.mjs, the header is rebuilt from the socket (and the
 * entries of TRUSTED_PROXY_COUNT proxies, 0 here), so a browser that forges it on every request
 * still signs in from the address it connects from: 127.0.0.1, as playwright.config.ts's baseURL
 * is on the loopback address. Every attempt is read back from the audit trail, with the address the
 * app counted it against.
 */
const SOCKET_ADDRESS = "127.0.0.1";
const TENANT = "sowes";
const PASSWORD = "Forged-XFF-e2e-2026";

type TAccount = { tenant: string; email: string };

/** An active account of the demo tenant nobody else signs in with, so its throttle is its own. */
async function createAccount(label: string): Promise<TAccount> {
  const email = `xff-${label}-${randomUUID().slice(0, 8)}@sowes.example.pl`;
  const rows = await ownerQuery<{ id: string }>(
    `INSERT INTO "user" (id, tenant_id, email, name, role, password_hash, updated_at)
     SELECT gen_random_uuid(), t.id, $1, $2, 'AUDITOR'::"Role", $3, now() FROM tenant t WHERE t.slug = $4
     RETURNING id`,
    [email, `Konto ${label}`, await hashPassword(PASSWORD), TENANT],
  );
  if (rows.length !== 1) throw new Error(`account ${email} not created`);
  return { tenant: TENANT, email };
}

type TAttempt = { action: string; reason: string | null; ip: string | null };

/** The account's sign-in attempts as the audit trail has them, oldest first. */
async function attempts(account: TAccount): Promise<TAttempt[]> {
  return ownerQuery<TAttempt>(
    `SELECT a.action, a.after->>'reason' AS reason, a.after->>'ip' AS ip
     FROM audit_log a JOIN tenant t ON t.id = a.tenant_id
     WHERE t.slug = $1 AND a.action IN ('auth.sign_in', 'auth.sign_in_failed')
       AND (a.after->>'email' = $2 OR a.entity_id = (SELECT u.id::text FROM "user" u WHERE u.tenant_id = t.id AND u.email = $2))
     ORDER BY a.created_at, a.id`,
    [account.tenant, account.email],
  );
}

/** Signs in with `X-Forwarded-For: forged` on every request the page makes, the action's POST included. */
async function signInForging(page: Page, account: TAccount, password: string, forged: string) {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": forged, "X-Real-IP": forged });
  await signIn(page, account, password);
}

async function expectRefused(page: Page) {
  await expect(page.getByTestId("login-error")).toHaveText(pl.login.failed);
  await expect(page).toHaveURL(/\/login/);
}

const failed = (reason: string): TAttempt => ({ action: "auth.sign_in_failed", reason, ip: SOCKET_ADDRESS });
const times = (n: number, attempt: TAttempt) => Array.from({ length: n }, () => attempt);

test.describe("a forged X-Forwarded-For does not choose the address sign-in throttling counts", () => {
  // Up to twelve sign-ins through the form, each with an argon2 verification.
  test.describe.configure({ timeout: 120_000 });

  test("the right password with a forged address signs in, counted against the real one", async ({ page }) => {
    const account = await createAccount("control");
    await signInForging(page, account, PASSWORD, "198.51.100.7");
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(await attempts(account)).toEqual([{ action: "auth.sign_in", reason: null, ip: SOCKET_ADDRESS }]);
  });

  test("after five wrong passwords, the right one with a forged address is still refused", async ({ page }) => {
    const account = await createAccount("lock");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, account, `wrong-password-${attempt}`);
      await expectRefused(page);
    }

    await signInForging(page, account, PASSWORD, "198.51.100.7");
    await expectRefused(page);

    // Counted against 127.0.0.1, where the account is locked; were 198.51.100.7 counted, the account
    // (five failures, under its own limit of ten) would have let the right password in.
    expect(await attempts(account)).toEqual([...times(5, failed("wrong_password")), failed("locked")]);
  });

  test("eleven wrong passwords, each from a different forged address, lock the account as well", async ({ page }) => {
    const account = await createAccount("spray");
    for (let attempt = 1; attempt <= 11; attempt++) {
      await signInForging(page, account, `wrong-password-${attempt}`, `198.51.100.${attempt}`);
      await expectRefused(page);
    }

    await signInForging(page, account, PASSWORD, "198.51.100.99");
    await expectRefused(page);

    // All from 127.0.0.1: locked there after five. With the forged addresses counted, no address
    // would reach five and only the account's own limit would stop the run, after ten
    // (`account_delayed`).
    expect(await attempts(account)).toEqual([...times(5, failed("wrong_password")), ...times(7, failed("locked"))]);
  });
});
