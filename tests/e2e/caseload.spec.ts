import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, fill, test } from "./support/fixtures";
import { clientsNamed, createFixtureTenant, signInAs } from "./support/tenant";

/**
 * Every journey gets its own centre (maximum 15 per advisor): Katarzyna Zielińska at 15/15,
 * Tomasz Wójcik with 12, Agnieszka Kamińska 4, Michał Lewandowski 6 (office Staszów), Joanna
 * Dąbrowska 13, and four clients waiting in the queue, the first the longest.
 */
function createCaseloadCentre() {
  return createFixtureTenant({
    maxClientsPerAdvisor: 15,
    offices: ["Busko-Zdrój", "Staszów"],
    partners: ["Fundacja Busko"],
    users: {
      manager: { name: "Ewa Kierownik", role: "MANAGER" },
      coordinator: { name: "Piotr Koordynator", role: "COORDINATOR", partner: "Fundacja Busko" },
      full: { name: "Katarzyna Zielińska", role: "KEY_ADVISOR", office: "Busko-Zdrój", partner: "Fundacja Busko" },
      tomasz: { name: "Tomasz Wójcik", role: "KEY_ADVISOR", office: "Busko-Zdrój" },
      agnieszka: { name: "Agnieszka Kamińska", role: "KEY_ADVISOR", office: "Busko-Zdrój" },
      michal: { name: "Michał Lewandowski", role: "KEY_ADVISOR", office: "Staszów" },
      joanna: { name: "Joanna Dąbrowska", role: "KEY_ADVISOR", office: "Busko-Zdrój" },
    },
    clients: [
      ...clientsNamed("Klient Zielińskiej", 15, "full"),
      ...clientsNamed("Klient Wójcika", 12, "tomasz"),
      ...clientsNamed("Klient Kamińskiej", 4, "agnieszka"),
      ...clientsNamed("Klient Lewandowskiego", 6, "michal"),
      ...clientsNamed("Klient Dąbrowskiej", 13, "joanna"),
      { name: "Grupa inicjatywna Rękodzieło Ziemi Staszowskiej", kind: "NGO" },
      { name: "Stowarzyszenie Seniorzy Ponidzia", kind: "NGO" },
      { name: "Aleksandra Pawlak" },
      { name: "Fundacja Energia dla Połańca", kind: "NGO" },
    ],
  });
}

/** A message with its {placeholders} filled in, as next-intl renders it. */
const boardRow = (page: Page, name: string) => page.getByTestId("board-row").filter({ has: page.getByRole("rowheader", { name }) });

test.describe("caseload board", () => {
  test("shows each advisor's load and limit, marks the full and the over-limit in words, and limits can be changed", async ({ page, visit, scan }) => {
    const centre = await createCaseloadCentre();
    await signInAs(page, centre.users.manager);
    await visit("/caseload");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.caseload.board.title);
    const full = boardRow(page, "Katarzyna Zielińska");
    await expect(full).toContainText("15/15");
    await expect(full).toContainText(pl.caseload.load.full);

    // A limit above the tenant's maximum is refused next to the field; one below the load is allowed.
    const row = boardRow(page, "Agnieszka Kamińska");
    await expect(row).toContainText("4/15");
    await row.getByRole("button", { name: /Zmień limit/ }).click();
    const dialog = page.getByRole("dialog", { name: fill(pl.caseload.limit.title, { advisor: "Agnieszka Kamińska" }) });
    await expect(dialog).toBeVisible();
    const limit = dialog.getByRole("spinbutton", { name: pl.caseload.limit.field });
    await expect(limit).toBeFocused();
    await scan();
    await limit.fill("16");
    await dialog.getByRole("button", { name: pl.common.save }).click();
    await expect(dialog.getByText(fill(pl.validation.limitAboveTenantMax, { max: 15 }))).toBeVisible();
    await limit.fill("3");
    await dialog.getByRole("button", { name: pl.common.save }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("4/3");
    await expect(row).toContainText(fill(pl.caseload.load.overLimit, { over: 1 }));

    await page.getByRole("checkbox", { name: pl.caseload.board.overLimitOnly }).check();
    await page.getByRole("button", { name: pl.common.filter }).click();
    await expect(page).toHaveURL(/overLimitOnly=1/);
    await expect(page.getByTestId("board-row")).toHaveCount(1);
    await expect(boardRow(page, "Agnieszka Kamińska")).toBeVisible();
    await scan();

    // Empty means the tenant's maximum again.
    await boardRow(page, "Agnieszka Kamińska").getByRole("button", { name: /Zmień limit/ }).click();
    await dialog.getByRole("spinbutton", { name: pl.caseload.limit.field }).fill("");
    await dialog.getByRole("button", { name: pl.common.save }).click();
    await expect(dialog).toBeHidden();
    await visit("/caseload");
    await expect(boardRow(page, "Agnieszka Kamińska")).toContainText("4/15");
  });

  test("filters by office", async ({ page, visit }) => {
    const centre = await createCaseloadCentre();
    await signInAs(page, centre.users.manager);
    await visit("/caseload");
    await page.getByRole("combobox", { name: pl.caseload.board.officeFilter }).selectOption({ label: "Staszów" });
    await page.getByRole("button", { name: pl.common.filter }).click();
    await expect(page).toHaveURL(/officeId=/);
    await expect(boardRow(page, "Michał Lewandowski")).toBeVisible();
    await expect(boardRow(page, "Katarzyna Zielińska")).toHaveCount(0);
  });
});

test.describe("assigning from the queue", () => {
  test("an advisor at 15/15 shows as full in the dialog, and forcing the assignment anyway is refused in Polish", async ({ page, visit, scan }) => {
    const centre = await createCaseloadCentre();
    await signInAs(page, centre.users.manager);
    await visit("/caseload/queue");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.caseload.queue.title);
    // Oldest first: the client registered first waits at the top.
    await expect(page.getByTestId("queue-row").first()).toContainText("Grupa inicjatywna Rękodzieło Ziemi Staszowskiej");

    const client = "Stowarzyszenie Seniorzy Ponidzia";
    const trigger = page.getByRole("button", { name: `${pl.caseload.queue.assign} — ${client}` });
    await trigger.click();
    const dialog = page.getByRole("dialog", { name: fill(pl.caseload.assign.title, { client }) });
    await expect(dialog).toBeVisible();
    const full = dialog.getByRole("radio", { name: /Katarzyna Zielińska/ });
    await expect(full).toBeDisabled();
    const fullLabel = dialog.locator("label").filter({ hasText: "Katarzyna Zielińska" });
    await expect(fullLabel).toContainText("15/15");
    await expect(fullLabel).toContainText(pl.caseload.load.fullNote);
    await expect(dialog.getByRole("radio", { name: /Agnieszka Kamińska/ })).toBeEnabled();
    await scan();

    // Force it: the server decides under its lock and refuses, changing nothing.
    await full.evaluate((input) => input.removeAttribute("disabled"));
    await full.check();
    await dialog.getByRole("button", { name: pl.caseload.assign.submit, exact: true }).click();
    await expect(dialog.getByTestId("assign-error")).toHaveText(
      fill(pl.errors.CASELOAD_LIMIT_REACHED, { advisor: "Katarzyna Zielińska", load: 15, limit: 15 }),
    );
    await expect(dialog.getByTestId("assign-error")).toHaveAttribute("role", "alert");

    // Escape closes the dialog and gives focus back to the button that opened it.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(trigger).toBeFocused();
    await page.reload();
    await expect(page.getByTestId("queue-row").filter({ hasText: client })).toHaveCount(1);
    await visit("/caseload");
    await expect(boardRow(page, "Katarzyna Zielińska")).toContainText("15/15");
  });

  test("an advisor takes a client from the queue; an advisor at the limit is refused", async ({ page, visit, browser }) => {
    const centre = await createCaseloadCentre();
    await signInAs(page, centre.users.michal);
    await visit("/my-clients");
    await expect(page.getByTestId("my-caseload")).toContainText(fill(pl.caseload.load.mine, { load: 6, limit: 15 }));
    await visit("/caseload/queue");
    await page.getByRole("button", { name: `${pl.caseload.queue.take} — Aleksandra Pawlak` }).click();
    await expect(page).toHaveURL(/\/clients\/[0-9a-f-]+\?taken=1$/);
    await expect(page.getByText(pl.clients.details.taken)).toBeVisible();
    await expect(page.getByTestId("key-advisor")).toHaveText("Michał Lewandowski");
    await visit("/my-clients");
    await expect(page.getByTestId("my-caseload")).toContainText(fill(pl.caseload.load.mine, { load: 7, limit: 15 }));
    await expect(page.getByRole("link", { name: "Aleksandra Pawlak" })).toBeVisible();

    const fullContext = await browser.newContext();
    const fullPage = await fullContext.newPage();
    await signInAs(fullPage, centre.users.full);
    await fullPage.goto("/caseload/queue");
    await fullPage.getByRole("button", { name: `${pl.caseload.queue.take} — Fundacja Energia dla Połańca` }).click();
    await expect(fullPage.getByTestId("take-error")).toHaveText(
      fill(pl.errors.CASELOAD_LIMIT_REACHED, { advisor: "Katarzyna Zielińska", load: 15, limit: 15 }),
    );
    await fullContext.close();
  });
});

test.describe("handover", () => {
  test("moves what fits, never over a limit, and reports the rest", async ({ page, visit, scan }) => {
    const centre = await createCaseloadCentre();
    await signInAs(page, centre.users.manager);
    await visit("/caseload");
    await page.getByRole("link", { name: pl.caseload.board.handoverLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.caseload.handover.title);
    await scan();

    // Nothing chosen: both errors next to their fields.
    await page.getByRole("button", { name: pl.caseload.handover.submit }).click();
    await expect(page.getByText(pl.validation.required)).toBeVisible();
    await expect(page.getByText(pl.validation.chooseAtLeastOneAdvisor)).toBeVisible();

    await page.getByRole("combobox", { name: pl.caseload.handover.from }).selectOption({ label: "Tomasz Wójcik (12/15)" });
    await expect(page.getByRole("checkbox", { name: /Tomasz Wójcik/ })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: /Katarzyna Zielińska/ })).toBeDisabled();
    await page.getByRole("checkbox", { name: /Joanna Dąbrowska/ }).check();
    await expect(page.getByTestId("handover-order")).toHaveText(/1\. Joanna Dąbrowska/);
    await page.getByRole("textbox", { name: pl.caseload.handover.reason }).fill("Zakończenie umowy");
    await page.getByRole("button", { name: pl.caseload.handover.submit }).click();

    const summary = page.getByTestId("handover-summary");
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("heading", { name: pl.caseload.handover.summaryTitle })).toBeFocused();
    await expect(summary).toContainText(fill(pl.caseload.handover.summaryCounts, { moved: 2, notMoved: 10 }));
    const moved = summary.getByRole("table", { name: pl.caseload.handover.movedTitle });
    await expect(moved.getByRole("row")).toHaveCount(3);
    await expect(moved).toContainText("Joanna Dąbrowska");
    const notMoved = summary.getByRole("table", { name: pl.caseload.handover.notMovedTitle });
    await expect(notMoved.getByRole("row")).toHaveCount(11);
    await expect(notMoved.getByRole("row").nth(1)).toContainText(pl.caseload.handover.notMovedReasons.ALL_FULL);
    await scan();

    await visit("/caseload");
    await expect(boardRow(page, "Joanna Dąbrowska")).toContainText("15/15");
    await expect(boardRow(page, "Tomasz Wójcik")).toContainText("10/15");
  });

  test("is refused to a coordinator", async ({ page }) => {
    const centre = await createCaseloadCentre();
    await signInAs(page, centre.users.coordinator);
    const response = await page.goto("/caseload/handover");
    expect(response?.status()).toBe(403);
  });
});
