import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { clientId, createFixturePath, createFixtureService, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 13: the client page opens on where the client stands — step, last contact, next due —
 * with its sections as tabs and "Zarejestruj usługę" a step the user takes (never for a client
 * whose support ended); the path page opens on its overview; a read-only role meets no control
 * on either; both fit a 360 px screen without sideways scrolling.
 */
const C = pl.clients;
const P = pl.paths;
const S = pl.services;
const ACTIVE = "Spółdzielnia Socjalna Podsumowanie";
const CLOSED = "Stowarzyszenie Wsparcie Zakończone";
const NEEDS = "Grupa Potrzeby";
const ACTION = "Biznesplan spółdzielni";
const DAY_MS = 86_400_000;

type TCentre = { tenant: TFixtureTenant<"manager" | "advisor" | "auditor">; pathId: string; needsPathId: string };
let centre: TCentre;

/** A date as the page writes it in Polish (dd.mm.yyyy, Polish time). */
const polishDate = (at: number) => new Intl.DateTimeFormat("pl", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Warsaw" }).format(at);

test.beforeAll(async () => {
  const tenant = await createFixtureTenant({
    users: {
      manager: { name: "Kierownik Podsumowania", role: "MANAGER" },
      advisor: { name: "Doradczyni Podsumowania", role: "KEY_ADVISOR" },
      auditor: { name: "Kontroler Podsumowania", role: "AUDITOR" },
    },
    clients: [
      { name: ACTIVE, kind: "SOCIAL_COOPERATIVE", keyAdvisor: "advisor" },
      { name: NEEDS, kind: "NGO", keyAdvisor: "advisor" },
      { name: CLOSED, kind: "NGO" },
    ],
  });
  // The active client: in implementation for 40 days with no monitoring note (30 days allowed:
  // overdue), an approved plan whose open action ends in 5 days, a consultation 3 days ago.
  const pathId = await createFixturePath(tenant, ACTIVE, "PLAN");
  await ownerQuery(
    `WITH p AS (UPDATE support_path SET step = 'IMPLEMENTATION', opened_at = now() - interval '40 days' WHERE id = $1 RETURNING id, tenant_id, key_advisor_id),
          v AS (INSERT INTO path_plan_version (id, tenant_id, path_id, number, status, created_by_id, updated_at, submitted_at, submitted_by_id, decided_at)
                SELECT gen_random_uuid(), tenant_id, id, 1, 'APPROVED', key_advisor_id, now(), now(), key_advisor_id, now() FROM p RETURNING id, tenant_id, created_by_id)
     INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description, status, planned_to, responsible_user_id)
     SELECT gen_random_uuid(), tenant_id, id, 0, 'ADVISORY', $2, 'PLANNED', (now() AT TIME ZONE 'Europe/Warsaw')::date + 5, created_by_id FROM v`,
    [pathId, ACTION],
  );
  const serviceId = await createFixtureService(tenant, tenant.users.advisor, [ACTIVE], "Konsultacja sprzed trzech dni");
  for (const table of ["service_record", "service_participation", "service_provider"]) {
    await ownerQuery(`UPDATE ${table} SET date = date - 3 WHERE ${table === "service_record" ? "id" : "service_id"} = $1`, [serviceId]);
  }
  await ownerQuery(`UPDATE client SET status = 'CLOSED', waiting_since = NULL WHERE tenant_id = $1 AND id = $2`, [tenant.id, clientId(tenant, CLOSED)]);
  centre = { tenant, pathId, needsPathId: await createFixturePath(tenant, NEEDS, "NEEDS") };
});

const clientTab = (page: Page, tab: keyof typeof C.tabs) => page.getByRole("navigation", { name: C.tabs.label }).getByRole("link", { name: C.tabs[tab], exact: true });
const pathTab = (page: Page, tab: keyof typeof P.tabs) => page.getByRole("navigation", { name: P.sections }).getByRole("link", { name: P.tabs[tab], exact: true });

/** Nothing on the page's own content a user could change: no button, field or choice (the app shell's menu is outside <main>). */
async function expectNoEditControls(page: Page) {
  const main = page.getByRole("main");
  for (const role of ["button", "textbox", "combobox", "checkbox", "radio", "spinbutton", "form"] as const) {
    await expect(main.getByRole(role), `${role} on ${page.url()}`).toHaveCount(0);
  }
  for (const name of [C.details.edit, C.logService, P.openPath]) await expect(main.getByRole("link", { name }), `"${name}" on ${page.url()}`).toHaveCount(0);
}

/** The page itself never scrolls sideways (a table may, inside its own wrapper). */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(clientWidth);
}

test("the client page opens on the summary, and 'Zarejestruj usługę' opens the form that logs a service", async ({ page, visit, scan }) => {
  await signInAs(page, centre.tenant.users.advisor);
  await visit(`/clients/${clientId(centre.tenant, ACTIVE)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ACTIVE);
  await expect(clientTab(page, "overview")).toHaveAttribute("aria-current", "page");

  await expect(page.getByTestId("summary-status")).toContainText(C.statuses.ACTIVE);
  await expect(page.getByTestId("summary-advisor")).toContainText("Doradczyni Podsumowania");
  await expect(page.getByTestId("summary-step").getByRole("link", { name: P.steps.IMPLEMENTATION })).toHaveAttribute("href", `/paths/${centre.pathId}`);
  await expect(page.getByTestId("summary-last-contact")).toContainText(polishDate(Date.now() - 3 * DAY_MS));
  // Monitoring fell due 10 days ago (opened 40 days ago, 30 allowed): before the action due in 5 days.
  const due = page.getByTestId("summary-next-due");
  await expect(due).toContainText(`${polishDate(Date.now() - 10 * DAY_MS)} — ${C.summary.overdue}`);
  await expect(due).toContainText(C.summary.dueMonitoring);

  // No entry form until asked for.
  await expect(page.getByRole("form", { name: S.newTitle })).toHaveCount(0);
  await page.getByRole("link", { name: C.logService }).click();
  await expect(clientTab(page, "services")).toHaveAttribute("aria-current", "page");
  const entry = page.getByRole("form", { name: S.newTitle });
  await expect(entry.getByRole("checkbox", { name: ACTIVE })).toBeChecked();
  await scan();
  await entry.getByRole("spinbutton", { name: S.fields.durationMinutes }).fill("45");
  await entry.getByRole("combobox", { name: S.fields.supportType }).selectOption("ADVISORY");
  await entry.getByRole("textbox", { name: S.fields.topic }).fill("Kalkulacja ceny usług");
  await entry.getByRole("button", { name: S.submit }).click();
  await expect(page.getByTestId("service-saved")).toBeVisible();
  await expect(page.getByTestId("service-row").filter({ hasText: "Kalkulacja ceny usług" })).toHaveCount(1);
  await expect(page.getByTestId("client-services-total")).toContainText("1 h 45 min");
  await expect(page.getByTestId("summary-last-contact")).toContainText(polishDate(Date.now()));
  await scan();

  for (const tab of ["paths", "team", "details"] as const) {
    await clientTab(page, tab).click();
    await expect(clientTab(page, tab)).toHaveAttribute("aria-current", "page");
    await scan();
  }
});

test("a client whose support has ended is offered no 'Zarejestruj usługę'", async ({ page, visit }) => {
  await signInAs(page, centre.tenant.users.manager);
  const id = clientId(centre.tenant, CLOSED);
  await visit(`/clients/${id}`);
  await expect(page.getByTestId("summary-status")).toContainText(C.statuses.CLOSED);
  await expect(page.getByText(C.supportEnded)).toBeVisible();
  await expect(page.getByRole("link", { name: C.logService })).toHaveCount(0);
  // Not even when the form is asked for by its address.
  await visit(`/clients/${id}?tab=services&log=1`);
  await expect(page.getByTestId("client-services-total")).toBeVisible();
  await expect(page.getByRole("link", { name: C.logService })).toHaveCount(0);
  await expect(page.getByRole("form", { name: S.newTitle })).toHaveCount(0);
});

test("the path page opens on its overview: step, plan status, last monitoring, next action, what is missing", async ({ page, visit }) => {
  await signInAs(page, centre.tenant.users.advisor);
  await visit(`/paths/${centre.pathId}`);
  await expect(page.getByRole("heading", { level: 2, name: P.tabs.overview, exact: true })).toBeVisible();
  await expect(pathTab(page, "overview")).toHaveAttribute("aria-current", "page");
  const progress = page.getByTestId("path-progress");
  await expect(progress.getByRole("listitem")).toHaveCount(6);
  await expect(progress.locator('[aria-current="step"]')).toContainText(`4. ${P.steps.IMPLEMENTATION}`);
  await expect(page.getByTestId("overview-plan")).toContainText(P.overview.planLatest.replace("{number}", "1").replace("{status}", P.planStatuses.APPROVED));
  await expect(page.getByTestId("overview-monitoring")).toContainText(P.overview.noMonitoring);
  await expect(page.getByTestId("overview-monitoring")).toContainText(P.overview.monitoringOverdue);
  const next = page.getByTestId("overview-next-action");
  await expect(next).toContainText(ACTION);
  await expect(next).toContainText(P.overview.due.replace("{date}", polishDate(Date.now() + 5 * DAY_MS)));
  await expect(next).toContainText(P.overview.responsible.replace("{name}", "Doradczyni Podsumowania"));
  // The advisor may move on: nothing is missing for monitoring.
  await expect(page.getByTestId("overview-move-on").getByRole("button", { name: P.moveTo.MONITORING })).toBeVisible();

  // A path in needs: what it lacks to move on, in words.
  await visit(`/paths/${centre.needsPathId}`);
  await expect(page.getByTestId("path-progress").locator('[aria-current="step"]')).toContainText(P.steps.NEEDS);
  await expect(page.getByTestId("overview-plan")).toContainText(P.noPlan);
  await expect(page.getByTestId("overview-next-action")).toContainText(P.overview.noNextAction);
  await expect(page.getByTestId("overview-move-on")).toContainText(P.missing.needWithExpectedEffect);
});

test("an auditor sees no edit control on the client page or on any tab of the path", async ({ page, visit }) => {
  // Fourteen pages, each scanned by axe: on a busy 2-core machine that outgrows the default minute.
  test.setTimeout(180_000);
  await signInAs(page, centre.tenant.users.auditor);
  const id = clientId(centre.tenant, ACTIVE);
  for (const tab of ["overview", "paths", "services", "team", "details"] as const) {
    await visit(tab === "overview" ? `/clients/${id}` : `/clients/${id}?tab=${tab}`);
    await expect(clientTab(page, tab)).toHaveAttribute("aria-current", "page");
    await expectNoEditControls(page);
  }
  await visit(`/clients/${id}?tab=services&log=1`);
  await expectNoEditControls(page);

  for (const tab of Object.keys(P.tabs) as (keyof typeof P.tabs)[]) {
    await visit(`/paths/${centre.pathId}?tab=${tab}`);
    await expect(page.getByRole("heading", { level: 2, name: P.tabs[tab], exact: true })).toBeVisible();
    await expectNoEditControls(page);
  }
  // In words what the path still lacks, without the moves.
  await visit(`/paths/${centre.needsPathId}`);
  await expect(page.getByTestId("overview-move-on")).toContainText(P.missing.needWithExpectedEffect);
  await expectNoEditControls(page);
});

test("both pages fit a 360 px screen and 200 % zoom without sideways scrolling", async ({ page }) => {
  await signInAs(page, centre.tenant.users.advisor);
  const id = clientId(centre.tenant, ACTIVE);
  for (const size of [{ width: 360, height: 740 }, { width: 683, height: 384 }]) {
    await page.setViewportSize(size);
    for (const url of [`/clients/${id}`, `/clients/${id}?tab=services&log=1`, `/clients/${id}?tab=details`, `/paths/${centre.pathId}`, `/paths/${centre.pathId}?tab=plan`, `/paths/${centre.pathId}?tab=implementation`]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
    }
  }
});
