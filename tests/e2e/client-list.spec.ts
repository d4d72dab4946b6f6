import { expect, test } from "./support/fixtures";
import { createFixturePath, createFixtureService, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 13: the client list shows where each client stands (the open path's step, the last
 * contact in the Polish format), sorts by a column through links in its header whose order lives
 * in the URL, and filters by step; "my clients" shows the same; the manager's timesheet opens on
 * the team's month. All on data the test creates, at a desktop width and at 360 px.
 */

const ALFA = "Listowa Alfa";
const BETA = "Listowa Beta";
const GAMMA = "Listowa Gamma";

type TUserKey = "manager" | "advisor";
let tenant: TFixtureTenant<TUserKey>;

test.beforeAll(async () => {
  tenant = await createFixtureTenant({
    users: {
      manager: { name: "Marta Kierowniczka", role: "MANAGER" },
      advisor: { name: "Olga Doradczyni", role: "KEY_ADVISOR" },
    },
    clients: [
      { name: ALFA, town: "Zabrze", keyAdvisor: "advisor" },
      { name: BETA, town: "Bytom", keyAdvisor: "advisor" },
      { name: GAMMA, town: "Augustów" },
    ],
  });
  await createFixturePath(tenant, ALFA, "PLAN");
  await createFixturePath(tenant, BETA, "NEEDS");
  await createFixtureService(tenant, tenant.users.advisor, [ALFA]);
});

/** Today in Poland as the Polish interface writes a date: "30.11.2026". */
const todayPolish = () => new Intl.DateTimeFormat("pl-PL", { timeZone: "Europe/Warsaw", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());

const rowNames = (page: import("@playwright/test").Page) => page.getByTestId("client-row").locator("th").allTextContents();

test("the list shows each client's step and last contact, sorts by a column kept in the URL, and filters by step", async ({ page, visit, scan }) => {
  await signInAs(page, tenant.users.manager);
  await visit("/clients");
  const alfa = page.getByTestId("client-row").filter({ hasText: ALFA });
  await expect(alfa.getByTestId("client-step")).toHaveText("Plan postępowania");
  await expect(alfa.getByTestId("client-last-contact")).toHaveText(todayPolish());
  const gamma = page.getByTestId("client-row").filter({ hasText: GAMMA });
  await expect(gamma.getByTestId("client-step")).toHaveText("—");
  await expect(gamma.getByTestId("client-last-contact")).toHaveText("—");
  expect(await rowNames(page)).toEqual([ALFA, BETA, GAMMA]);

  // Sort by town: up, then down; the order is in the URL and survives a reload.
  const townHeader = page.getByRole("columnheader", { name: /Miejscowość/ });
  await expect(townHeader).toHaveAttribute("aria-sort", "none");
  await townHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=town&dir=asc/);
  await expect(townHeader).toHaveAttribute("aria-sort", "ascending");
  expect(await rowNames(page)).toEqual([GAMMA, BETA, ALFA]);
  await townHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=town&dir=desc/);
  await expect(townHeader).toHaveAttribute("aria-sort", "descending");
  expect(await rowNames(page)).toEqual([ALFA, BETA, GAMMA]);
  await page.reload();
  await expect(townHeader).toHaveAttribute("aria-sort", "descending");
  expect(await rowNames(page)).toEqual([ALFA, BETA, GAMMA]);
  await scan();

  // The step filter: exactly the clients with an open path at that step; the order stays.
  await page.getByLabel("Etap ścieżki").selectOption({ label: "Identyfikacja potrzeb" });
  await page.getByRole("button", { name: "Szukaj" }).click();
  await expect(page).toHaveURL(/step=NEEDS/);
  await expect(page).toHaveURL(/sort=town&dir=desc/);
  await expect(page.getByTestId("client-row")).toHaveCount(1);
  expect(await rowNames(page)).toEqual([BETA]);
  await page.getByLabel("Etap ścieżki").selectOption({ label: "Plan postępowania" });
  await page.getByRole("button", { name: "Szukaj" }).click();
  await expect(page).toHaveURL(/step=PLAN/);
  expect(await rowNames(page)).toEqual([ALFA]);
  await scan();
});

test("the manager's timesheet opens on the team's month, their own one click away", async ({ page, visit, scan }) => {
  await signInAs(page, tenant.users.manager);
  await visit("/services/timesheet");
  await expect(page.getByRole("heading", { name: /^Zespół — / })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: tenant.users.advisor.name })).toContainText("1 h");
  await expect(page.getByTestId("timesheet-total")).toHaveCount(0);
  await page.getByRole("link", { name: "Moje godziny pracy" }).click();
  await expect(page.getByTestId("timesheet-total")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(tenant.users.manager.name) })).toBeVisible();
  await scan();
});

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  const scrollsSideways = (page: import("@playwright/test").Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

  test("the client list and 'my clients' keep the key columns without sideways scroll", async ({ page, visit }) => {
    await signInAs(page, tenant.users.manager);
    await visit("/clients?sort=status&dir=desc");
    await expect(page.getByTestId("client-row").filter({ hasText: ALFA }).getByTestId("client-step")).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Status/ })).toHaveAttribute("aria-sort", "descending");
    expect(await scrollsSideways(page)).toBe(false);

    await page.context().clearCookies();
    await signInAs(page, tenant.users.advisor);
    await visit("/my-clients");
    const alfa = page.getByRole("row").filter({ hasText: ALFA });
    await expect(alfa).toContainText("Plan postępowania");
    await expect(page.getByRole("row").filter({ hasText: BETA })).toContainText("Identyfikacja potrzeb");
    expect(await scrollsSideways(page)).toBe(false);
  });
});
