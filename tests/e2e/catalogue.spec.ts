import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * The manager's support catalogue on a phone (360 px): add a support type, retire it behind a
 * confirmation, then delete it from its page while nothing uses it — every page accessible (axe)
 * and none scrolling sideways; and the per-person training limit on the centre's policy.
 */
const C = pl.catalogue;
const NAME = "Warsztaty kulinarne";

let centre: TFixtureTenant<"manager">;

test.use({ viewport: { width: 360, height: 780 } });

test.beforeAll(async () => {
  centre = await createFixtureTenant({ users: { manager: { name: "Kierowniczka Katalogu", role: "MANAGER" } } });
});

const fitsTheScreen = (page: import("@playwright/test").Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test("a manager adds a support type, retires it and deletes it while unused", async ({ page, visit, scan }) => {
  await signInAs(page, centre.users.manager);
  await visit("/admin/catalogue");
  expect(await fitsTheScreen(page)).toBe(true);

  const types = page.getByTestId("catalogue-supportType");
  await types.locator("summary", { hasText: C.lists.supportType.add }).click();
  await types.getByRole("textbox", { name: C.fields.name, exact: true }).fill(NAME);
  await types.getByRole("textbox", { name: C.fields.nameEn }).fill("Cooking workshops");
  await types.locator("button[type=submit]").click();
  await expect(types.getByTestId("catalogue-saved")).toHaveText(C.added.replace("{name}", NAME));
  const row = types.getByTestId("catalogue-row").filter({ hasText: NAME });
  await expect(row).toContainText(C.notUsed);
  await scan();
  expect(await fitsTheScreen(page)).toBe(true);

  // Retire, confirmed in a dialog; the row says so.
  await row.getByRole("button", { name: C.retire.label.replace("{name}", NAME) }).click();
  const dialog = page.getByRole("dialog", { name: C.retire.title.replace("{name}", NAME) });
  await expect(dialog).toBeVisible();
  await scan();
  await dialog.getByRole("button", { name: C.retire.confirm }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(C.retiredBadge);
  const [stored] = await ownerQuery<{ code: string; retired: boolean }>(`SELECT code, retired_at IS NOT NULL AS retired FROM support_type WHERE tenant_id = $1 AND name = $2`, [centre.id, NAME]);
  expect(stored).toEqual({ code: "WARSZTATY_KULINARNE", retired: true });

  // Its page: unused, so it can be deleted.
  await row.getByRole("link", { name: C.editLabel.replace("{name}", NAME) }).click();
  await expect(page.getByRole("heading", { level: 1, name: C.editTitle.replace("{name}", NAME) })).toBeVisible();
  await scan();
  expect(await fitsTheScreen(page)).toBe(true);
  await page.getByRole("button", { name: C.delete.button }).click();
  const confirm = page.getByRole("dialog", { name: C.delete.title.replace("{name}", NAME) });
  await confirm.getByRole("button", { name: C.delete.confirm }).click();
  await expect(page).toHaveURL(/\/admin\/catalogue$/);
  await expect(page.getByTestId("catalogue-row").filter({ hasText: NAME })).toHaveCount(0);
});

test("the centre's policy sets the per-person training limit", async ({ page, visit }) => {
  await signInAs(page, centre.users.manager);
  await visit("/admin/policy");
  const limit = page.getByRole("spinbutton", { name: pl.policy.trainingLimit });
  await expect(limit).toHaveValue("3");
  await limit.fill("5");
  await page.getByRole("button", { name: pl.common.save }).click();
  await expect(page.getByText(pl.policy.saved)).toBeVisible();
  const [tenant] = await ownerQuery<{ limit: number }>(`SELECT training_limit_per_person AS "limit" FROM tenant WHERE id = $1`, [centre.id]);
  expect(tenant?.limit).toBe(5);
});
