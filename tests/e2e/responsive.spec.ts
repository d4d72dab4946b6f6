import { randomUUID } from "node:crypto";
import { test as base, type BrowserContext, type Page } from "@playwright/test";
import { navSectionsFor } from "@/components/shell/nav-items";
import type { TRole } from "@/lib/auth/permissions";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, expectNoAxeViolations } from "./support/fixtures";
import { CSP_VIOLATION, expectHardenedResponse, inlineScriptsWithoutNonce } from "./support/security";
import { clientId, clientsNamed, createFixturePath, createFixtureService, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 13: every page fits a phone (360 px) and a laptop at 200 % zoom (1366 × 768 → 683 × 384
 * CSS px) — no sideways scroll of the page, every table's shown header on screen, no axe
 * violation. Each role visits what its menu offers and the record pages it works on. Pages are
 * data: add one to EXTRA_PAGES (or to the menu, which every role's list follows).
 */

const SIZES = [
  { name: "phone 360 px", viewport: { width: 360, height: 780 }, deviceScaleFactor: 1 },
  { name: "laptop at 200 % zoom", viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
] as const;

const PATH_TABS = ["overview", "identification", "needs", "plan", "implementation", "monitoring", "evaluation", "annotations", "timeline"];

const CARRIED = "Responsywna Klientka";
const PATH_CLIENT = `${CARRIED} 1`;
const WAITING = "Oczekująca Spółdzielnia Socjalna z bardzo długą nazwą Rękodzielników Ziemi Świętokrzyskiej";

type TUserKey = "manager" | "coordinator" | "advisor" | "animator" | "specialist" | "auditor" | "admin" | "iod";
type TFixture = { tenant: TFixtureTenant<TUserKey>; pathId: string; serviceId: string; event: { id: string; sessionId: string }; importId: string };

/** The record pages a role works on besides its menu; URLs from the fixture's ids. */
const EXTRA_PAGES: Partial<Record<TUserKey, (f: TFixture) => string[]>> = {
  advisor: ({ tenant, pathId, serviceId }) => {
    const client = clientId(tenant, PATH_CLIENT);
    return [
      `/clients/${client}`,
      `/clients/${client}/history`,
      `/clients/${client}/services`,
      `/clients/${client}/privacy`,
      "/clients/new",
      ...PATH_TABS.map((tab) => `/paths/${pathId}?tab=${tab}`),
      `/paths/${pathId}/card`,
      `/services/${serviceId}/edit`,
      "/account",
      "/account/security",
    ];
  },
  manager: ({ tenant, pathId, event, importId }) => [
    `/clients/${clientId(tenant, PATH_CLIENT)}`,
    `/paths/${pathId}?tab=plan`,
    "/caseload/handover",
    "/account",
    `/events/${event.id}`,
    `/events/${event.id}/edit`,
    `/events/${event.id}/sessions/${event.sessionId}`,
    `/imports/${importId}`,
  ],
  iod: () => ["/privacy/requests/new", "/account/security"],
  animator: ({ event }) => [`/events/${event.id}`, `/events/${event.id}/sessions/${event.sessionId}`],
  coordinator: ({ tenant }) => [`/clients/${clientId(tenant, PATH_CLIENT)}`],
  admin: ({ tenant }) => [`/admin/users/${tenant.users.advisor.id}`, "/admin/users/new", `/admin/partners/${tenant.partners.get("Partner Północ")}`, `/admin/offices/${tenant.offices.get("Biuro w Kielcach")}`, "/account"],
};

const ROLE_OF: Record<TUserKey, TRole> = {
  manager: "MANAGER",
  coordinator: "COORDINATOR",
  advisor: "KEY_ADVISOR",
  animator: "ANIMATOR",
  specialist: "SPECIALIST",
  auditor: "AUDITOR",
  admin: "ADMIN",
  iod: "IOD",
};

/** What next-intl logs in the browser when a client component cannot translate. */
const INTL_ERROR = /\b(MISSING_MESSAGE|INSUFFICIENT_PATH|INVALID_MESSAGE|INVALID_KEY|FORMATTING_ERROR|MISSING_FORMAT|ENVIRONMENT_FALLBACK)\b/;

let fixture: TFixture;

base.beforeAll(async () => {
  const tenant = await createFixtureTenant({
    offices: ["Biuro w Kielcach"],
    partners: ["Partner Północ"],
    users: {
      manager: { name: "Maria Menedżerska", role: "MANAGER" },
      coordinator: { name: "Celina Koordynatorka", role: "COORDINATOR", partner: "Partner Północ" },
      advisor: { name: "Aleksandra Długonazwiskowa-Wielkopolańska", role: "KEY_ADVISOR", partner: "Partner Północ", office: "Biuro w Kielcach" },
      animator: { name: "Adam Animator", role: "ANIMATOR", partner: "Partner Północ" },
      specialist: { name: "Sylwia Specjalistka", role: "SPECIALIST", partner: "Partner Północ" },
      auditor: { name: "Artur Audytor", role: "AUDITOR" },
      admin: { name: "Adela Administratorka", role: "ADMIN" },
      iod: { name: "Irena Inspektorka Ochrony Danych", role: "IOD" },
    },
    clients: [...clientsNamed(CARRIED, 3, "advisor"), { name: WAITING, kind: "SOCIAL_COOPERATIVE", office: "Biuro w Kielcach" }],
  });
  const pathId = await createFixturePath(tenant, PATH_CLIENT, "PLAN");
  const serviceId = await createFixtureService(tenant, tenant.users.advisor, [PATH_CLIENT, `${CARRIED} 2`], "Konsultacja w sprawie biznesplanu spółdzielni socjalnej");
  fixture = { tenant, pathId, serviceId, event: await createFixtureTraining(tenant, [`${CARRIED} 1`, `${CARRIED} 2`]), importId: await createFixtureImport(tenant) };
});

/** A clients' import whose dry run found errors (a long file name, a long message), as its page shows it with the report. */
async function createFixtureImport(tenant: TFixtureTenant<TUserKey>): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `WITH i AS (
       INSERT INTO data_import (id, tenant_id, kind, file_name, file_type, byte_size, checksum, content, status, total_rows, processed_rows, to_create, invalid_rows, issue_count, created_by_id, validated_at, updated_at)
       VALUES ($1, $2, 'CLIENTS', 'klienci-spółdzielni-socjalnych-województwa-świętokrzyskiego-stan-na-koniec-roku.xlsx', 'csv', 64, repeat('ab', 32), convert_to('x', 'UTF8'),
               'INVALID', 120, 120, 118, 2, 2, $3, now(), now())
       RETURNING id, tenant_id)
     INSERT INTO data_import_issue (id, tenant_id, import_id, row_number, "column", message, params)
     SELECT gen_random_uuid(), i.tenant_id, i.id, x.row_number, x.col, x.message, x.params::jsonb FROM i,
       (VALUES (17, 'PESEL', 'validation.invalidPesel', NULL),
               (121, 'Doradca kluczowy (e-mail)', 'imports.issues.advisorOverLimit', '{"advisor":"Aleksandra Długonazwiskowa-Wielkopolańska","load":15,"limit":15,"adding":3,"rows":"98, 110, 121"}')
       ) AS x(row_number, col, message, params)`,
    [id, tenant.id, tenant.users.manager.id],
  );
  return id;
}

/** A two-session training (yesterday and a week later) with a long title, run by the animator, two of the advisor's clients registered. */
async function createFixtureTraining(tenant: TFixtureTenant<TUserKey>, clientNames: string[]): Promise<{ id: string; sessionId: string }> {
  const [id, sessionId] = [randomUUID(), randomUUID()];
  await ownerQuery(
    `WITH e AS (
       INSERT INTO event (id, tenant_id, title, kind, support_type, capacity, counts_toward_limit, limit_year, office_id, created_by_id, updated_at)
       VALUES ($1, $2, 'Szkolenie: rachunkowość i rozliczenia podatkowe spółdzielni socjalnych w województwie świętokrzyskim', 'TRAINING', 'TRAINING', 20, true,
               extract(year FROM (now() AT TIME ZONE 'Europe/Warsaw'))::int, $3, $4, now())
       RETURNING id, tenant_id, created_by_id),
     s AS (
       INSERT INTO event_session (id, tenant_id, event_id, date, start_time, end_time, duration_minutes, place)
       SELECT x.id, e.tenant_id, e.id, (now() AT TIME ZONE 'Europe/Warsaw')::date + x.offset_days, '10:00', '13:00', 180, 'Sala konferencyjna Urzędu Miasta, ul. Bardzo Długa 123'
       FROM e, (VALUES ($5::uuid, -1), (gen_random_uuid(), 6)) AS x(id, offset_days)),
     t AS (INSERT INTO event_trainer (id, tenant_id, event_id, user_id) SELECT gen_random_uuid(), e.tenant_id, e.id, $6 FROM e)
     INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, limit_year, registered_by_id)
     SELECT gen_random_uuid(), e.tenant_id, e.id, c, c, 'client:' || c::text, 'REGISTERED', extract(year FROM (now() AT TIME ZONE 'Europe/Warsaw'))::int, e.created_by_id
     FROM e, unnest($7::uuid[]) AS c`,
    [id, tenant.id, tenant.offices.get("Biuro w Kielcach"), tenant.users.manager.id, sessionId, tenant.users.animator.id, clientNames.map((name) => clientId(tenant, name))],
  );
  return { id, sessionId };
}

/** The page's width problems: sideways scroll of the page, and shown table headers past the right edge. */
async function widthProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      // Name the widest offenders, so a failure says where to look.
      const wide = [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && el.checkVisibility())
        .slice(-3)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} "${(el.textContent ?? "").trim().slice(0, 40)}"`);
      problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} px (${wide.join("; ")})`);
    }
    for (const th of document.querySelectorAll<HTMLElement>("table thead th")) {
      // A column hidden by priority (components/ui/data-table.tsx) is display: none.
      if (!th.checkVisibility()) continue;
      const right = th.getBoundingClientRect().right;
      if (right > window.innerWidth + 0.5) problems.push(`table header "${th.textContent?.trim()}" ends at ${Math.round(right)} px, past ${window.innerWidth} px`);
    }
    return problems;
  });
}

async function checkPage(page: Page, url: string) {
  const response = await page.goto(url);
  await expect(page.locator("main h1").first(), url).toBeVisible();
  // Issue 17: the headers of every page, and no inline script without the nonce.
  expectHardenedResponse(response, url);
  expect.soft(await inlineScriptsWithoutNonce(page), `${url}: inline scripts without the nonce`).toEqual([]);
  // Soft: one run names every page that does not fit, not only the first.
  expect.soft(await widthProblems(page), url).toEqual([]);
  await expectNoAxeViolations(page);
}

for (const size of SIZES) {
  base.describe(`at ${size.name}`, () => {
    let context: BrowserContext;
    let page: Page;
    const intlErrors: string[] = [];
    const cspViolations: string[] = [];

    base.beforeAll(async ({ browser }) => {
      context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor, locale: "pl-PL", timezoneId: "Europe/Warsaw" });
      context.on("console", (message) => {
        if (message.type() === "error" && INTL_ERROR.test(message.text())) intlErrors.push(`${message.location().url}: ${message.text()}`);
        if (CSP_VIOLATION.test(message.text())) cspViolations.push(`${message.location().url}: ${message.text()}`);
      });
      page = await context.newPage();
    });
    base.afterAll(async () => {
      await context.close();
    });
    base.afterEach(() => {
      expect(intlErrors, "next-intl errors in the browser").toEqual([]);
      expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
    });

    base("the skip link is the first Tab stop and the menu opens behind its button", async () => {
      await context.clearCookies();
      await signInAs(page, fixture.tenant.users.advisor);
      await page.goto("/my-clients");
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: pl.common.skipToContent });
      await expect(skip).toBeFocused();
      await expect(skip).toHaveAttribute("href", "#main");
      await expect(page.locator("main#main")).toHaveCount(1);

      // The menu button comes next; Enter opens the menu, whose links follow it in the Tab order.
      const nav = page.getByRole("navigation", { name: pl.shell.mainNav });
      const menu = page.getByRole("button", { name: pl.shell.menu });
      await expect(nav).toBeHidden();
      await page.keyboard.press("Tab");
      await expect(menu).toBeFocused();
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await page.keyboard.press("Enter");
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      await expect(nav).toBeVisible();
      await expect(nav.getByRole("link", { name: pl.shell.nav.myClients })).toHaveAttribute("aria-current", "page");
      await page.keyboard.press("Tab");
      await expect(nav.getByRole("link").first()).toBeFocused();
      expect(await widthProblems(page)).toEqual([]);
      await expectNoAxeViolations(page);
      // Escape closes it and gives the focus back to its button.
      await page.keyboard.press("Escape");
      await expect(nav).toBeHidden();
      await expect(menu).toBeFocused();
      // By pointer: a click opens it, and a link followed closes it on the new page.
      await menu.click();
      await expect(nav).toBeVisible();
      await nav.getByRole("link", { name: pl.shell.nav.myDay }).click();
      await expect(page).toHaveURL(/\/services$/);
      await expect(nav).toBeHidden();
      await expect(menu).toHaveAttribute("aria-expanded", "false");
    });

    for (const key of Object.keys(ROLE_OF) as TUserKey[]) {
      base(`${key}: every page of the menu and the records worked on fit, with no axe violation`, async () => {
        base.setTimeout(240_000);
        await context.clearCookies();
        await signInAs(page, fixture.tenant.users[key]);
        const menuPages = navSectionsFor(ROLE_OF[key]).flatMap((section) => section.items.map((item) => item.href));
        for (const url of [...menuPages, ...(EXTRA_PAGES[key]?.(fixture) ?? [])]) await checkPage(page, url);
      });
    }
  });
}
