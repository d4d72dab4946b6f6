import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { createTranslator } from "use-intl/core";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { clientId, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 17 in the browser: the data protection officer (IOD) reads who viewed a person's data and
 * exports it, answers an access request with the ZIP copy of the person's data, has an erasure
 * refused with the legal reason while the retention period runs, and meets no casework control;
 * a key advisor records a consent for special-category data and withdraws it, which hides the
 * disability at once. Each journey builds its own centre.
 */
const P = pl.privacy;
const R = P.requests;
const ADVISOR = "Karolina Doradczyni";
const IOD = "Ignacy Inspektor";
const PERSON = "Zofia Rejestrowa";
const OTHER = "Tomasz Postronny";

type TUsers = "advisor" | "iod";

function createCentre(): Promise<TFixtureTenant<TUsers>> {
  return createFixtureTenant({
    users: {
      advisor: { name: ADVISOR, role: "KEY_ADVISOR" },
      iod: { name: IOD, role: "IOD" },
    },
    clients: [
      { name: PERSON, keyAdvisor: "advisor" },
      { name: OTHER, keyAdvisor: "advisor" },
    ],
  });
}

/** Today in Poland, as YYYY-MM-DD and as the pages write a calendar date (dd.mm.yyyy). */
function todayInWarsaw() {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date());
  return { iso, polish: iso.split("-").reverse().join(".") };
}

/** The next user of the same browser: the previous one's session cookie goes, the new one signs in. */
async function switchUser(page: Page, user: TFixtureTenant<TUsers>["users"][TUsers]) {
  await page.context().clearCookies();
  await signInAs(page, user);
}

/** A whole message as a pattern, its placeholders standing for the given patterns. */
const messagePattern = (message: string, params: Record<string, string>) =>
  new RegExp(`^${message.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? "")}$`);

const mainNav = (page: Page) => page.getByRole("navigation", { name: pl.shell.mainNav });

/** Registers a request from the register's own button, for the person found by `search`; ends on the request's page. */
async function registerRequest(page: Page, scan: () => Promise<void>, kind: keyof typeof P.requestKinds, search: string) {
  await mainNav(page).getByRole("link", { name: pl.shell.nav.subjectRequests, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: R.title })).toBeVisible();
  await scan();
  await page.getByRole("link", { name: R.new, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: R.newTitle })).toBeVisible();
  await scan();

  await page.getByRole("combobox", { name: R.fields.kind }).selectOption(kind);
  await page.getByRole("textbox", { name: R.fields.requesterName }).fill(PERSON);
  await expect(page.getByLabel(R.fields.receivedOn)).toHaveValue(todayInWarsaw().iso);
  const picker = page.getByRole("group", { name: R.picker.legend });
  await picker.getByRole("searchbox", { name: R.picker.search }).fill(search);
  await picker.getByRole("button", { name: R.picker.submit }).click();
  await expect(picker.getByRole("status")).toHaveText("Znaleziono 1 osobę.");
  await picker.getByRole("radio", { name: new RegExp(PERSON) }).check();
  await scan();
  await page.getByRole("button", { name: R.form.create }).click();

  await expect(page).toHaveURL(/\/privacy\/requests\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name: P.requestKinds[kind] })).toBeVisible();
  await expect(page.getByText(messagePattern(R.created, { date: "\\d{2}\\.\\d{2}\\.\\d{4}" }))).toBeVisible();
  await expect(page.getByTestId("request-person")).toContainText(PERSON);
  await scan();
}

test("a key advisor's view of their client shows in the IOD's access log, filtered by the person and exported", async ({ page, visit, scan }) => {
  const tenant = await createCentre();
  await signInAs(page, tenant.users.advisor);
  await visit(`/clients/${clientId(tenant, PERSON)}`);
  await expect(page.getByRole("heading", { level: 1, name: PERSON })).toBeVisible();
  await visit(`/clients/${clientId(tenant, OTHER)}`);
  await expect(page.getByRole("heading", { level: 1, name: OTHER })).toBeVisible();

  await switchUser(page, tenant.users.iod);
  await mainNav(page).getByRole("link", { name: pl.shell.nav.accessLog, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: P.accessLog.title })).toBeVisible();
  await scan();
  const log = page.getByRole("table", { name: P.accessLog.title });
  await expect(log).toContainText(PERSON);
  await expect(log).toContainText(OTHER);

  // The person filter by a fragment of the name: only her rows stay, each the advisor's view of her record.
  const filters = page.getByRole("search", { name: P.accessLog.filters });
  await filters.getByRole("searchbox", { name: P.accessLog.person }).fill("Rejestrow");
  await filters.getByRole("button", { name: pl.common.filter }).click();
  await expect(page).toHaveURL(/[?&]person=Rejestrow(&|$)/);
  await expect(log).not.toContainText(OTHER);
  const rows = log.getByRole("row").filter({ hasText: PERSON });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ADVISOR);
  await expect(rows.first()).toContainText(pl.roles.KEY_ADVISOR);
  await expect(rows.first()).toContainText(P.views.CLIENT_RECORD);
  await expect(log.getByRole("row")).toHaveCount(2); // the header and her one row
  await scan();

  // The filtered log downloads as CSV: named by the day, and holding her row and no one else's.
  const csvLink = page.getByRole("link", { name: P.accessLog.exportCsv });
  await expect(csvLink).toHaveAttribute("href", /^\/privacy\/access-log\/export\?.*person=Rejestrow.*format=csv/);
  const [csv] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(csv.suggestedFilename()).toBe(`rejestr-dostepu-${todayInWarsaw().iso}.csv`);
  const text = await readFile(await csv.path(), "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header, ...lines] = text.replace(/^\uFEFF/, "").trim().split("\r\n");
  const C = P.accessLog.columns;
  expect(header?.split(";")).toEqual([C.at, C.user, C.role, C.person, C.view, C.detail, C.ip]);
  expect(lines).toHaveLength(1);
  expect(lines[0]?.split(";").slice(1, 5)).toEqual([ADVISOR, pl.roles.KEY_ADVISOR, PERSON, P.views.CLIENT_RECORD]);
  expect(text).not.toContain(OTHER);

  // What the server says the files are.
  const csvResponse = await page.request.get((await csvLink.getAttribute("href")) ?? "");
  expect(csvResponse.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csvResponse.headers()["content-disposition"]).toContain(`filename="rejestr-dostepu-${todayInWarsaw().iso}.csv"`);
  const xlsxLink = page.getByRole("link", { name: P.accessLog.exportXlsx });
  const xlsxResponse = await page.request.get((await xlsxLink.getAttribute("href")) ?? "");
  expect(xlsxResponse.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect((await xlsxResponse.body()).subarray(0, 2).toString("latin1")).toBe("PK");
});

test("the IOD registers an access request and downloads the person's data as a ZIP of dane.pdf and dane.json", async ({ page, scan }) => {
  const tenant = await createCentre();
  await signInAs(page, tenant.users.iod);
  await registerRequest(page, scan, "ACCESS", "Rejestrowa");
  await expect(page.getByRole("button", { name: R.erase.open })).toHaveCount(0);

  const exportLink = page.getByRole("link", { name: R.export });
  const [zip] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(zip.suggestedFilename()).toBe(`dane-osobowe-${todayInWarsaw().iso}.zip`);
  const bytes = new Uint8Array(await readFile(await zip.path()));
  expect(strFromU8(bytes.subarray(0, 2))).toBe("PK");
  const files = unzipSync(bytes);
  expect(Object.keys(files).sort()).toEqual(["dane.json", "dane.pdf"]);
  const pdf = files["dane.pdf"];
  expect(pdf && strFromU8(pdf.subarray(0, 5))).toBe("%PDF-");
  const json = files["dane.json"];
  if (!json) throw new Error("the ZIP holds no dane.json");
  const data = JSON.parse(strFromU8(json)) as { person: { id: string; name: string; keyAdvisor: string | null }; request: { receivedOn: string } };
  expect(data.person).toMatchObject({ id: clientId(tenant, PERSON), name: PERSON, keyAdvisor: ADVISOR });
  expect(data.request.receivedOn).toBe(todayInWarsaw().iso);
  expect(strFromU8(json)).not.toContain(OTHER);

  // The export itself is a view of her data: the access log says who took it.
  await mainNav(page).getByRole("link", { name: pl.shell.nav.accessLog, exact: true }).click();
  const row = page.getByRole("table", { name: P.accessLog.title }).getByRole("row").filter({ hasText: P.views.SUBJECT_EXPORT });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(IOD);
  await expect(row).toContainText(PERSON);
  await scan();
});

test("an erasure request while the retention period runs is refused with the legal reason, and the person stays", async ({ page, visit, scan }) => {
  const tenant = await createCentre();
  await signInAs(page, tenant.users.iod);

  // The project is settled: the last payment was last year, so five years of retention run from its end.
  const year = Number(todayInWarsaw().iso.slice(0, 4));
  await visit("/privacy/settings");
  await expect(page.getByTestId("retention-ends")).toHaveText(P.settings.retentionNotStarted);
  await page.getByLabel(P.settings.lastPaymentOn).fill(`${year - 1}-06-30`);
  await page.getByRole("button", { name: pl.common.save }).click();
  await expect(page.getByText(P.settings.saved)).toBeVisible();
  const endsOn = `31.12.${year + 4}`;
  await expect(page.getByTestId("retention-ends")).toHaveText(P.settings.retentionEnds.replace("{date}", endsOn));
  await scan();

  await registerRequest(page, scan, "ERASURE", "Rejestrowa");
  await expect(page.getByRole("link", { name: R.export })).toHaveCount(0);
  await page.getByRole("button", { name: R.erase.open }).click();
  const dialog = page.getByRole("dialog", { name: R.erase.title });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(R.erase.hint);
  await scan();
  await dialog.getByRole("button", { name: R.erase.submit }).click();
  await expect(dialog).toBeHidden();

  // Refused and closed, the reason in the words the person receives (art. 17(3)(b), art. 82 of 2021/1060).
  const reason = createTranslator({ locale: "pl", messages: pl, namespace: "privacy.erasure" })("refusalRunning", { years: 5, endsOn });
  await expect(page.getByTestId("request-outcome")).toHaveText(reason);
  await expect(page.getByTestId("request-outcome")).toContainText("art. 17 ust. 3 lit. b RODO");
  await expect(page.getByTestId("request-outcome")).toContainText("art. 82 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2021/1060");
  await expect(page.getByText(R.fields.refusalReason, { exact: true })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: new RegExp(`^${P.requestStatuses.REFUSED}$`) })).toHaveCount(1);
  await expect(page.getByRole("button", { name: R.erase.open })).toHaveCount(0);
  await expect(page.getByTestId("request-person")).toContainText(PERSON);
  await expect(page.getByTestId("request-person")).not.toContainText(R.anonymisedPerson);
  await scan();

  // The register lists it as refused.
  await mainNav(page).getByRole("link", { name: pl.shell.nav.subjectRequests, exact: true }).click();
  const listed = page.getByRole("row").filter({ hasText: P.requestKinds.ERASURE });
  await expect(listed).toContainText(P.requestStatuses.REFUSED);
  await scan();
});

test("a consent for special-category data is recorded and withdrawn, and the client page stops showing the disability", async ({ page, visit, scan }) => {
  const tenant = await createCentre();
  const id = clientId(tenant, PERSON);
  // Declared on the record before consents were recorded (the client form's checkbox).
  await ownerQuery(`UPDATE client SET has_disability = true WHERE tenant_id = $1 AND id = $2`, [tenant.id, id]);
  const { polish: today } = todayInWarsaw();
  const disability = pl.clients.fields.hasDisability;
  const details = page.getByRole("region", { name: pl.clients.details.title });

  await signInAs(page, tenant.users.advisor);
  await visit(`/clients/${id}?tab=details`);
  await expect(details).toContainText(disability);

  await page.getByTestId("client-privacy-link").click();
  await expect(page.getByRole("heading", { level: 1, name: P.clientTab.heading.replace("{name}", PERSON) })).toBeVisible();
  const sensitive = page.getByTestId("consent-SENSITIVE_DATA");
  await expect(sensitive).toContainText(P.consents.notRecorded);
  await scan();

  const purpose = P.consentPurposes.SENSITIVE_DATA;
  await page.getByRole("combobox", { name: P.consents.purpose }).selectOption({ label: purpose });
  await expect(page.getByLabel(P.consents.givenOn)).toHaveValue(todayInWarsaw().iso);
  await page.getByRole("button", { name: P.consents.give }).click();
  await expect(page.getByText(P.consents.given)).toBeVisible();
  await expect(sensitive).toContainText(P.consents.activeSince.replace("{date}", today));
  await scan();

  await sensitive.getByRole("button", { name: P.consents.withdraw.buttonFor.replace("{purpose}", purpose) }).click();
  const dialog = page.getByRole("dialog", { name: P.consents.withdraw.title });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(P.consents.withdraw.withdrawnOn)).toHaveValue(todayInWarsaw().iso);
  await scan();
  await dialog.getByRole("button", { name: P.consents.withdraw.submit, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(sensitive).toContainText(P.consents.withdrawnSince.replace("{date}", today));
  await expect(sensitive.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("table", { name: P.consents.historyCaption }).getByRole("row")).toHaveCount(2);
  await scan();

  // Hidden at once from the record (kept in the database: given again, it would show).
  await page.getByRole("link", { name: PERSON, exact: true }).click();
  await page.getByRole("navigation", { name: pl.clients.tabs.label }).getByRole("link", { name: pl.clients.tabs.details, exact: true }).click();
  await expect(details).toContainText(P.consents.sensitiveWithdrawn.replace("{date}", today));
  await expect(details).not.toContainText(disability);
  await scan();
});

test("the IOD meets no casework control: the client's record, edit form and privacy tab are refused, and no link leads there", async ({ page, visit, scan }) => {
  const tenant = await createCentre();
  const id = clientId(tenant, PERSON);
  await signInAs(page, tenant.users.advisor);
  await visit(`/clients/${id}`);
  await expect(page.getByRole("link", { name: pl.clients.details.edit })).toBeVisible();

  await switchUser(page, tenant.users.iod);
  await expect(mainNav(page).getByRole("link", { name: pl.shell.nav.clients, exact: true })).toHaveCount(0);
  await expect(mainNav(page).getByRole("link", { name: pl.shell.nav.accessLog, exact: true })).toBeVisible();

  for (const path of [`/clients/${id}`, `/clients/${id}/edit`, `/clients/${id}/privacy`, `/clients/${id}?tab=details`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: pl.errorPages.forbidden.title })).toBeVisible();
    await expect(page.getByText(PERSON)).toHaveCount(0);
    await expect(page.getByRole("link", { name: pl.clients.details.edit })).toHaveCount(0);
    await expect(page.getByRole("link", { name: pl.clients.logService })).toHaveCount(0);
    await expect(page.getByRole("button", { name: P.consents.give })).toHaveCount(0);
    await expect(page.locator(`a[href^="/clients"]`)).toHaveCount(0);
    await scan();
  }

  // The IOD's own screens name the person but link only within the log, never to her record.
  await visit("/privacy/access-log");
  const log = page.getByRole("table", { name: P.accessLog.title });
  await expect(log).toContainText(PERSON);
  await expect(page.locator(`a[href^="/clients"]`)).toHaveCount(0);
  // From the keyboard: Playwright's click aims at the link's first box — its 1 px screen-reader prefix — and misses.
  await log.getByRole("link", { name: `${P.accessLog.whoViewed} ${PERSON}` }).press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: P.accessLog.titleForClient.replace("{name}", PERSON) })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/privacy/access-log\\?client=${id}$`));
  await scan();
  await visit("/dashboard");
  await expect(page.locator(`a[href^="/clients"]`)).toHaveCount(0);
});
