import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery, withDatabaseUnreachable } from "./support/database";
import { demoAccount, expect, signIn, test } from "./support/fixtures";

/** What an error page must never show: the thrown message, a stack, or the server's internals. */
async function expectNothingTechnical(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/Error:|\n\s*at \S+ \(|Prisma|owes_e2e|accepting connections|ECONNREFUSED/);
}

test.describe("the app's own error pages", () => {
  test("with the database stopped, a page shows the app's own error page in Polish, and retry brings the page back", async ({ page, visit, scan }) => {
    await signIn(page, demoAccount("KEY_ADVISOR"));
    await visit("/dashboard");
    const clientsHeading = page.getByRole("heading", { level: 1, name: pl.clients.title });
    const errorHeading = page.getByRole("heading", { level: 1, name: pl.errorPages.error.title });
    const retry = page.getByRole("button", { name: pl.errorPages.error.retry });

    await withDatabaseUnreachable(async () => {
      // Moving on inside the app: the error takes the page's place, the app's menu stays.
      await page.getByRole("navigation", { name: pl.shell.mainNav }).getByRole("link", { name: pl.shell.nav.clients, exact: true }).click();
      await expect(errorHeading).toBeVisible();
      await expect(errorHeading).toBeFocused();
      await expect(page).toHaveURL(/\/clients$/);
      await expect(page.getByTestId("signed-in-user")).toBeVisible();
      await expect(page.getByRole("link", { name: pl.errorPages.dashboard })).toHaveAttribute("href", "/dashboard");
      await expectNothingTechnical(page);
      await scan();

      // A fresh load of the same address: the session check itself fails, outside the app's shell.
      await visit("/clients");
      await expect(errorHeading).toBeVisible();
      await expect(errorHeading).toBeFocused();
      await expect(page.getByText(pl.errorPages.error.whatToDo)).toBeVisible();
      await expect(page.getByTestId("error-reference")).toHaveText(/^Numer zgłoszenia: \S+$/);
      await expect(page.getByRole("link", { name: pl.errorPages.startPage })).toHaveAttribute("href", "/");
      await expect(page).toHaveURL(/\/clients$/);
      await expectNothingTechnical(page);

      // Retrying while the database is still away answers the same, in place.
      await retry.click();
      await expect(errorHeading).toBeVisible();
      await expect(page).toHaveURL(/\/clients$/);
    });

    // The database is back: the same button renders the same address again.
    await retry.click();
    await expect(clientsHeading).toBeVisible();
    await expect(errorHeading).toBeHidden();
    await expect(page).toHaveURL(/\/clients$/);
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
  });

  test("a missing client id shows the 404 page in Polish, inside the app", async ({ page, visit, scan }) => {
    await signIn(page, demoAccount("KEY_ADVISOR"));
    const response = await page.goto(`/clients/${randomUUID()}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: pl.errorPages.notFound.title })).toBeVisible();
    await expect(page.getByText(pl.errors.NOT_FOUND)).toBeVisible();
    await expect(page.getByRole("link", { name: pl.errorPages.dashboard })).toHaveAttribute("href", "/dashboard");
    // The user keeps their place: the app's menu and account stay.
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
    await expectNothingTechnical(page);
    await scan();

    await visit("/nie-ma-takiej-strony");
    await expect(page.getByRole("heading", { level: 1, name: pl.errorPages.notFound.title })).toBeVisible();
  });

  test("a manager gets the 403 page for any user id on the user edit page, existing or not, every time", async ({ page, visit }) => {
    await signIn(page, demoAccount("MANAGER"));
    const advisor = demoAccount("KEY_ADVISOR");
    const [existing] = await ownerQuery<{ id: string }>(
      `SELECT u.id FROM "user" u JOIN tenant t ON t.id = u.tenant_id WHERE t.slug = $1 AND u.email = $2`,
      [advisor.tenant, advisor.email],
    );
    if (!existing) throw new Error("the demo key advisor is missing");

    for (let round = 0; round < 3; round++) {
      for (const id of [randomUUID(), existing.id]) {
        const response = await page.goto(`/admin/users/${id}`);
        expect(response?.status(), id).toBe(403);
        await expect(page.getByRole("heading", { level: 1, name: pl.errorPages.forbidden.title })).toBeVisible();
        await expect(page.getByText(pl.errors.FORBIDDEN)).toBeVisible();
      }
    }
    await visit(`/admin/users/${existing.id}`);
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
  });
});
