import { NAV_ITEMS } from "@/components/shell/nav-items";
import { can, ROLES } from "@/lib/auth/permissions";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { demoAccount, expect, signIn, test, DEMO_PASSWORD } from "./support/fixtures";

const navLabels = (role: string) => NAV_ITEMS.filter((item) => can(role, item.permission)).map((item) => pl.shell.nav[item.key]);

test.describe("sign-in and navigation by role", () => {
  for (const role of ROLES) {
    test(`${role} signs in and sees the navigation of the role`, async ({ page, scan }) => {
      const account = demoAccount(role);
      await signIn(page, account);
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByTestId("signed-in-user")).toContainText(account.name);
      const nav = page.getByRole("navigation", { name: "Menu główne" });
      await expect(nav.getByRole("link")).toHaveText(navLabels(role));
      await scan();
    });
  }

  test("the start page and the sign-in page are in Polish and accessible", async ({ page, visit }) => {
    await visit("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.home.title);
    await expect(page.locator("html")).toHaveAttribute("lang", "pl");
    await visit("/login");
  });

  test("the interface switches to English and back", async ({ page, scan }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await scan();
    await page.getByRole("button", { name: "Polski" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logowanie");
  });
});

test.describe("refusals", () => {
  test("a wrong password shows the one generic message and keeps what was typed", async ({ page, scan }) => {
    const account = demoAccount("KEY_ADVISOR");
    await signIn(page, account, "definitely-wrong-password");
    await expect(page.getByTestId("login-error")).toHaveText(pl.login.failed);
    await expect(page.getByRole("textbox", { name: "Adres e-mail" })).toHaveValue(account.email);
    await scan();
  });

  test("an unknown e-mail gets exactly the same message", async ({ page }) => {
    await signIn(page, { tenant: "sowes", email: "nikt@sowes.example.pl" }, "whatever-password");
    await expect(page.getByTestId("login-error")).toHaveText(pl.login.failed);
  });

  test("after five failures the sixth attempt is refused even with the right password", async ({ page }) => {
    // An account no other journey signs in with: it stays locked for the rest of the run.
    const account = { tenant: "owes-slupsk", email: "doradca2@slupsk.example.pl" };
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, account, `wrong-password-${attempt}`);
      await expect(page.getByTestId("login-error")).toBeVisible();
    }
    await signIn(page, account, DEMO_PASSWORD);
    await expect(page.getByTestId("login-error")).toHaveText(pl.login.failed);
    await expect(page).toHaveURL(/\/login/);
  });

  test("an anonymous visitor of the app is sent to sign in", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a role without the permission gets 403 on an admin page", async ({ page, scan }) => {
    await signIn(page, demoAccount("KEY_ADVISOR"));
    await expect(page).toHaveURL(/\/dashboard$/);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByText(pl.errors.FORBIDDEN)).toBeVisible();
    await scan();
  });
});

test.describe("sessions", () => {
  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, demoAccount("SPECIALIST"));
    await expect(page).toHaveURL(/\/dashboard$/);
    // Sign-out sits in the user menu, opened from the signed-in user's name.
    await page.getByTestId("signed-in-user").click();
    await page.getByRole("button", { name: "Wyloguj" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a user deactivated by an admin is refused on their next click", async ({ browser }) => {
    const advisor = { tenant: "sowes", email: "doradca6@sowes.example.pl" };
    const advisorContext = await browser.newContext();
    const adminContext = await browser.newContext();
    const advisorPage = await advisorContext.newPage();
    const adminPage = await adminContext.newPage();

    await signIn(advisorPage, advisor);
    await expect(advisorPage).toHaveURL(/\/dashboard$/);

    await signIn(adminPage, demoAccount("ADMIN"));
    await adminPage.goto("/admin/users?q=doradca6");
    await adminPage.getByRole("link", { name: "Paweł Kozłowski" }).click();
    await adminPage.getByRole("button", { name: pl.users.deactivate }).click();
    await expect(adminPage.getByText(pl.users.deactivated)).toBeVisible();

    await advisorPage.getByTestId("signed-in-user").click();
    await advisorPage.getByRole("link", { name: pl.shell.account }).click();
    await expect(advisorPage).toHaveURL(/\/login/);

    await advisorContext.close();
    await adminContext.close();
  });
});
