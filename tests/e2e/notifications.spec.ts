import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, expectNoAxeViolations as scanOn, test } from "./support/fixtures";
import { lastMailId, linkIn, waitForMail } from "./support/mail";
import { createFixturePath, createFixtureTenant, signInAs, type TFixtureUser } from "./support/tenant";

/**
 * Issue 15, end to end: the advisor submits a plan → the coordinator's bell shows it and the e-mail
 * reaches the SMTP server (the run's catcher; the worker runs in the app's process); the list
 * leads to the plan and marks it read; the coordinator returns the plan → the advisor's bell shows
 * that. The list's buttons work without JavaScript, and the admin's dead-letter view retries a
 * failed job. Every page of the journey passes axe.
 */

const P = pl.paths;
const N = pl.notifications.list;
const CLIENT = "Elżbieta Mróz";
const bellName = (count: number) => (count === 0 ? pl.shell.bell.label : `Powiadomienia, ${count} nieprzeczytane`);
const titleOf = (kind: "plan_submitted" | "plan_returned", versionNumber: number) =>
  pl.notifications.kinds[kind].title.replace("{clientName}", CLIENT).replace("{versionNumber}", String(versionNumber));

function createCentre() {
  return createFixtureTenant({
    partners: ["Fundacja Busko"],
    users: {
      advisor: { name: "Agnieszka Kamińska", role: "KEY_ADVISOR", partner: "Fundacja Busko" },
      coordinator: { name: "Ewa Nowak", role: "COORDINATOR", partner: "Fundacja Busko" },
      admin: { name: "Adam Administrator", role: "ADMIN" },
    },
    clients: [{ name: CLIENT, kind: "PERSON", keyAdvisor: "advisor" }],
  });
}

/** The bell in the top bar, named with the unread count; its badge shows the number. */
async function expectBell(page: Page, count: number) {
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(bellName(count));
  if (count === 0) await expect(page.getByTestId("notification-badge")).toHaveCount(0);
  else await expect(page.getByTestId("notification-badge")).toHaveText(String(count));
}

async function signedIn(browser: import("@playwright/test").Browser, user: TFixtureUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user);
  return page;
}

test("a submitted plan reaches the coordinator's bell and mailbox; the returned plan reaches the advisor's", async ({ browser }) => {
  const centre = await createCentre();
  const pathId = await createFixturePath(centre, CLIENT, "PLAN");
  const advisor = await signedIn(browser, centre.users.advisor);
  await expectBell(advisor, 0);

  // The advisor writes and submits the plan.
  await advisor.goto(`/paths/${pathId}?tab=plan`);
  await advisor.getByRole("button", { name: P.addAction }).click();
  await advisor.getByRole("combobox", { name: P.fields.supportType }).selectOption({ label: "Szkolenie" });
  await advisor.getByRole("textbox", { name: P.fields.actionDescription }).fill("Szkolenie z zakładania spółdzielni socjalnej");
  await advisor.getByRole("button", { name: P.savePlan }).click();
  await expect(advisor.getByText(P.planSaved)).toBeVisible();
  const mailBefore = await lastMailId();
  await advisor.getByRole("button", { name: P.submitPlan }).click();
  await expect(advisor.getByTestId("plan-status")).toContainText(P.planStatuses.SUBMITTED);

  // The coordinator signs in: the bell says one unread.
  const coordinator = await signedIn(browser, centre.users.coordinator);
  await expectBell(coordinator, 1);
  await scanOn(coordinator);

  // The e-mail arrives, in Polish, with a link to the plan and no personal data of the client.
  const mail = await waitForMail({ to: centre.users.coordinator.email, subject: pl.notifications.kinds.plan_submitted.mailSubject, since: mailBefore });
  expect(linkIn(mail, `/paths/${pathId}`)).toContain(`/paths/${pathId}?tab=plan`);
  expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(CLIENT);

  // The list shows it, unread; following it opens the plan and reads it.
  await coordinator.getByTestId("notification-bell").click();
  await expect(coordinator.getByRole("heading", { level: 1, name: N.title })).toBeVisible();
  await expect(coordinator.getByTestId("unread-count")).toHaveText("1 nieprzeczytane");
  const item = coordinator.getByTestId("notification");
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute("data-read", "false");
  await scanOn(coordinator);
  await item.getByRole("link", { name: titleOf("plan_submitted", 1) }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/paths/${pathId}\\?tab=plan$`));
  await expect(coordinator.getByRole("heading", { level: 2, name: P.tabs.plan, exact: true })).toBeVisible();
  await expectBell(coordinator, 0);

  // The coordinator returns the plan: the advisor's bell shows it.
  await coordinator.getByRole("textbox", { name: P.fields.decisionComment }).fill("Proszę dodać doradztwo prawne przy statucie.");
  await coordinator.getByRole("button", { name: P.returnPlan }).click();
  await expect(coordinator.getByTestId("plan-status")).toContainText(P.planStatuses.RETURNED);

  await advisor.goto("/dashboard");
  await expectBell(advisor, 1);
  await advisor.getByTestId("notification-bell").click();
  await expect(advisor.getByTestId("notification").getByRole("link", { name: titleOf("plan_returned", 1) })).toBeVisible();
  await advisor.getByRole("button", { name: N.markAllRead }).click();
  await expect(advisor.getByTestId("notifications-status")).toHaveText("Oznaczono 1 powiadomienie jako przeczytane.");
  await expect(advisor.getByTestId("notification")).toHaveAttribute("data-read", "true");
  await expectBell(advisor, 0);
  await advisor.getByRole("navigation", { name: N.filters }).getByRole("link", { name: N.filterUnread }).click();
  await expect(advisor.getByTestId("notifications-empty")).toHaveText(N.emptyUnread);
  await scanOn(advisor);
});

test("the list works without JavaScript: mark one read, and the bell follows", async ({ browser }) => {
  const centre = await createCentre();
  const pathId = await createFixturePath(centre, CLIENT, "PLAN");
  const user = centre.users.coordinator;
  for (const n of [1, 2]) {
    await ownerQuery(
      `INSERT INTO notification (id, tenant_id, user_id, kind, href, params, email_status, created_at)
       VALUES (gen_random_uuid(), $1, $2, 'plan_submitted', $3, $4, 'SKIPPED', now() - make_interval(mins => $5))`,
      [centre.id, user.id, `/paths/${pathId}?tab=plan`, JSON.stringify({ clientName: CLIENT, versionNumber: n }), 10 - n],
    );
  }
  // Signed in with JavaScript, then the same session in a browser without it.
  const withScript = await signedIn(browser, user);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await withScript.context().storageState() });
  const page = await context.newPage();

  await page.goto("/notifications");
  await expectBell(page, 2);
  await expect(page.getByTestId("notification")).toHaveCount(2);
  const newest = page.getByTestId("notification").first();
  await expect(newest.getByRole("link")).toHaveText(titleOf("plan_submitted", 2));
  await newest.getByRole("button", { name: `${N.markRead}: ${titleOf("plan_submitted", 2)}` }).click();
  await expect(page.getByTestId("notifications-status")).toHaveText(N.markedRead);
  await expect(page.getByTestId("notification").first()).toHaveAttribute("data-read", "true");
  await expect(page.getByTestId("unread-count")).toHaveText("1 nieprzeczytane");
  await expectBell(page, 1);

  // Following the other one, still without JavaScript, leads to the plan and reads it.
  await page.getByRole("link", { name: titleOf("plan_submitted", 1) }).click();
  await expect(page).toHaveURL(new RegExp(`/paths/${pathId}\\?tab=plan$`));
  await expectBell(page, 0);
  await context.close();
});

test("the admin's dead-letter view lists the centre's failed job and sends it back to its queue", async ({ browser }) => {
  const centre = await createCentre();
  const [job] = await ownerQuery<{ id: string }>(
    `INSERT INTO pgboss.job (name, data, state, retry_limit, retry_count, completed_on, output)
     VALUES ('tenant.digest.daily', $1, 'failed', 0, 0, now(), '{"message":"SMTP 421: service not available"}') RETURNING id`,
    [JSON.stringify({ tenantId: centre.id, day: "2026-12-03" })],
  );
  if (!job) throw new Error("setup");
  const page = await signedIn(browser, centre.users.admin);

  await page.getByRole("navigation", { name: pl.shell.mainNav }).getByRole("link", { name: pl.shell.nav.jobs }).click();
  await expect(page.getByRole("heading", { level: 1, name: pl.jobs.title })).toBeVisible();
  const row = page.getByTestId("failed-job");
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("rowheader")).toHaveText(pl.jobs.queues.tenantDigestDaily);
  await expect(row).toContainText("SMTP 421: service not available");
  await scanOn(page);

  await row.getByRole("button", { name: new RegExp(`^Ponów zadanie: ${pl.jobs.queues.tenantDigestDaily}, utworzone `) }).click();
  await expect(page.getByTestId("jobs-status")).toHaveText(pl.jobs.retried);
  await expect(page.getByTestId("jobs-empty")).toBeVisible();
  const [after] = await ownerQuery<{ state: string }>(`SELECT state::text AS state FROM pgboss.job WHERE id = $1`, [job.id]);
  expect(["retry", "active", "completed"]).toContain(after?.state);
  await scanOn(page);

  // Not the advisor's: the view answers 403.
  const advisor = await signedIn(browser, centre.users.advisor);
  const response = await advisor.goto("/admin/jobs");
  expect(response?.status()).toBe(403);
});
