import type { Page } from "@playwright/test";
import { createTranslator } from "use-intl/core";
import { totpCode } from "@/lib/domain/two-factor/totp";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, test } from "./support/fixtures";
import { createFixtureTenant, signInAs, type TFixtureUser } from "./support/tenant";

/**
 * Issue 17 in the browser: two-factor sign-in (TOTP and recovery codes), the tenant's policy that
 * sends a role to enrol first, the throttle on wrong codes, and the user's own sessions. The codes
 * an authenticator app would show are computed here from the secret the page shows
 * (lib/domain/two-factor/totp.ts).
 */

const security = createTranslator({ locale: "pl", messages: pl, namespace: "account.security" });

/** The first step of a sign-in: the centre, the e-mail and the password. */
async function submitPassword(page: Page, user: TFixtureUser) {
  await page.goto("/login");
  await page.getByRole("textbox", { name: pl.login.tenant }).fill(user.tenant);
  await page.getByRole("textbox", { name: pl.login.email }).fill(user.email);
  await page.getByRole("textbox", { name: pl.login.password, exact: true }).fill(user.password);
  await page.getByRole("button", { name: pl.login.submit }).click();
}

/** The second step: types a code and waits until the server has answered it (the form is reset for the next one). */
async function submitCode(page: Page, code: string) {
  const field = page.getByTestId("login-code");
  await field.fill(code);
  const answered = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login");
  await page.getByRole("button", { name: pl.login.codeSubmit }).click();
  await answered;
}

/** Answers a wrong code: refused on the code step, which stays (and asks again) while its token lasts. */
async function submitWrongCode(page: Page, code: string) {
  await submitCode(page, code);
  await expect(page.getByTestId("login-error")).toHaveText(pl.login.codeFailed);
  await expect(page.getByTestId("login-code")).toHaveValue("");
}

/** The code the app shows for the step after the one used to enrol: a used step is never accepted again. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + 30_000);

/** Six digits no authenticator shows now or in the window around it, whatever the secret. */
function wrongCode(secret: string, attempt: number): string {
  const valid = new Set([-60_000, -30_000, 0, 30_000, 60_000].map((offset) => totpCode(secret, Date.now() + offset)));
  for (let n = attempt; ; n += 7919) {
    const candidate = String(n % 1_000_000).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}

async function signOut(page: Page) {
  await page.getByTestId("signed-in-user").click();
  await page.getByRole("button", { name: pl.shell.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1$/);
}

/**
 * Sets up the second factor on /account/security (already open): start, read the secret, confirm
 * with the app's current code. Returns the secret and the recovery codes shown (once).
 */
async function enrol(page: Page, scan: () => Promise<void>): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole("button", { name: pl.account.security.setupStart }).click();
  const shown = page.getByTestId("totp-secret");
  await expect(shown).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await expect(page.getByRole("img", { name: pl.account.security.qrAlt })).toBeVisible();
  await scan();
  // Typed as the page shows it (groups of four), as a person does into the app.
  const secret = ((await shown.textContent()) ?? "").replace(/\s/g, "");
  await page.getByTestId("two-factor-code").fill(totpCode(secret));
  await page.getByRole("button", { name: pl.account.security.setupSubmit }).click();
  await expect(page.getByText(pl.account.security.enabledNow)).toBeVisible();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
  expect(new Set(recoveryCodes).size).toBe(10);
  await scan();
  return { secret, recoveryCodes };
}

test("a manager whose role requires it enrols at the first sign-in, sees the recovery codes once, then signs in with a code", async ({ page, scan }) => {
  const centre = await createFixtureTenant({ twoFactorRoles: ["MANAGER"], users: { manager: { name: "Halina Wrona", role: "MANAGER" } } });
  const manager = centre.users.manager;

  // The password alone signs in, but only to enrolment: no menu, every other page sends back here.
  await signInAs(page, manager);
  await expect(page).toHaveURL(/\/account\/security\?required=1$/);
  await expect(page.getByTestId("two-factor-required")).toHaveText(pl.account.security.requiredNotice);
  await expect(page.getByRole("navigation", { name: pl.shell.mainNav }).getByRole("link")).toHaveCount(0);
  await scan();
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/account\/security\?required=1$/);

  const { secret } = await enrol(page, scan);

  // The codes are shown once: after a reload only their number remains.
  await page.reload();
  await expect(page.getByTestId("two-factor-status")).toContainText(security("codesLeft", { count: 10 }));
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);
  await expect(page.getByTestId("two-factor-required")).toHaveCount(0);
  await expect(page.getByText(pl.account.security.requiredByPolicy)).toBeVisible();
  await scan();

  // This session counts as signed in with the second factor: the app opens.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await scan();
  await signOut(page);

  // Next time: the password, then the code.
  await submitPassword(page, manager);
  await expect(page.getByText(pl.login.codeIntro)).toBeVisible();
  await expect(page.getByTestId("login-code")).toBeFocused();
  await scan();
  await submitCode(page, nextCode(secret));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(manager.name);
  await scan();
});

test("an advisor switches two-factor sign-in on by choice; a recovery code signs in once", async ({ page, visit, scan }) => {
  const centre = await createFixtureTenant({ users: { advisor: { name: "Tomasz Lis", role: "KEY_ADVISOR" } } });
  const advisor = centre.users.advisor;

  // Not required of the role: the password signs straight in.
  await signInAs(page, advisor);
  await expect(page).toHaveURL(/\/dashboard$/);
  await visit("/account/security");
  await expect(page.getByTestId("two-factor-required")).toHaveCount(0);
  const { secret, recoveryCodes } = await enrol(page, scan);
  const [recoveryCode] = recoveryCodes;
  if (!recoveryCode) throw new Error("no recovery code shown");
  await page.getByRole("button", { name: pl.account.security.codesDone }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText(security("codesLeft", { count: 10 }));
  await scan();
  await page.goto("/dashboard");
  await signOut(page);

  // Without the phone: a recovery code instead (typed in capitals, as from paper).
  await submitPassword(page, advisor);
  await submitCode(page, recoveryCode.toUpperCase());
  await expect(page).toHaveURL(/\/dashboard$/);
  await visit("/account/security");
  await expect(page.getByTestId("two-factor-status")).toContainText(security("codesLeft", { count: 9 }));
  await page.goto("/dashboard");
  await signOut(page);

  // The same recovery code a second time is refused; the app's code still works.
  await submitPassword(page, advisor);
  await submitWrongCode(page, recoveryCode);
  await scan();
  await submitCode(page, nextCode(secret));
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(advisor.name);
});

test("after five wrong codes even the right one is refused, and so is the password", async ({ page, visit, scan }) => {
  const centre = await createFixtureTenant({ users: { advisor: { name: "Ewa Sroka", role: "KEY_ADVISOR" } } });
  const advisor = centre.users.advisor;
  await signInAs(page, advisor);
  await visit("/account/security");
  const { secret } = await enrol(page, scan);
  await page.goto("/dashboard");
  await signOut(page);

  await submitPassword(page, advisor);
  for (let attempt = 1; attempt <= 5; attempt++) await submitWrongCode(page, wrongCode(secret, attempt));
  await scan();

  // The sixth attempt, with the right code: the same generic message, no session.
  await submitCode(page, nextCode(secret));
  await expect(page.getByTestId("login-error")).toHaveText(pl.login.codeFailed);
  await expect(page).toHaveURL(/\/login$/);

  // Starting again does not help: the password is refused too while the lock lasts.
  await page.getByRole("button", { name: pl.login.codeRestart }).click();
  await page.getByRole("textbox", { name: pl.login.tenant }).fill(advisor.tenant);
  await page.getByRole("textbox", { name: pl.login.email }).fill(advisor.email);
  await page.getByRole("textbox", { name: pl.login.password, exact: true }).fill(advisor.password);
  await page.getByRole("button", { name: pl.login.submit }).click();
  await expect(page.getByTestId("login-error")).toHaveText(pl.login.failed);
  await expect(page.getByTestId("login-code")).toHaveCount(0);
  await scan();
});

test("“Wyloguj pozostałe sesje” ends the session in the other browser at its next click", async ({ page, browser, visit, scan }) => {
  const centre = await createFixtureTenant({ users: { advisor: { name: "Marek Kos", role: "KEY_ADVISOR" } } });
  const advisor = centre.users.advisor;

  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signInAs(otherPage, advisor);
  await expect(otherPage).toHaveURL(/\/dashboard$/);

  await signInAs(page, advisor);
  await visit("/account/security");
  await expect(page.getByTestId("current-session")).toHaveCount(1);
  await expect(page.getByTestId("current-session")).toContainText(pl.account.security.thisSession);
  await expect(page.getByTestId("other-session")).toHaveCount(1);

  await page.getByTestId("revoke-other-sessions").click();
  await expect(page.getByRole("status").filter({ hasText: security("othersRevoked", { count: 1 }) })).toBeVisible();
  await expect(page.getByTestId("other-session")).toHaveCount(0);
  await expect(page.getByTestId("current-session")).toHaveCount(1);
  await scan();

  // The other browser's next navigation lands on the sign-in page; this one goes on.
  await otherPage.getByTestId("signed-in-user").click();
  await otherPage.getByRole("link", { name: pl.shell.account }).click();
  await expect(otherPage).toHaveURL(/\/login/);
  await elsewhere.close();

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(advisor.name);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  const centre = await createFixtureTenant({ users: { advisor: { name: "Joanna Czapla", role: "KEY_ADVISOR" } } });
  await signInAs(page, centre.users.advisor);
  await expect(page).toHaveURL(/\/dashboard$/);

  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(session, "the session cookie").toBeDefined();
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(session?.path).toBe("/");
  // Out of the page's scripts' reach.
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});
