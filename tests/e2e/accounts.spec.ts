import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, expectNoAxeViolations, signIn, test } from "./support/fixtures";
import { caughtMail, lastMailId, linkIn, waitForMail } from "./support/mail";
import { createFixtureTenant, type TFixtureUser } from "./support/tenant";

/**
 * Issue 15, accounts by e-mail: "forgot password" through the e-mail the app really sends (the
 * run's SMTP catcher, read over HTTP), the link used once, the other sessions ended. Each journey
 * has its own centre, so its user's throttle and mail are its own.
 */

const NEW_PASSWORD = "Moje-Nowe-Haslo-2026";

async function centreWithOneAdvisor(): Promise<{ slug: string; user: TFixtureUser }> {
  const centre = await createFixtureTenant({ users: { advisor: { name: "Barbara Nowak", role: "KEY_ADVISOR" } } });
  return { slug: centre.slug, user: centre.users.advisor };
}

/** The generic answer, as the page shows it for whatever was typed. */
const sentMessage = (tenant: string, email: string) => pl.accounts.forgot.sent.replace("{tenant}", tenant).replace("{email}", email);

test("a forgotten password: the link from the e-mail sets a new one once and ends the other sessions", async ({ page, browser, visit, scan }) => {
  const { slug, user } = await centreWithOneAdvisor();

  // Signed in elsewhere (another browser): this session must end when the password is reset.
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, user, user.password);
  await expect(otherPage.getByTestId("signed-in-user")).toContainText(user.name);

  await visit(`/login?tenant=${slug}`);
  await page.getByRole("link", { name: pl.login.forgotPassword }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.accounts.forgot.title);
  await expect(page.getByRole("textbox", { name: pl.login.tenant })).toHaveValue(slug);
  await scan();

  // A malformed address is said so at its field; nothing is sent.
  await page.getByRole("textbox", { name: pl.login.email }).fill("barbara@");
  await page.getByRole("button", { name: pl.accounts.forgot.submit }).click();
  await expect(page.getByText(pl.validation.invalidEmail)).toBeVisible();
  await scan();

  const since = await lastMailId();
  await page.getByRole("textbox", { name: pl.login.email }).fill(user.email.toUpperCase());
  await page.getByRole("button", { name: pl.accounts.forgot.submit }).click();
  await expect(page.getByTestId("forgot-password-sent")).toHaveText(sentMessage(slug, user.email));
  await scan();

  const mail = await waitForMail({ to: user.email, subject: pl.mail.account.reset.subject, since });
  expect(mail.text).toContain("30 minut");
  const link = linkIn(mail, "/set-password");

  // The token is in the URL: whatever the page loads or links to gets the origin as referrer, never the token.
  const referrers: string[] = [];
  page.on("request", (request) => {
    const referrer = request.headers()["referer"];
    if (referrer) referrers.push(referrer);
  });
  const response = await page.goto(link);
  expect(response?.headers()["referrer-policy"]).toBe("strict-origin");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.accounts.setPassword.titleReset);
  await expect(page.getByRole("textbox", { name: pl.login.email })).toHaveValue(user.email);
  await expectNoAxeViolations(page);

  await page.getByRole("textbox", { name: pl.accounts.setPassword.password, exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("textbox", { name: pl.accounts.setPassword.confirmPassword }).fill(`${NEW_PASSWORD}!`);
  await page.getByRole("button", { name: pl.accounts.setPassword.submit }).click();
  await expect(page.getByText(pl.validation.passwordsDiffer)).toBeVisible();
  await scan();
  // The form's own post included: the origin, never the token.
  expect(referrers.length).toBeGreaterThan(0);
  expect(referrers.filter((r) => r.includes("token"))).toEqual([]);

  await page.getByRole("textbox", { name: pl.accounts.setPassword.password, exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("textbox", { name: pl.accounts.setPassword.confirmPassword }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: pl.accounts.setPassword.submit }).click();
  await expect(page).toHaveURL(/\/login\?passwordSet=1/);
  await expect(page.getByText(pl.login.passwordSet)).toBeVisible();
  await expect(page.getByRole("textbox", { name: pl.login.tenant })).toHaveValue(slug);
  await scan();

  // The session in the other browser has ended.
  await otherPage.goto("/dashboard");
  await expect(otherPage).toHaveURL(/\/login/);
  await elsewhere.close();

  // The old password no longer signs in; the new one does.
  await signIn(page, user, user.password);
  await expect(page.getByTestId("login-error")).toBeVisible();
  await signIn(page, user, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);

  // The link worked once: opened again, it says so and offers a new one.
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(link);
  await expect(againPage.getByTestId("link-invalid")).toHaveText(pl.accounts.setPassword.linkInvalid);
  await expect(againPage.getByRole("heading", { level: 1 })).toHaveText(pl.accounts.setPassword.titleInvalid);
  await expectNoAxeViolations(againPage);
  await againPage.getByRole("link", { name: pl.accounts.setPassword.requestNew }).click();
  await expect(againPage).toHaveURL(new RegExp(`/forgot-password\\?tenant=${slug}$`));
  await again.close();
});

test("an address without an account gets the same answer, and no e-mail", async ({ page, visit }) => {
  const { slug, user } = await centreWithOneAdvisor();
  const nobody = `nikt-${slug}@e2e.example.pl`;
  await visit(`/forgot-password?tenant=${slug}`);
  await page.getByRole("textbox", { name: pl.login.email }).fill(nobody);
  await page.getByRole("button", { name: pl.accounts.forgot.submit }).click();
  await expect(page.getByTestId("forgot-password-sent")).toHaveText(sentMessage(slug, nobody));

  // The known address, after it: its e-mail arrives; the unknown one's never did.
  const since = await lastMailId();
  await page.getByRole("textbox", { name: pl.login.email }).fill(user.email);
  await page.getByRole("button", { name: pl.accounts.forgot.submit }).click();
  await expect(page.getByTestId("forgot-password-sent")).toHaveText(sentMessage(slug, user.email));
  await waitForMail({ to: user.email, since });
  expect((await caughtMail()).filter((m) => m.to.includes(nobody))).toEqual([]);
});

test("without JavaScript: the reset is asked for and the new password set", async ({ browser }) => {
  const { slug, user } = await centreWithOneAdvisor();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/forgot-password?tenant=${slug}`);
  const since = await lastMailId();
  await page.getByRole("textbox", { name: pl.login.email }).fill(user.email);
  await page.getByRole("button", { name: pl.accounts.forgot.submit }).click();
  await expect(page.getByTestId("forgot-password-sent")).toBeVisible();

  const link = linkIn(await waitForMail({ to: user.email, since }), "/set-password");
  await page.goto(link);
  await page.getByRole("textbox", { name: pl.accounts.setPassword.password, exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("textbox", { name: pl.accounts.setPassword.confirmPassword }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: pl.accounts.setPassword.submit }).click();
  await expect(page).toHaveURL(/\/login\?passwordSet=1/);
  await expect(page.getByText(pl.login.passwordSet)).toBeVisible();
  await context.close();
});
