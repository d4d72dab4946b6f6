import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { todayInPoland } from "@/lib/dates";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, expectNoAxeViolations as scanOn, test } from "./support/fixtures";
import { clientId, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 16 in the browser: the manager sets the year's targets, an advisor records an evaluation with
 * "jobs created: 3", and the indicator report shows the actual moved by 3 against its target, with
 * the evidence one click away; the XLSX and PDF exports hold the same numbers; the jobs reach the
 * durability list. Every indicator, staff and durability screen (and their forms, errors shown) is
 * scanned by axe. The centre, its people and its path are the test's own, so every actual starts at 0.
 */

const I = pl.indicators;
const R = I.report;
const P = pl.paths;
/** The year the evaluation's result falls in (its date defaults to today): 2026 when this was written. */
const YEAR = todayInPoland().slice(0, 4);
/** The jobs-created indicator, as every new tenant's catalogue holds it (migration 20261204090000). */
const JOBS = "Liczba powstałych miejsc pracy w przedsiębiorstwach społecznych i podmiotach ekonomii społecznej";
const JOBS_TARGET = 20;
const JOBS_CREATED = 3;
/** 3 of 20, as the report rounds it. */
const JOBS_PERCENT = 15;
const CLIENT = "Spółdzielnia Socjalna „Zielony Zakątek”";

type TUserKey = "manager" | "advisor";

function createCentre() {
  return createFixtureTenant({
    partners: ["Fundacja Busko"],
    users: {
      manager: { name: "Małgorzata Kierownik", role: "MANAGER" },
      advisor: { name: "Agnieszka Kamińska", role: "KEY_ADVISOR", partner: "Fundacja Busko" },
    },
    clients: [{ name: CLIENT, kind: "SOCIAL_COOPERATIVE", keyAdvisor: "advisor" }],
  });
}

/**
 * A path of the client already in its evaluation step, as its key advisor took it there: the steps
 * before it are the paths journey's (tests/e2e/paths.spec.ts); here only the evaluation matters.
 */
async function createPathInEvaluation(tenant: TFixtureTenant<TUserKey>, clientName: string): Promise<string> {
  const id = randomUUID();
  const rows = await ownerQuery<{ id: string }>(
    `WITH c AS (SELECT id, tenant_id, key_advisor_id FROM client WHERE tenant_id = $1 AND id = $2 AND key_advisor_id IS NOT NULL),
          p AS (
            INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, identification, key_advisor_id, created_by_id, updated_at)
            SELECT $3, c.tenant_id, c.id, c.id, 'ECONOMISATION', 'INDIVIDUAL', 'EVALUATION', 'Spółdzielnia zatrudnia nowe osoby w ramach dotacji.', c.key_advisor_id, c.key_advisor_id, now()
            FROM c RETURNING id, tenant_id, created_by_id)
     INSERT INTO path_transition (id, tenant_id, path_id, from_step, to_step, actor_id)
     SELECT gen_random_uuid(), p.tenant_id, p.id, s.from_step::"PathStep", s.to_step::"PathStep", p.created_by_id
     FROM p, (VALUES (NULL, 'IDENTIFICATION', 1), ('IDENTIFICATION', 'NEEDS', 2), ('NEEDS', 'PLAN', 3), ('PLAN', 'IMPLEMENTATION', 4),
                     ('IMPLEMENTATION', 'MONITORING', 5), ('MONITORING', 'EVALUATION', 6)) AS s(from_step, to_step, n)
     RETURNING path_id AS id`,
    [tenant.id, clientId(tenant, clientName), id],
  );
  if (rows.length === 0) throw new Error(`no path for "${clientName}": the client needs a key advisor`);
  return id;
}

/** The report table's row of an indicator. */
function reportRow(page: Page, name: string): Locator {
  return page
    .getByRole("table", { name: R.tableCaption.replace("{period}", R.periods.year.replace("{year}", YEAR)) })
    .getByRole("row")
    .filter({ hasText: name });
}

/** The row shows target, actual (the link to its evidence) and %. */
async function expectReportRow(page: Page, name: string, numbers: { target: number; actual: number; percent: number }) {
  const row = reportRow(page, name);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("indicator-target")).toHaveText(String(numbers.target));
  await expect(row.getByRole("link", { name: R.actualLink.replace("{actual}", String(numbers.actual)).replace("{name}", name) })).toHaveText(
    String(numbers.actual),
  );
  await expect(row.getByRole("cell").nth(4)).toHaveText(R.percentValue.replace("{percent}", String(numbers.percent)));
}

async function pdfText(body: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

test.describe("indicators", () => {
  test("the manager sets the year's targets, an evaluation's 3 jobs move the actual, the evidence is one click away and the exports agree", async ({
    page: manager,
    browser,
  }) => {
    test.setTimeout(180_000);
    const centre = await createCentre();
    const pathId = await createPathInEvaluation(centre, CLIENT);
    const advisorContext = await browser.newContext();
    const advisor = await advisorContext.newPage();

    // ── The manager sets the year's targets ──
    await signInAs(manager, centre.users.manager);
    await manager.goto(`/admin/indicators/targets?year=${YEAR}`);
    await expect(manager.getByRole("heading", { level: 1 })).toHaveText(pl.indicatorsAdmin.targets.heading.replace("{year}", YEAR));
    await scanOn(manager);
    const jobsTarget = manager.getByRole("textbox", {
      name: pl.indicatorsAdmin.targets.yearLabel.replace("{year}", YEAR).replace("{name}", JOBS),
      exact: true,
    });
    await jobsTarget.fill(String(JOBS_TARGET));
    await manager
      .getByRole("textbox", { name: pl.indicatorsAdmin.targets.yearLabel.replace("{year}", YEAR).replace("{name}", "Liczba animatorów"), exact: true })
      .fill("2");
    await manager.getByRole("button", { name: pl.indicatorsAdmin.targets.save }).click();
    await expect(manager.getByText(pl.indicatorsAdmin.targets.saved)).toBeVisible();
    await scanOn(manager);
    await manager.reload();
    await expect(jobsTarget).toHaveValue(String(JOBS_TARGET));

    // The report before the evaluation: the target, nothing achieved yet.
    await manager.goto("/indicators");
    await manager
      .getByRole("search", { name: R.filters })
      .getByRole("combobox", { name: R.period })
      .selectOption({ label: R.periods.year.replace("{year}", YEAR) });
    await manager.getByRole("search", { name: R.filters }).getByRole("button", { name: R.show }).click();
    await expect(manager).toHaveURL(new RegExp(`period=${YEAR}`));
    await expectReportRow(manager, JOBS, { target: JOBS_TARGET, actual: 0, percent: 0 });

    // ── The advisor records the evaluation: jobs created, 3 ──
    await signInAs(advisor, centre.users.advisor);
    await advisor.goto(`/paths/${pathId}`);
    await advisor.getByRole("navigation", { name: P.sections }).getByRole("link", { name: P.tabs.evaluation }).click();
    await expect(advisor.getByRole("heading", { level: 2, name: P.tabs.evaluation, exact: true })).toBeVisible();
    await advisor.getByRole("textbox", { name: P.fields.assessment }).fill("Spółdzielnia zatrudniła trzy osoby z dotacji na utworzenie miejsc pracy.");
    await advisor.getByRole("button", { name: P.addResult }).click();
    await advisor.getByRole("combobox", { name: P.fields.resultType }).selectOption({ label: P.resultTypes.JOBS_CREATED });
    await advisor.getByRole("spinbutton", { name: P.fields.quantity }).fill(String(JOBS_CREATED));
    await advisor.getByRole("textbox", { name: P.fields.evidenceKind }).fill("umowa na udzielenie dotacji");
    await advisor.getByRole("textbox", { name: P.fields.evidenceReference }).fill("ŚOWES/DOT/2026/041");
    await scanOn(advisor);
    await advisor.getByRole("button", { name: P.saveEvaluation }).click();
    await expect(advisor.getByTestId("evaluation-results")).toContainText(`${P.resultTypes.JOBS_CREATED}: ${JOBS_CREATED}`);
    await scanOn(advisor);

    // The jobs are records now, each with its checks due: the durability list holds them.
    await advisor.goto("/durability?view=all");
    await expect(advisor.getByRole("heading", { level: 1 })).toHaveText(pl.durability.title);
    const jobLinks = advisor.getByRole("link", { name: new RegExp(CLIENT) });
    // 3 jobs × 2 checks (12 and 24 months).
    await expect(advisor.getByTestId("durability-total")).toHaveAttribute("data-count", String(2 * JOBS_CREATED));
    await expect(jobLinks).toHaveCount(2 * JOBS_CREATED);
    await scanOn(advisor);
    await jobLinks.first().click();
    await expect(advisor).toHaveURL(/\/durability\/[0-9a-f-]{36}/);
    await expect(advisor.getByRole("heading", { level: 1 })).toContainText(CLIENT);
    await scanOn(advisor);

    // ── The manager's report: the actual moved by 3, against the target of 20 ──
    await manager.goto(`/indicators?period=${YEAR}`);
    await expectReportRow(manager, JOBS, { target: JOBS_TARGET, actual: JOBS_CREATED, percent: JOBS_PERCENT });
    await expect(reportRow(manager, JOBS).getByRole("progressbar")).toHaveAccessibleName(
      R.progressLabel.replace("{name}", JOBS).replace("{percent}", String(JOBS_PERCENT)),
    );
    // The chart says the same in words, and as a table behind its disclosure.
    const chartSummary = `${R.chart.summary.replace("{name}", JOBS).replace("{value}", String(JOBS_CREATED))}, ${R.chart.target.replace("{target}", String(JOBS_TARGET))}.`;
    const chart = manager.getByRole("figure", { name: R.chart.title });
    await expect(chart.getByRole("img", { name: chartSummary, exact: true })).toBeVisible();
    await chart.getByText(R.chart.showTable).click();
    const chartTable = chart.getByRole("table", { name: R.chart.title });
    const jobsColumn = (await chartTable.getByRole("columnheader").allTextContents()).indexOf(JOBS);
    expect(jobsColumn).toBeGreaterThan(0);
    // December, the year's last month: the cumulative 3 (the row's first cell is its header).
    await expect(chartTable.getByRole("row").last().locator("th, td").nth(jobsColumn)).toHaveText(String(JOBS_CREATED));
    await scanOn(manager);

    // One click on the actual: the evidence, the result with a link to its path.
    await reportRow(manager, JOBS)
      .getByRole("link", { name: R.actualLink.replace("{actual}", String(JOBS_CREATED)).replace("{name}", JOBS) })
      .click();
    await expect(manager.getByRole("heading", { level: 1 })).toHaveText(I.drill.title.replace("{name}", JOBS));
    await expect(manager.getByTestId("drill-actual")).toHaveAttribute("data-actual", String(JOBS_CREATED));
    await expect(manager.getByText(I.drill.summaryTarget.replace("{target}", String(JOBS_TARGET)).replace("{percent}", String(JOBS_PERCENT)))).toBeVisible();
    const evidence = manager.getByRole("table", { name: I.drill.caption.replace("{name}", JOBS).replace("{period}", R.periods.year.replace("{year}", YEAR)) });
    const rows = evidence.getByTestId("evidence-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("ŚOWES/DOT/2026/041");
    await expect(rows.first().getByRole("cell").nth(2)).toHaveText(String(JOBS_CREATED));
    await expect(rows.first().getByRole("link", { name: CLIENT })).toHaveAttribute("href", `/clients/${clientId(centre, CLIENT)}`);
    const pathLink = rows.first().getByTestId("evidence-link");
    await expect(pathLink).toHaveAttribute("href", `/paths/${pathId}?tab=evaluation`);
    await scanOn(manager);
    await pathLink.click();
    await expect(manager.getByTestId("evaluation-results")).toContainText(`${P.resultTypes.JOBS_CREATED}: ${JOBS_CREATED}`);

    // ── The exports hold the same numbers ──
    await manager.goto(`/indicators?period=${YEAR}`);
    const [xlsx] = await Promise.all([manager.waitForEvent("download"), manager.getByRole("link", { name: R.exportXlsx }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(new RegExp(`^wskazniki-${YEAR}-.*\\.xlsx$`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.getWorksheet(I.xlsx.report);
    if (!sheet) throw new Error(`No sheet ${I.xlsx.report}`);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(
      (["indicator", "unit", "evidenceKind", "target", "actual", "percent"] as const).map((column) => R.columns[column]),
    );
    const jobsRow = (sheet.getSheetValues() as unknown[][]).find((row) => Array.isArray(row) && row[1] === JOBS);
    // Target, actual, % as numbers.
    expect(jobsRow?.slice(4, 7)).toEqual([JOBS_TARGET, JOBS_CREATED, JOBS_PERCENT]);

    // The PDF opens in the browser's viewer (inline), to be printed: read it as the link serves it.
    const pdfHref = await manager.getByRole("link", { name: R.exportPdf }).getAttribute("href");
    expect(pdfHref).toBe(`/indicators/export/pdf?period=${YEAR}`);
    const pdf = await manager.request.get(pdfHref ?? "");
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    expect(pdf.headers()["content-disposition"]).toMatch(new RegExp(`filename="wskazniki-${YEAR}-.*\\.pdf"`));
    const text = await pdfText(await pdf.body());
    expect(text).toContain(I.pdf.title);
    expect(text).toContain(centre.name);
    expect(text).toContain(R.periods.year.replace("{year}", YEAR));
    // The jobs row: the name's end, its unit, target 20, actual 3, 15%.
    expect(text).toMatch(new RegExp(`podmiotach ekonomii społecznej miejsca pracy ${JOBS_TARGET} ${JOBS_CREATED} ${JOBS_PERCENT}%`));

    await advisorContext.close();
  });

  test("the indicator, staff and durability screens and their forms, errors shown, have no axe violations", async ({ page, visit, scan }) => {
    test.setTimeout(120_000);
    const centre = await createCentre();
    await signInAs(page, centre.users.manager);

    await visit(`/indicators?period=${YEAR}`);
    await visit(`/indicators?period=${YEAR}&cut=SPHERE`);
    const lastYear = String(Number(YEAR) - 1);
    await visit(`/indicators/compare?a=${lastYear}&b=${YEAR}`);
    await expect(
      page.getByRole("table", {
        name: I.compare.caption.replace("{a}", R.periods.year.replace("{year}", lastYear)).replace("{b}", R.periods.year.replace("{year}", YEAR)),
      }),
    ).toBeVisible();

    // The catalogue, one indicator's form, the targets with a wrong value.
    await visit(`/admin/indicators?year=${YEAR}`);
    await page.getByRole("link", { name: JOBS, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(JOBS);
    await scan();
    await visit(`/admin/indicators/targets?year=${YEAR}`);
    await page.getByRole("textbox", { name: pl.indicatorsAdmin.targets.yearLabel.replace("{year}", YEAR).replace("{name}", JOBS), exact: true }).fill("-4");
    await page.getByRole("button", { name: pl.indicatorsAdmin.targets.save }).click();
    await expect(page.locator("[aria-invalid='true']").first()).toBeVisible();
    await scan();

    // Manual evidence: the list, the empty form refused.
    await visit("/indicators/evidence");
    await page.getByRole("link", { name: pl.indicatorEvidence.register }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.indicatorEvidence.register);
    await scan();
    await page.getByRole("button", { name: pl.indicatorEvidence.form.register }).click();
    const documentKind = page.getByRole("textbox", { name: pl.indicatorEvidence.fields.documentKind });
    await expect(documentKind).toHaveAttribute("aria-invalid", "true");
    await expect(documentKind).toHaveAccessibleDescription(new RegExp(pl.validation.required.replace(".", "\\.")));
    await scan();

    // Staff: the list, the empty form refused.
    await visit("/admin/staff");
    await page.getByRole("link", { name: pl.staff.add }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.staff.add);
    await scan();
    await page.getByRole("button", { name: pl.staff.form.create }).click();
    const position = page.getByRole("combobox", { name: pl.staff.fields.position });
    await expect(position).toHaveAttribute("aria-invalid", "true");
    await expect(position).toHaveAccessibleDescription(pl.staff.validation.choosePosition);
    // The missing person is said at once, with the other errors.
    await expect(page.getByRole("textbox", { name: pl.staff.fields.personName })).toHaveAccessibleDescription(new RegExp(pl.staff.validation.personRequired));
    await scan();
    // The rest filled in, the person still missing: named next to the name field.
    await position.selectOption({ label: pl.staff.positions.ANIMATOR });
    await page.getByRole("combobox", { name: pl.staff.fields.contractKind }).selectOption({ label: pl.staff.contractKinds.EMPLOYMENT_CONTRACT });
    await page.getByRole("textbox", { name: pl.staff.fields.reference }).fill("UoP/2026/07");
    await page.getByLabel(pl.staff.fields.startsOn).fill(`${YEAR}-02-01`);
    await page.getByRole("button", { name: pl.staff.form.create }).click();
    const person = page.getByRole("textbox", { name: pl.staff.fields.personName });
    await expect(person).toHaveAttribute("aria-invalid", "true");
    await expect(person).toHaveAccessibleDescription(new RegExp(pl.staff.validation.personRequired));
    await scan();

    // Durability, each tab.
    for (const tab of ["overdue", "due", "all"] as const) await visit(`/durability?view=${tab}`);
  });
});
