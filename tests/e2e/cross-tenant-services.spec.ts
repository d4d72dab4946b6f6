import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, test } from "./support/fixtures";
import { clientId, createFixtureService, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Logged services across centres, in the browser: a service record id and a client's service
 * history of another centre answer exactly like missing ones (404, the app's own page, nothing of
 * the foreign record shown), even to a manager; the own centre's record opens for editing and its
 * client's history lists it.
 */
const NOT_FOUND = pl.errorPages.notFound.title;

type TCentre = { tenant: TFixtureTenant<"manager" | "advisor">; client: string; topic: string; serviceId: string };

async function createCentre(label: string): Promise<TCentre> {
  const client = `Stowarzyszenie Usługa ${label}`;
  const topic = `Konsultacja biznesplanu ${label}`;
  const tenant = await createFixtureTenant({
    users: { manager: { name: `Kierownik ${label}`, role: "MANAGER" }, advisor: { name: `Doradca ${label}`, role: "KEY_ADVISOR" } },
    clients: [{ name: client, kind: "NGO", keyAdvisor: "advisor" }],
  });
  return { tenant, client, topic, serviceId: await createFixtureService(tenant, tenant.users.advisor, [client], topic) };
}

const foreignPages = (centre: TCentre) => [`/services/${centre.serviceId}/edit`, `/clients/${clientId(centre.tenant, centre.client)}/services`];

async function expectNotFound(page: Page, path: string, centre: TCentre) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND })).toBeVisible();
  await expect(page.getByText(centre.client)).toHaveCount(0);
  await expect(page.getByText(centre.topic)).toHaveCount(0);
}

let centreA: TCentre;
let centreB: TCentre;

test.beforeAll(async () => {
  [centreA, centreB] = [await createCentre("Alfa"), await createCentre("Beta")];
});

test("another centre's service record and client history answer 404; the own record opens for editing and is in the history", async ({ page, visit }) => {
  await signInAs(page, centreB.tenant.users.advisor);
  for (const path of foreignPages(centreA)) await expectNotFound(page, path, centreA);

  await visit(`/services/${centreB.serviceId}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.services.editTitle);
  await expect(page.getByRole("textbox", { name: pl.services.fields.topic })).toHaveValue(centreB.topic);

  await visit(`/clients/${clientId(centreB.tenant, centreB.client)}/services`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.services.historyOf.replace("{client}", centreB.client));
  await expect(page.getByTestId("service-row").filter({ hasText: centreB.topic })).toBeVisible();
});

test("a manager, who sees every service of their own centre, is refused the other centre's too", async ({ page }) => {
  await signInAs(page, centreB.tenant.users.manager);
  for (const path of foreignPages(centreA)) await expectNotFound(page, path, centreA);
  const own = await page.goto(`/clients/${clientId(centreB.tenant, centreB.client)}/services`);
  expect(own?.status()).toBe(200);
  await expect(page.getByTestId("service-row").filter({ hasText: centreB.topic })).toBeVisible();
});
