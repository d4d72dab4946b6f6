import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, test } from "./support/fixtures";
import { createFixturePath, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Support paths across centres, in the browser: a path id of another centre answers exactly like
 * a missing one (404, the app's own page, nothing of the foreign path shown) on every page that
 * takes one, even for a manager who sees every path of their own centre; the own centre's path opens.
 */
const NOT_FOUND = pl.errorPages.notFound.title;

type TCentre = { tenant: TFixtureTenant<"manager" | "advisor">; client: string; pathId: string };

async function createCentre(label: string): Promise<TCentre> {
  const client = `Spółdzielnia Ścieżka ${label}`;
  const tenant = await createFixtureTenant({
    users: { manager: { name: `Kierownik ${label}`, role: "MANAGER" }, advisor: { name: `Doradca ${label}`, role: "KEY_ADVISOR" } },
    clients: [{ name: client, kind: "SOCIAL_COOPERATIVE", keyAdvisor: "advisor" }],
  });
  return { tenant, client, pathId: await createFixturePath(tenant, client, "NEEDS") };
}

const pathPages = (pathId: string) => [`/paths/${pathId}`, `/paths/${pathId}/card`];

async function expectNotFound(page: Page, path: string, foreignClient: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND })).toBeVisible();
  await expect(page.getByText(foreignClient)).toHaveCount(0);
}

let centreA: TCentre;
let centreB: TCentre;

test.beforeAll(async () => {
  [centreA, centreB] = [await createCentre("Alfa"), await createCentre("Beta")];
});

test("another centre's path answers 404 on its page and its card; the own centre's path opens on both", async ({ page, visit }) => {
  await signInAs(page, centreB.tenant.users.manager);
  for (const path of pathPages(centreA.pathId)) await expectNotFound(page, path, centreA.client);

  await visit(`/paths/${centreB.pathId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.paths.titleFor.replace("{client}", centreB.client));
  await expect(page.getByTestId("path-step")).toHaveText(pl.paths.currentStep.replace("{step}", pl.paths.steps.NEEDS));
  const card = await page.goto(`/paths/${centreB.pathId}/card`);
  expect(card?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.paths.cardTitle);
  await expect(page.getByText(centreB.client)).toBeVisible();
});

test("the path's own advisor is refused the other centre's path too", async ({ page }) => {
  await signInAs(page, centreB.tenant.users.advisor);
  for (const path of pathPages(centreA.pathId)) await expectNotFound(page, path, centreA.client);
  const own = await page.goto(`/paths/${centreB.pathId}`);
  expect(own?.status()).toBe(200);
  await expect(page.getByTestId("path-step")).toBeVisible();
});
