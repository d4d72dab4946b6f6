import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { demoAccount, expect, fill, signIn, test } from "./support/fixtures";

/** Opens a tab of the client page. */
async function openClientTab(page: Page, tab: keyof typeof pl.clients.tabs) {
  await page.getByRole("navigation", { name: pl.clients.tabs.label }).getByRole("link", { name: pl.clients.tabs[tab], exact: true }).click();
  await expect(page.getByRole("navigation", { name: pl.clients.tabs.label }).getByRole("link", { name: pl.clients.tabs[tab], exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
}

/** A message with its {placeholders} filled in, as next-intl renders it. */
test.describe("client registry", () => {
  test("a manager registers a client — errors in Polish next to the fields, nothing typed is lost — and assigns them", async ({ page, visit, scan }) => {
    await signIn(page, demoAccount("MANAGER"));
    await visit("/clients");
    await page.getByRole("link", { name: pl.clients.new }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.clients.newTitle);
    await scan();

    await page.getByRole("combobox", { name: pl.clients.fields.kind }).selectOption({ label: pl.clients.kinds.SOCIAL_COOPERATIVE });
    // Organisations have NIP, REGON and KRS; no PESEL.
    await expect(page.getByRole("textbox", { name: pl.clients.fields.pesel })).toHaveCount(0);
    const name = page.getByRole("textbox", { name: pl.clients.fields.name, exact: true });
    const nip = page.getByRole("textbox", { name: pl.clients.fields.nip });
    const postalCode = page.getByRole("textbox", { name: pl.clients.fields.postalCode });
    await name.fill("Spółdzielnia Socjalna Nowe Horyzonty");
    await nip.fill("123-456-78-90");
    await postalCode.fill("26200");
    await page.getByRole("textbox", { name: pl.clients.fields.town }).fill("Chmielnik");
    await page.getByRole("combobox", { name: pl.clients.fields.voivodeship }).selectOption("świętokrzyskie");
    await page.getByRole("checkbox", { name: pl.clients.spheres.ACTIVE_INTEGRATION_SERVICES }).check();

    // Representatives: added and removed from the keyboard; the new row's first field takes focus.
    await page.getByRole("button", { name: pl.clients.people.addRepresentative }).press("Enter");
    const first = page.getByRole("group", { name: `${pl.clients.people.representative} 1` });
    await expect(first.getByRole("textbox", { name: pl.clients.fields.personName })).toBeFocused();
    await page.keyboard.type("Anna Kowalczyk");
    await first.getByRole("textbox", { name: pl.clients.fields.personFunction }).fill("prezes zarządu");
    await page.getByRole("button", { name: pl.clients.people.addRepresentative }).click();
    const second = page.getByRole("group", { name: `${pl.clients.people.representative} 2` });
    await second.getByRole("button", { name: fill(pl.clients.people.remove, { role: pl.clients.people.representative, n: 2 }) }).press("Enter");
    await expect(second).toHaveCount(0);
    await expect(page.getByRole("button", { name: pl.clients.people.addRepresentative })).toBeFocused();

    await page.getByRole("button", { name: pl.clients.submitCreate }).click();
    await expect(page.getByText(pl.validation.invalidNip)).toBeVisible();
    await expect(page.getByText(pl.validation.invalidPostalCode)).toBeVisible();
    await expect(nip).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveValue("Spółdzielnia Socjalna Nowe Horyzonty");
    await expect(first.getByRole("textbox", { name: pl.clients.fields.personName })).toHaveValue("Anna Kowalczyk");
    await scan();

    await nip.fill("657-100-20-18");
    await postalCode.fill("26-020");
    await page.getByRole("button", { name: pl.clients.submitCreate }).click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]+\?created=1$/);
    await expect(page.getByText(pl.clients.details.created)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spółdzielnia Socjalna Nowe Horyzonty");
    // A new client waits for an advisor: the summary says so before any tab.
    await expect(page.getByTestId("summary-status")).toContainText(pl.clients.statuses.WAITING);
    await expect(page.getByTestId("summary-advisor")).toContainText(pl.clients.summary.noKeyAdvisor);
    await scan();
    await openClientTab(page, "details");
    const details = page.getByRole("region", { name: pl.clients.details.title });
    await expect(details.getByText("6571002018")).toBeVisible();
    await expect(details.getByRole("cell", { name: "Anna Kowalczyk" })).toBeVisible();
    await scan();
    await openClientTab(page, "overview");

    await page.getByRole("button", { name: new RegExp(`^${pl.caseload.assign.button}`) }).click();
    const dialog = page.getByRole("dialog", { name: fill(pl.caseload.assign.title, { client: "Spółdzielnia Socjalna Nowe Horyzonty" }) });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("radio", { name: /Agnieszka Kamińska/ }).check();
    await dialog.getByRole("textbox", { name: pl.caseload.assign.reason }).fill("Najbliżej siedziby klienta");
    await dialog.getByRole("button", { name: pl.caseload.assign.submit, exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("assign-done")).toHaveText(
      fill(pl.caseload.assign.done, { client: "Spółdzielnia Socjalna Nowe Horyzonty", advisor: "Agnieszka Kamińska" }),
    );
    await expect(page.getByTestId("key-advisor")).toHaveText("Agnieszka Kamińska");
    await page.getByTestId("client-history-link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(pl.clients.details.historyTitle, { client: "Spółdzielnia Socjalna Nowe Horyzonty" }));
    const assignments = page.getByRole("table", { name: pl.clients.details.assignmentsTitle });
    await expect(assignments).toContainText("Agnieszka Kamińska");
    await expect(assignments).toContainText("Najbliżej siedziby klienta");
    await expect(assignments).toContainText("Marek Kierownik");
    const audit = page.getByRole("table", { name: pl.clients.details.auditTitle });
    await expect(audit).toContainText(pl.audit.actions.client.create);
    await expect(audit).toContainText(pl.audit.actions.client.assign);
    await scan();

    // Found by a fragment of the name typed without Polish letters, and by the NIP.
    await visit("/clients?q=spoldzielnia+socjalna+nowe");
    await expect(page.getByRole("row").filter({ hasText: "Spółdzielnia Socjalna Nowe Horyzonty" })).toContainText("Agnieszka Kamińska");
    await visit("/clients?q=657-100-20-18");
    await expect(page.getByRole("rowheader")).toHaveText(["Spółdzielnia Socjalna Nowe Horyzonty"]);
  });

  test("a taken identifier is refused with a link to its client; the same name in the same town warns and can be overridden", async ({ page, visit }) => {
    await signIn(page, demoAccount("MANAGER"));
    await visit("/clients/new");
    const kind = page.getByRole("combobox", { name: pl.clients.fields.kind });
    const name = page.getByRole("textbox", { name: pl.clients.fields.name, exact: true });
    const nip = page.getByRole("textbox", { name: pl.clients.fields.nip });
    const town = page.getByRole("textbox", { name: pl.clients.fields.town });
    await kind.selectOption({ label: pl.clients.kinds.NGO });
    await name.fill("Stowarzyszenie Dolina Nidy");
    await nip.fill("6571002024");
    await town.fill("Pińczów");
    await page.getByRole("button", { name: pl.clients.submitCreate }).click();
    await expect(page).toHaveURL(/\?created=1$/);
    const existingUrl = new URL(page.url()).pathname;

    await visit("/clients/new");
    await kind.selectOption({ label: pl.clients.kinds.NGO });
    await name.fill("Stowarzyszenie Nad Nidą");
    await nip.fill("657 100 20 24");
    await town.fill("Pińczów");
    await page.getByRole("button", { name: pl.clients.submitCreate }).click();
    await expect(page.getByText(pl.validation.identifierTaken)).toBeVisible();
    await expect(nip).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("duplicate-identifier").getByRole("link", { name: "Stowarzyszenie Dolina Nidy" })).toHaveAttribute("href", existingUrl);
    await expect(name).toHaveValue("Stowarzyszenie Nad Nidą");

    // Without the NIP but under the existing name in the same town (written differently): a warning.
    await nip.fill("");
    await name.fill("stowarzyszenie dolina nidy");
    await page.getByRole("button", { name: pl.clients.submitCreate }).click();
    const warning = page.getByTestId("possible-duplicate");
    await expect(warning).toBeVisible();
    await expect(warning.getByRole("link", { name: "Stowarzyszenie Dolina Nidy" })).toHaveAttribute("href", existingUrl);
    const confirm = page.getByRole("checkbox", { name: pl.clients.confirmPossibleDuplicate });
    await expect(confirm).toBeFocused();
    await expect(name).toHaveValue("stowarzyszenie dolina nidy");
    await confirm.check();
    await page.getByRole("button", { name: pl.clients.submitCreate }).click();
    await expect(page).toHaveURL(/\?created=1$/);
    expect(new URL(page.url()).pathname).not.toBe(existingUrl);
    await page.getByTestId("client-history-link").click();
    await expect(page.getByRole("table", { name: pl.clients.details.auditTitle })).toContainText(pl.audit.actions.client.duplicate_override);
  });

  test("a key advisor edits their client's data; the change is in the client's history", async ({ page, visit, scan }) => {
    await signIn(page, { tenant: "sowes", email: "doradca3@sowes.example.pl" });
    await visit("/my-clients");
    await page.getByRole("link", { name: "Elżbieta Mróz" }).click();
    await page.getByRole("link", { name: pl.clients.details.edit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(pl.clients.editTitle, { name: "Elżbieta Mróz" }));
    await scan();
    // A person: PESEL, no organisation identifiers; the special-category field is there for this role.
    await expect(page.getByRole("textbox", { name: pl.clients.fields.nip })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: pl.clients.fields.hasDisability })).toBeVisible();
    const pesel = page.getByRole("textbox", { name: pl.clients.fields.pesel });
    await pesel.fill("44051401358");
    const phone = page.getByRole("textbox", { name: pl.clients.fields.phone });
    await phone.fill("41 386 20 00");
    await page.getByRole("button", { name: pl.common.save }).click();
    await expect(page.getByText(pl.validation.invalidPesel)).toBeVisible();
    await expect(phone).toHaveValue("41 386 20 00");
    await pesel.fill("44051401359");
    await page.getByRole("button", { name: pl.common.save }).click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]+\?saved=1$/);
    await expect(page.getByText(pl.common.saved)).toBeVisible();
    await page.getByTestId("client-history-link").click();
    const audit = page.getByRole("table", { name: pl.clients.details.auditTitle });
    await expect(audit.getByRole("row").nth(1)).toContainText(pl.audit.actions.client.update);
    await expect(audit.getByRole("row").nth(1)).toContainText("41 386 20 00");
  });

  test("the list filters by kind, advisor and status, and pages on the server", async ({ page, visit }) => {
    await signIn(page, demoAccount("COORDINATOR"));
    await visit("/clients");
    await expect(page.getByRole("navigation", { name: pl.common.pagination.nav })).toContainText(/Strona 1 z [2-9]/);
    await page.getByRole("combobox", { name: pl.clients.advisorFilter }).selectOption({ label: pl.clients.advisorNone });
    await page.getByRole("combobox", { name: pl.clients.statusFilter }).selectOption({ label: pl.clients.statuses.WAITING });
    await page.getByRole("button", { name: pl.common.search }).click();
    await expect(page).toHaveURL(/advisorId=none/);
    await expect(page.getByRole("rowheader", { name: "Grupa inicjatywna Rękodzieło Ziemi Staszowskiej" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Spółdzielnia Socjalna Zdrojowa" })).toHaveCount(0);

    await visit(`/clients?kind=LOCAL_GOVERNMENT`);
    const kinds = await page.locator("tbody tr > td:first-of-type").allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k === pl.clients.kinds.LOCAL_GOVERNMENT)).toBe(true);
    await expect(page.getByRole("rowheader", { name: "Gmina Stopnica" })).toBeVisible();
  });

  test("special-category data is withheld from roles that may not see it", async ({ page, visit }) => {
    await signIn(page, demoAccount("AUDITOR"));
    await visit("/clients?q=Jan+Nowicki");
    await page.getByRole("link", { name: "Jan Nowicki" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jan Nowicki");
    await openClientTab(page, "details");
    await expect(page.getByText(pl.clients.details.sensitiveHidden).first()).toBeVisible();
    await expect(page.getByRole("link", { name: pl.clients.details.edit })).toHaveCount(0);
    await expect(page.getByRole("button", { name: new RegExp(pl.caseload.assign.buttonChange) })).toHaveCount(0);
    const response = await page.goto("/clients/new");
    expect(response?.status()).toBe(403);
  });
});

test.describe("clients across tenants", () => {
  test("another tenant's client id answers 404, the own tenant's client opens", async ({ page, browser }) => {
    const sowes = await browser.newContext();
    const sowesPage = await sowes.newPage();
    await signIn(sowesPage, demoAccount("MANAGER"));
    await sowesPage.goto("/clients?q=Zdrojowa");
    const foreignHref = await sowesPage.getByRole("link", { name: "Spółdzielnia Socjalna Zdrojowa" }).getAttribute("href");
    await sowes.close();
    expect(foreignHref).toMatch(/^\/clients\/[0-9a-f-]+$/);

    // This journey's own client in the other centre, carried by the advisor who signs in there.
    const ownName = `Spółdzielnia Socjalna Słupsk ${randomUUID().slice(0, 8)}`;
    await ownerQuery(
      `WITH a AS (SELECT u.id, u.tenant_id FROM "user" u JOIN tenant t ON t.id = u.tenant_id WHERE t.slug = 'owes-slupsk' AND u.email = 'doradca1@slupsk.example.pl'),
            c AS (INSERT INTO client (id, tenant_id, kind, name, name_normalized, status, key_advisor_id, updated_at)
                  SELECT gen_random_uuid(), a.tenant_id, 'SOCIAL_COOPERATIVE', $1, lower($1), 'ACTIVE', a.id, now() FROM a
                  RETURNING id, tenant_id, key_advisor_id)
       INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, assigned_by_id)
       SELECT gen_random_uuid(), c.tenant_id, c.id, c.key_advisor_id, c.key_advisor_id FROM c`,
      [ownName],
    );
    await signIn(page, { tenant: "owes-slupsk", email: "doradca1@slupsk.example.pl" });
    const foreign = await page.goto(String(foreignHref));
    expect(foreign?.status()).toBe(404);
    expect((await page.goto(`${foreignHref}/edit`))?.status()).toBe(404);

    await page.goto("/clients");
    await expect(page.getByRole("rowheader", { name: "Spółdzielnia Socjalna Zdrojowa" })).toHaveCount(0);
    await page.getByRole("link", { name: ownName }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ownName);
  });
});
