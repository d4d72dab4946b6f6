import type { Download, Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { createTranslator } from "use-intl/core";
import { CLIENT_COLUMNS } from "@/lib/domain/imports/columns";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { nipNumber, peselNumber, wrongPesel } from "@/tests/factories/identifiers";
import { expect, test } from "./support/fixtures";
import { ownerQuery } from "./support/database";
import { createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 18 in the browser: a manager downloads the clients' template, fills in three clients
 * (one with a wrong PESEL), has the dry run report the wrong row — on screen and in the annotated
 * file — fixes it, uploads again, imports the clean file, and finds the three clients in the list.
 * The work runs in the app's background worker: the test waits for the states the page shows.
 */
const I = pl.imports;
const P = I.page;
const t = createTranslator({ locale: "pl", messages: pl });

const PERSON = "Anna Importowana";
const ORGANISATION = "Fundacja Importowana z Kielc";
const WRONG = "Jan Importowany";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A background job's state changes within seconds, the worker polling its queue: more than the default wait. */
const JOB_DONE = { timeout: 45_000 };

/** A pattern matching a text that contains `text` literally. */
const containing = (text: string) => new RegExp(text.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"));

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  return book;
}

function rowTexts(sheet: ExcelJS.Worksheet, rowNumber: number): string[] {
  const row = sheet.getRow(rowNumber);
  return Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text);
}

async function upload(page: Page, book: ExcelJS.Workbook, fileName: string) {
  await page.getByRole("radio", { name: I.kinds.CLIENTS, exact: true }).check();
  await page.getByLabel(P.form.file).setInputFiles({ name: fileName, mimeType: XLSX, buffer: Buffer.from(await book.xlsx.writeBuffer()) });
  await page.getByRole("button", { name: P.form.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: fileName })).toBeVisible();
}

test("a manager checks a clients' file, fixes the row the report shows, and imports all three clients", async ({ page, scan }) => {
  test.setTimeout(180_000);
  const tenant = await createFixtureTenant({ users: { manager: { name: "Mirosława Importerka", role: "MANAGER" } } });
  await signInAs(page, tenant.users.manager);
  await page.getByRole("navigation", { name: pl.shell.mainNav }).getByRole("link", { name: pl.shell.nav.imports, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: P.title })).toBeVisible();
  await expect(page.getByTestId("imports-empty")).toHaveText(P.empty);
  await scan();

  // The template: an XLSX whose first sheet's header row is exactly what the import reads.
  const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: P.templateClients, exact: true }).click()]);
  expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = await workbookOf(template);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error("the template has no sheet");
  const headers: string[] = CLIENT_COLUMNS.map((column) => column.header);
  expect(rowTexts(sheet, 1)).toEqual(headers);
  const column = (header: string) => headers.indexOf(header) + 1;
  const fill = (rowNumber: number, cells: Record<string, string>) => {
    for (const [header, value] of Object.entries(cells)) sheet.getRow(rowNumber).getCell(column(header)).value = value;
  };
  fill(2, { "Rodzaj klienta": pl.clients.kinds.PERSON, "Nazwa lub imię i nazwisko": PERSON, PESEL: peselNumber(4101) });
  fill(3, { "Rodzaj klienta": pl.clients.kinds.NGO, "Nazwa lub imię i nazwisko": ORGANISATION, NIP: nipNumber(4102) });
  fill(4, { "Rodzaj klienta": pl.clients.kinds.PERSON, "Nazwa lub imię i nazwisko": WRONG, PESEL: wrongPesel(4103) });

  // The dry run finds the wrong PESEL: row 4 (the header is row 1), the PESEL column.
  await upload(page, book, "klienci-z-bledem.xlsx");
  await expect(page.getByTestId("import-status")).toHaveText(I.statuses.INVALID, JOB_DONE);
  await expect(page.getByTestId("import-count-totalRows")).toHaveText("3");
  await expect(page.getByTestId("import-count-invalidRows")).toHaveText("1");
  const issues = page.getByRole("table", { name: P.issuesCaption });
  await expect(issues.getByRole("row")).toHaveCount(2); // the header and the one issue
  const issue = issues.getByRole("row").nth(1);
  await expect(issue.getByRole("rowheader")).toHaveText("4");
  await expect(issue.getByRole("cell").nth(0)).toHaveText("PESEL");
  await expect(issue.getByRole("cell").nth(1)).toHaveText(pl.validation.invalidPesel);
  await expect(page.getByRole("button", { name: P.commit })).toHaveCount(0);
  await scan();

  // The annotated file: the user's rows, and the error in the last column of row 4 only.
  const [report] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: P.downloadReport, exact: true }).click()]);
  expect(report.suggestedFilename()).toBe("klienci-z-bledem-raport.xlsx");
  const annotated = (await workbookOf(report)).worksheets[0];
  if (!annotated) throw new Error("the report has no sheet");
  const header = rowTexts(annotated, 1);
  expect(header.at(-1)).toBe(P.report.errorsHeader);
  const errors = header.length;
  expect(annotated.getRow(4).getCell(column("Nazwa lub imię i nazwisko")).text).toBe(WRONG);
  expect(annotated.getRow(4).getCell(errors).text).toContain(`PESEL: ${pl.validation.invalidPesel}`);
  expect([2, 3].map((row) => annotated.getRow(row).getCell(errors).text)).toEqual(["", ""]);

  // Fixed and uploaded again: clean, three new clients, nothing saved yet.
  fill(4, { PESEL: peselNumber(4103) });
  await page.getByRole("link", { name: P.uploadAgain, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: P.title })).toBeVisible();
  await upload(page, book, "klienci.xlsx");
  await expect(page.getByTestId("import-status")).toHaveText(I.statuses.VALID, JOB_DONE);
  await expect(page.getByTestId("import-valid")).toHaveText(t("imports.page.valid", { toCreate: 3, toUpdate: 0, toSkip: 0 }));
  await expect(page.getByRole("table", { name: P.issuesCaption })).toHaveCount(0);

  // The import: the page follows the job to its end.
  await page.getByRole("button", { name: P.commit, exact: true }).click();
  await expect(page.getByTestId("import-status")).toHaveText(I.statuses.IMPORTED, JOB_DONE);
  await expect(page.getByTestId("import-imported")).toContainText(t("imports.page.imported", { toCreate: 3, toUpdate: 0, toSkip: 0 }));

  // Both files are in the list of imports, newest first.
  await page.getByRole("link", { name: P.back, exact: true }).click();
  const history = page.getByRole("table", { name: P.tableCaption });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history.getByRole("row").nth(1)).toContainText(I.statuses.IMPORTED);
  await expect(history.getByRole("row").nth(2)).toContainText(I.statuses.INVALID);

  // The three clients are in the centre's list.
  await page.goto("/clients");
  for (const name of [PERSON, ORGANISATION, WRONG]) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
});

test("a file that is not a spreadsheet is refused by its field, the choices kept; one over the limit never leaves the browser", async ({ page, scan }) => {
  const tenant = await createFixtureTenant({ users: { manager: { name: "Marek Wgrywający", role: "MANAGER" } } });
  await signInAs(page, tenant.users.manager);
  await page.goto("/imports");
  const file = page.getByLabel(P.form.file);

  // 12 MB: past the server actions' and the proxy's default body limits, under the import's 25 MB.
  await page.getByRole("radio", { name: I.kinds.SERVICES, exact: true }).check();
  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(12 * 1024 * 1024, 0x41)]);
  await file.setInputFiles({ name: "uslugi.xlsx", mimeType: XLSX, buffer: pdf });
  await page.getByRole("button", { name: P.form.submit, exact: true }).click();
  await expect(file).toHaveAccessibleDescription(containing(pl.validation.notSpreadsheet));
  await expect(page).toHaveURL(/\/imports$/);
  await expect(page.getByRole("radio", { name: I.kinds.SERVICES, exact: true })).toBeChecked();
  await scan();

  // Over 25 MB: the message shows as soon as the file is chosen, and the form does not post it.
  await file.setInputFiles({ name: "klienci.csv", mimeType: "text/csv", buffer: Buffer.alloc(25 * 1024 * 1024 + 1, 0x41) });
  await expect(file).toHaveAccessibleDescription(containing(pl.validation.fileTooLarge));
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await page.getByRole("button", { name: P.form.submit, exact: true }).click();
  // A post would leave on the click itself, well before this next page load is asked for.
  await page.goto("/imports");
  expect(posts).toEqual([]);
  await expect(page.getByTestId("imports-empty")).toHaveText(P.empty);
});

/** An import whose dry run found one error, written as the worker would leave it. */
async function createInvalidImport(tenant: TFixtureTenant<"manager">): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    `WITH i AS (
       INSERT INTO data_import (id, tenant_id, kind, file_name, file_type, byte_size, checksum, content, status, total_rows, processed_rows, invalid_rows, issue_count, created_by_id, validated_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'CLIENTS', 'klienci-osrodka.csv', 'csv', 40, repeat('cd', 32), convert_to(E'Rodzaj klienta;Nazwa lub imię i nazwisko\\n;Bez rodzaju\\n', 'UTF8'),
               'INVALID', 1, 1, 1, 1, $2, now(), now())
       RETURNING id, tenant_id)
     INSERT INTO data_import_issue (id, tenant_id, import_id, row_number, "column", message)
     SELECT gen_random_uuid(), tenant_id, id, 2, 'Rodzaj klienta', 'validation.required' FROM i
     RETURNING import_id AS id`,
    [tenant.id, tenant.users.manager.id],
  );
  if (!row) throw new Error("no import written");
  return row.id;
}

test("another centre's import answers 404 on its page, its progress and its report; the own centre's opens", async ({ page }) => {
  const [own, other] = await Promise.all(
    ["Olga Własna", "Oskar Obcy"].map((name) => createFixtureTenant({ users: { manager: { name, role: "MANAGER" } } })),
  );
  if (!own || !other) throw new Error("no fixture tenants");
  const importId = await createInvalidImport(own);
  const urls = [`/imports/${importId}`, `/imports/${importId}/progress`, `/imports/${importId}/report`];

  await signInAs(page, other.users.manager);
  for (const url of urls) expect((await page.request.get(url)).status(), url).toBe(404);

  await page.context().clearCookies();
  await signInAs(page, own.users.manager);
  for (const url of urls) expect((await page.request.get(url)).status(), url).toBe(200);
  expect(await (await page.request.get(urls[1] ?? "")).json()).toMatchObject({ id: importId, status: "INVALID", invalidRows: 1 });
  await page.goto(urls[0] ?? "");
  await expect(page.getByRole("table", { name: P.issuesCaption }).getByRole("row").nth(1)).toContainText(pl.validation.required);
});
