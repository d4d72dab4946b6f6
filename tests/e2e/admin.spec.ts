import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { demoAccount, expect, expectNoAxeViolations, signIn, test } from "./support/fixtures";
import { lastMailId, linkIn, waitForMail } from "./support/mail";

test.describe("administration", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, demoAccount("ADMIN"));
  });

  test("an admin invites a user: errors in Polish next to the fields, nothing typed is lost; the invitation sets the password", async ({ page, browser, visit, scan }) => {
    await visit("/admin/users");
    await page.getByRole("link", { name: pl.users.new }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.users.newTitle);
    // The admin no longer types a password: the user chooses it from the invitation.
    await expect(page.getByText(pl.users.invitationHint)).toBeVisible();
    await expect(page.getByLabel(/hasło/i)).toHaveCount(0);
    await scan();

    const name = page.getByRole("textbox", { name: pl.users.fields.name });
    const email = page.getByRole("textbox", { name: pl.users.fields.email });
    await name.fill("Olga Nowicka");
    await email.fill("olga.nowicka@");
    await page.getByRole("combobox", { name: pl.users.fields.role }).selectOption({ label: pl.roles.KEY_ADVISOR });
    await page.getByRole("combobox", { name: pl.users.fields.office }).selectOption({ label: "Staszów" });
    await page.getByRole("button", { name: pl.common.save }).click();

    await expect(page.getByText(pl.validation.invalidEmail)).toBeVisible();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveValue("Olga Nowicka");
    await scan();

    // A taken e-mail is refused by the service, shown at the field, the rest kept.
    await email.fill("doradca1@sowes.example.pl");
    await page.getByRole("button", { name: pl.common.save }).click();
    await expect(page.getByText(pl.validation.emailTaken)).toBeVisible();
    await expect(name).toHaveValue("Olga Nowicka");

    const since = await lastMailId();
    await email.fill("olga.nowicka@sowes.example.pl");
    await page.getByRole("button", { name: pl.common.save }).click();
    await expect(page.getByText(pl.users.created)).toBeVisible();
    await expect(page.getByTestId("invitation-pending")).toContainText(pl.users.pending);
    await scan();

    // Pending in the list, with "send again".
    await visit("/admin/users?q=olga.nowicka");
    const row = page.getByRole("row").filter({ hasText: "Olga Nowicka" });
    await expect(row).toContainText(pl.users.pending);
    await expect(row.getByRole("button", { name: pl.users.resendFor.replace("{name}", "Olga Nowicka") })).toBeVisible();

    const mail = await waitForMail({ to: "olga.nowicka@sowes.example.pl", subject: "Zaproszenie do systemu OWES", since });
    expect(mail.text).toContain("72 godziny");
    const context = await browser.newContext();
    const newUserPage = await context.newPage();
    await newUserPage.goto(linkIn(mail, "/set-password"));
    await expect(newUserPage.getByRole("heading", { level: 1 })).toHaveText(pl.accounts.setPassword.titleInvite);
    await expectNoAxeViolations(newUserPage);
    await newUserPage.getByRole("textbox", { name: pl.accounts.setPassword.password, exact: true }).fill("Bezpieczne-Haslo-2026");
    await newUserPage.getByRole("textbox", { name: pl.accounts.setPassword.confirmPassword }).fill("Bezpieczne-Haslo-2026");
    await newUserPage.getByRole("button", { name: pl.accounts.setPassword.submit }).click();
    await expect(newUserPage.getByText(pl.login.passwordSet)).toBeVisible();
    await signIn(newUserPage, { tenant: "sowes", email: "olga.nowicka@sowes.example.pl" }, "Bezpieczne-Haslo-2026");
    await expect(newUserPage.getByTestId("signed-in-user")).toContainText("Olga Nowicka");
    await context.close();

    // No longer pending: the admin's link is now a password reset link.
    await page.reload();
    await expect(row).toContainText(pl.users.active);
    await expect(row.getByRole("button")).toHaveCount(0);
  });

  test("partners and offices are listed and added", async ({ page, visit }) => {
    await visit("/admin/partners");
    await expect(page.getByRole("link", { name: "Fundacja Busko" })).toBeVisible();
    await page.getByRole("textbox", { name: pl.organisation.name }).fill("Spółdzielnia Jędrzejów");
    await page.getByRole("button", { name: pl.organisation.newPartner }).click();
    await expect(page.getByRole("link", { name: "Spółdzielnia Jędrzejów" })).toBeVisible();

    await visit("/admin/offices");
    await expect(page.getByRole("link", { name: "Busko-Zdrój" })).toBeVisible();
    await page.getByRole("textbox", { name: pl.organisation.name }).fill("Busko-Zdrój");
    await page.getByRole("button", { name: pl.organisation.newOffice }).click();
    await expect(page.getByText(pl.validation.nameTaken)).toBeVisible();
  });

  test("changing the tenant policy is recorded in the audit trail", async ({ page, visit, scan }) => {
    await visit("/admin/policy");
    const limit = page.getByRole("spinbutton", { name: pl.policy.maxClients }).or(page.getByRole("textbox", { name: pl.policy.maxClients }));
    await limit.fill("51");
    await page.getByRole("button", { name: pl.common.save }).click();
    await expect(page.getByText(pl.validation.policyMax)).toBeVisible();
    await limit.fill("12");
    await page.getByRole("button", { name: pl.common.save }).click();
    await expect(page.getByText(pl.policy.saved)).toBeVisible();
    await scan();

    await visit("/audit");
    const row = page.getByRole("row").filter({ hasText: pl.audit.actions.tenant.policy_update }).first();
    await expect(row).toContainText("15");
    await expect(row).toContainText("12");

    // Put the policy back for the other journeys.
    await page.goto("/admin/policy");
    await limit.fill("15");
    await page.getByRole("button", { name: pl.common.save }).click();
    await expect(page.getByText(pl.policy.saved)).toBeVisible();
  });
});

test("a user changes their own password and signs in again with it", async ({ page, visit, scan }) => {
  // An account no other journey signs in with: its password changes for the rest of the run.
  const manager = demoAccount("MANAGER", "owes-slupsk");
  await signIn(page, manager);
  await visit("/account");
  await page.getByRole("textbox", { name: pl.account.currentPassword }).fill("Demo-OWES-2026");
  await page.getByRole("textbox", { name: pl.account.newPassword, exact: true }).fill("Nowe-Haslo-Kierownika-1");
  await page.getByRole("textbox", { name: pl.account.confirmPassword }).fill("Nowe-Haslo-Kierownika-2");
  await page.getByRole("button", { name: pl.account.submit }).click();
  await expect(page.getByText(pl.validation.passwordsDiffer)).toBeVisible();
  await scan();
  await page.getByRole("textbox", { name: pl.account.confirmPassword }).fill("Nowe-Haslo-Kierownika-1");
  await page.getByRole("button", { name: pl.account.submit }).click();
  await expect(page).toHaveURL(/\/login\?passwordChanged=1/);
  await expect(page.getByText(pl.login.passwordChanged)).toBeVisible();
  await signIn(page, manager, "Nowe-Haslo-Kierownika-1");
  await expect(page).toHaveURL(/\/dashboard$/);
});
