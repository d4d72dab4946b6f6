import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Locator, Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, signIn, test } from "./support/fixtures";

const S = pl.services;
// doradca4 Michał Lewandowski (Staszów). The demo seed gives his client Irena Baran a path in
// implementation whose approved plan starts with "Przygotowanie biznesplanu spółdzielni".
const ADVISOR = { tenant: "sowes", email: "doradca4@sowes.example.pl" };
const PATH_CLIENT = "Irena Baran";
const PLAN_ACTION = "Przygotowanie biznesplanu spółdzielni";
const GROUP = ["Irena Baran", "Tadeusz Wilk", "Krystyna Jasińska"];

/** Moves the focus with Tab (and only Tab) until `target` has it. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 300; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the control");
}

async function openClient(page: Page, name: string) {
  await page.goto(`/clients?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

const form = (page: Page) => page.getByRole("form", { name: S.newTitle });

/** A tab of the client page. */
const clientTab = (page: Page, tab: keyof typeof pl.clients.tabs) =>
  page.getByRole("navigation", { name: pl.clients.tabs.label }).getByRole("link", { name: pl.clients.tabs[tab], exact: true });

test.describe.configure({ mode: "serial" });

test("an advisor logs a 60-minute consultation from the client page with the keyboard alone; it shows in the day view and on the path's implementation", async ({
  page,
  scan,
}) => {
  await signIn(page, ADVISOR);
  await openClient(page, PATH_CLIENT);
  await scan();
  await page.getByRole("link", { name: pl.clients.logService }).click();
  const entry = form(page);
  await expect(entry.getByRole("checkbox", { name: PATH_CLIENT })).toBeChecked();

  // Start typing, reload: the draft is still there.
  const duration = entry.getByRole("spinbutton", { name: S.fields.durationMinutes });
  await page.locator("body").focus();
  await tabTo(page, duration);
  await page.keyboard.type("60");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(entry.getByRole("combobox", { name: S.fields.supportType })).toHaveValue("ADVISORY");
  await page.reload();
  await expect(page.getByText(S.draftRestored)).toBeVisible();
  await expect(duration).toHaveValue("60");
  await expect(entry.getByRole("combobox", { name: S.fields.supportType })).toHaveValue("ADVISORY");

  // Finish from the keyboard: topic, the plan action, submit with Enter.
  const topic = entry.getByRole("textbox", { name: S.fields.topic });
  await page.locator("body").focus();
  await tabTo(page, topic);
  await page.keyboard.type("Kalkulacja kosztów cateringu");
  const action = entry.getByRole("combobox", { name: S.fields.planAction.replace("{client}", PATH_CLIENT) });
  await tabTo(page, action);
  await page.keyboard.press("ArrowDown");
  await expect(action.locator("option:checked")).toContainText(PLAN_ACTION);
  await tabTo(page, entry.getByRole("button", { name: S.submit }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("service-saved")).toBeVisible();
  await expect(duration).toHaveValue("");
  await scan();

  // The day view lists it with the day's total.
  await page.goto("/services");
  const row = page.getByTestId("service-row").filter({ hasText: "Kalkulacja kosztów cateringu" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(PATH_CLIENT);
  await expect(row).toContainText("1 h");
  await expect(page.getByTestId("period-total")).toContainText("1 h");
  await scan();

  // The path's implementation tab shows it under the planned action.
  await openClient(page, PATH_CLIENT);
  await page.getByTestId("summary-step").getByRole("link").click();
  await page.getByRole("navigation", { name: pl.paths.sections }).getByRole("link", { name: pl.paths.tabs.implementation }).click();
  const planned = page.getByTestId("implementation-action").filter({ hasText: PLAN_ACTION });
  await expect(planned.getByTestId("service-row").filter({ hasText: "Kalkulacja kosztów cateringu" })).toHaveCount(1);
  await scan();
});

test("a group session with 3 clients is one entry that appears in each client's history", async ({ page, visit }) => {
  await signIn(page, ADVISOR);
  await visit("/services");
  const entry = form(page);
  for (const name of GROUP) await entry.getByRole("checkbox", { name, exact: true }).check();
  await entry.getByRole("spinbutton", { name: S.fields.durationMinutes }).fill("90");
  await entry.getByRole("combobox", { name: S.fields.supportType }).selectOption("TRAINING");
  await entry.getByRole("combobox", { name: S.fields.form }).selectOption("GROUP");
  await entry.getByRole("textbox", { name: S.fields.topic }).fill("Warsztat: rejestracja spółdzielni w KRS");
  // What the server action answers, read whole on its way to the page.
  const answers: number[] = [];
  await page.route("**/services*", async (route) => {
    if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.continue();
    const response = await route.fetch();
    const body = await response.body();
    answers.push(body.length);
    await route.fulfill({ response, body });
  });
  await entry.getByRole("button", { name: S.submit }).click();
  await expect(page.getByTestId("service-saved")).toContainText("90 min, 3 klientów");
  const rows = page.getByTestId("service-row").filter({ hasText: "Warsztat: rejestracja spółdzielni w KRS" });
  await expect(rows).toHaveCount(1);
  // The action answers with the day's list, not a re-render of the page with its form options
  // (issue 12: it was 78 KB); no second request re-reads the page.
  expect(answers).toHaveLength(1);
  expect(answers[0]).toBeLessThan(16_000);
  await page.unroute("**/services*");

  for (const name of GROUP) {
    await openClient(page, name);
    await clientTab(page, "services").click();
    await page.getByRole("link", { name: S.fullHistory }).click();
    await expect(page.getByRole("heading", { level: 1, name: S.historyOf.replace("{client}", name) })).toBeVisible();
    const row = page.getByTestId("service-row").filter({ hasText: "Warsztat: rejestracja spółdzielni w KRS" });
    await expect(row).toHaveCount(1);
    for (const other of GROUP) await expect(row).toContainText(other);
  }
  // Filtering by another type hides it.
  await page.getByRole("combobox", { name: S.fields.supportType }).selectOption("COACHING");
  await page.getByRole("button", { name: pl.common.filter }).click();
  await expect(page.getByTestId("service-row").filter({ hasText: "Warsztat: rejestracja spółdzielni w KRS" })).toHaveCount(0);
  await expect(page).toHaveURL(/supportType=COACHING/);
});

test("the monthly timesheet downloads as XLSX and CSV holding the totals on screen", async ({ page, visit }) => {
  await signIn(page, ADVISOR);
  await visit("/services/timesheet");
  const before = Number(await page.getByTestId("timesheet-total").getAttribute("data-minutes"));

  // One more service this month, by phone: the totals move by exactly its 45 minutes.
  await page.goto("/services");
  const entry = form(page);
  await entry.getByRole("checkbox", { name: "Tadeusz Wilk", exact: true }).check();
  await entry.getByRole("spinbutton", { name: S.fields.durationMinutes }).fill("45");
  await entry.getByRole("combobox", { name: S.fields.supportType }).selectOption("INFORMATION");
  await entry.getByRole("combobox", { name: S.fields.channel }).selectOption("PHONE");
  await entry.getByRole("button", { name: S.submit }).click();
  await expect(page.getByTestId("service-saved")).toBeVisible();

  await visit("/services/timesheet");
  const total = page.getByTestId("timesheet-total");
  await expect(total).toHaveAttribute("data-minutes", String(before + 45));
  const minutes = before + 45;

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: S.downloadXlsx }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^godziny-\d{4}-\d{2}-michal-lewandowski\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const sheet = (name: string) => {
    const ws = workbook.getWorksheet(name);
    if (!ws) throw new Error(`No sheet ${name}`);
    return ws.getSheetValues().slice(2) as unknown[][];
  };
  const [summary] = sheet(S.export.summary);
  expect(summary?.slice(1)).toEqual(["Michał Lewandowski", expect.stringMatching(/^\d{4}-\d{2}$/), expect.any(Number), minutes, Math.round((minutes / 60) * 100) / 100]);
  const services = sheet(S.export.services);
  const listed = services.filter((r) => r[1] !== S.export.total);
  expect(listed.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(minutes);
  expect(listed).toHaveLength(Number(summary?.[3]));
  const byType = sheet(S.export.byType);
  expect(byType.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(minutes);
  expect(byType.find((r) => r[1] === "Informacja" /* the tenant catalogue's built-in name */)?.[3]).toBeGreaterThanOrEqual(45);
  const byDay = sheet(S.export.byDay);
  expect(byDay.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(minutes);
  const byClient = sheet(S.export.byClient);
  expect(byClient.find((r) => r[1] === "Tadeusz Wilk")?.[3]).toBeGreaterThanOrEqual(45 + 90);

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: S.downloadCsv }).click()]);
  const text = (await readFile(await csv.path(), "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = text.trim().split("\r\n");
  expect(header?.split(";").slice(0, 3)).toEqual([S.fields.date, S.fields.startTime, S.export.minutes]);
  expect(lines.reduce((sum, line) => sum + Number(line.split(";")[2]), 0)).toBe(minutes);
  expect(lines.some((line) => line.includes("Tadeusz Wilk") && line.includes(";45;"))).toBe(true);
});
