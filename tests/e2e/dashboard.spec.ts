import type { Page } from "@playwright/test";
import { createDashboardPath, createSubmittedPlan, createTimedService } from "./support/dashboard-data";
import { expect, test } from "./support/fixtures";
import { clientsNamed, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 13: the Pulpit a manager opens every morning, and the advisor's. A centre of its own:
 * Partner Północ's advisor Alicja carries four clients against a limit of three (over it), three
 * of them on paths at implementation opened 60 days ago and never monitored (overdue under the
 * centre's 30 days), two with a plan waiting for a decision; she delivered 4 h and 3 h of services
 * today. Partner Południe's advisor Bogdan has one client at the needs step and no services; two
 * clients wait in the queue. Each number on the dashboard links to a list with exactly those rows.
 */

type TUserKey = "manager" | "alicja" | "bogdan";

let centre: TFixtureTenant<TUserKey>;

test.beforeAll(async () => {
  centre = await createFixtureTenant<TUserKey>({
    partners: ["Partner Północ", "Partner Południe"],
    users: {
      manager: { name: "Małgorzata Kierownik", role: "MANAGER" },
      alicja: { name: "Alicja Doradczyni", role: "KEY_ADVISOR", partner: "Partner Północ", caseloadLimit: 3 },
      bogdan: { name: "Bogdan Doradca", role: "KEY_ADVISOR", partner: "Partner Południe" },
    },
    clients: [...clientsNamed("Spółdzielnia Alicji", 4, "alicja"), { name: "Fundacja Bogdana", keyAdvisor: "bogdan" }, ...clientsNamed<TUserKey>("Oczekujący", 2)],
  });
  for (const i of [1, 2, 3]) {
    const pathId = await createDashboardPath(centre, `Spółdzielnia Alicji ${i}`, "IMPLEMENTATION", 60);
    if (i <= 2) await createSubmittedPlan(centre, pathId, i);
  }
  await createDashboardPath(centre, "Fundacja Bogdana", "NEEDS");
  await createTimedService(centre, [centre.users.alicja], ["Spółdzielnia Alicji 1"], { minutes: 240 });
  await createTimedService(centre, [centre.users.alicja], ["Spółdzielnia Alicji 2", "Spółdzielnia Alicji 3"], { minutes: 180, supportType: "TRAINING" });
});

/** Follows the dashboard's link named `name` and waits for the list it opens. */
async function follow(page: Page, name: string | RegExp, heading: string | RegExp) {
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

test("the manager sees 3 paths overdue, 2 plans waiting and 7 h of services, each linking to exactly those rows", async ({ page, visit, scan }) => {
  await signInAs(page, centre.users.manager);
  await visit("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Pulpit" })).toBeVisible();
  await expect(page.getByRole("link", { name: "3 ścieżki z zaległym monitoringiem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "2 plany czekają na decyzję" })).toBeVisible();
  await expect(page.getByRole("link", { name: "2 klientów czeka na przydział" })).toBeVisible();
  await expect(page.getByRole("link", { name: "3 klientów na etapie: Wdrożenie" })).toBeVisible();
  await expect(page.getByRole("link", { name: "1 klient na etapie: Identyfikacja potrzeb" })).toBeVisible();
  await expect(page.getByRole("link", { name: "1 doradca ponad limitem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "2 usługi, 7 h" })).toBeVisible();

  await follow(page, "3 ścieżki z zaległym monitoringiem", "Zaległe monitorowanie");
  await scan();
  await expect(page.getByTestId("overdue-row")).toHaveCount(3);

  await visit("/dashboard");
  await follow(page, "2 plany czekają na decyzję", "Plany postępowania");
  await scan();
  await expect(page.getByTestId("inbox-count")).toContainText("2");
  await expect(page.locator("section[aria-labelledby=inbox-heading] li")).toHaveCount(2);

  await visit("/dashboard");
  await follow(page, "2 usługi, 7 h", "Rejestr usług");
  await scan();
  await expect(page.getByTestId("register-row")).toHaveCount(2);
  await expect(page.getByTestId("register-total")).toHaveText("2 usługi, 7 h");

  await visit("/dashboard");
  await follow(page, "1 doradca ponad limitem", "Obciążenie doradców");
  await scan();
  await expect(page.getByTestId("board-row")).toHaveCount(1);
  await expect(page.getByTestId("board-row")).toContainText("Alicja Doradczyni");

  await visit("/dashboard");
  await follow(page, "3 klientów na etapie: Wdrożenie", /Klienci/);
  await scan();
  await expect(page.getByRole("link", { name: /Spółdzielnia Alicji [123]/ })).toHaveCount(3);
});

test("the key advisor sees her clients with their step, her overdue paths and today's services", async ({ page, visit, scan }) => {
  await signInAs(page, centre.users.alicja);
  await visit("/dashboard");
  await expect(page.getByRole("link", { name: "4 aktywnych klientów" })).toBeVisible();
  await expect(page.getByTestId("my-client-row")).toHaveCount(4);
  await expect(page.getByTestId("my-client-row").filter({ hasText: "Wdrożenie" })).toHaveCount(3);
  await expect(page.getByTestId("my-client-row").filter({ hasText: "zaległy" })).toHaveCount(3);
  await expect(page.getByRole("link", { name: "7 h usług w tym tygodniu" })).toBeVisible();

  await follow(page, "2 usługi dziś", "Rejestr usług");
  await scan();
  await expect(page.getByTestId("register-row")).toHaveCount(2);

  await visit("/dashboard");
  await follow(page, "3 ścieżki z zaległym monitoringiem", "Zaległe monitorowanie");
  await scan();
  await expect(page.getByTestId("overdue-row")).toHaveCount(3);
});

test("the dashboard fits a 360 px phone without scrolling sideways", async ({ page, visit }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signInAs(page, centre.users.manager);
  await visit("/dashboard");
  await expect(page.getByRole("link", { name: "3 ścieżki z zaległym monitoringiem" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await visit("/services/register");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});
