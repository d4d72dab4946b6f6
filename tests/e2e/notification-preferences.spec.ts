import type { Browser } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { createFixtureTenant, signInAs, type TFixtureUser } from "./support/tenant";

/**
 * A user chooses what is e-mailed to them (/account/notifications): a kind off, the daily digest,
 * the language of e-mails — from the account page, with and without JavaScript. Each journey has
 * its own centre, so no other journey's e-mail depends on these choices.
 */

const P = pl.notifications.preferences;

async function ownAdvisor(): Promise<TFixtureUser> {
  const tenant = await createFixtureTenant({ users: { advisor: { name: "Olga Ustawień", role: "KEY_ADVISOR" } } });
  return tenant.users.advisor;
}

function storedChoices(user: TFixtureUser) {
  return ownerQuery<{ email_digest: boolean; locale: string; off: string[] }>(
    `SELECT u.email_digest, u.locale, coalesce(array_agg(p.kind ORDER BY p.kind) FILTER (WHERE p.kind IS NOT NULL), '{}') AS off
       FROM "user" u LEFT JOIN notification_preference p ON p.tenant_id = u.tenant_id AND p.user_id = u.id AND NOT p.email
      WHERE u.id = $1 GROUP BY u.tenant_id, u.id`,
    [user.id],
  );
}

test("from the account page: a kind off, the daily digest and English, saved and shown again", async ({ page, visit, scan }) => {
  const advisor = await ownAdvisor();
  await signInAs(page, advisor);
  await visit("/account");
  await page.getByRole("link", { name: pl.account.notificationsLink }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(P.title);
  await expect(page.getByText(advisor.email)).toBeVisible();
  await scan();

  const kinds = page.getByRole("group", { name: P.kindsLegend });
  const returned = kinds.getByRole("checkbox", { name: pl.notifications.kindNames.plan_returned });
  await expect(kinds.getByRole("checkbox")).toHaveCount(Object.keys(pl.notifications.kindNames).length);
  await expect(returned).toBeChecked();
  await returned.uncheck();
  const digest = page.getByRole("group", { name: P.deliveryLegend }).getByRole("radio", { name: P.digest });
  await expect(page.getByRole("radio", { name: P.each })).toBeChecked();
  await digest.check();
  const english = page.getByRole("group", { name: P.localeLegend }).getByRole("radio", { name: "English" });
  await english.check();
  await page.getByRole("button", { name: P.submit }).click();

  await expect(page.getByRole("status").filter({ hasText: P.saved })).toBeVisible();
  await scan();
  await page.reload();
  await expect(returned).not.toBeChecked();
  await expect(digest).toBeChecked();
  await expect(english).toBeChecked();
  expect(await storedChoices(advisor)).toEqual([{ email_digest: true, locale: "en", off: ["plan_returned"] }]);
});

async function withoutJavaScript(browser: Browser, user: TFixtureUser) {
  // Signed in with JavaScript, then the same session in a browser without it.
  const withScript = await browser.newPage();
  await signInAs(withScript, user);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await withScript.context().storageState() });
  await withScript.close();
  return context;
}

test("works without JavaScript: the form posts and the page says it was saved", async ({ browser }) => {
  const advisor = await ownAdvisor();
  const context = await withoutJavaScript(browser, advisor);
  const page = await context.newPage();
  await page.goto("/account/notifications");
  await page.getByRole("checkbox", { name: pl.notifications.kindNames.client_assigned }).uncheck();
  await page.getByRole("checkbox", { name: pl.notifications.kindNames.plan_approved }).uncheck();
  await page.getByRole("button", { name: P.submit }).click();
  await expect(page.getByRole("status").filter({ hasText: P.saved })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: pl.notifications.kindNames.client_assigned })).not.toBeChecked();
  expect(await storedChoices(advisor)).toEqual([{ email_digest: false, locale: "pl", off: ["client_assigned", "plan_approved"] }]);

  // Saving the same again says so, and changes nothing.
  await page.getByRole("button", { name: P.submit }).click();
  await expect(page.getByRole("status").filter({ hasText: P.unchanged })).toBeVisible();
  await context.close();
});
