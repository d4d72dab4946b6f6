import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { addDays, monthRange, todayInPoland } from "@/lib/dates";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { clientId, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 14 in the browser: the events calendar (month and week, filters, a phone's list), and the
 * training journey — a manager creates a two-session training, registers three people (one at her
 * limit is refused, then admitted by exception), marks attendance with the keyboard alone, prints
 * the attendance list, and the hours reach each client's history and the trainer's timesheet.
 * Every page on the way is scanned by axe. The centre, its staff, clients and earlier trainings
 * are the test's own.
 */

const C = pl.events.calendar;

type TUserKey = "manager" | "trainer";

/** An event with one session per date, written as the owner (the calendar test needs fixed data, not a journey). */
async function insertEvent(
  tenant: TFixtureTenant<TUserKey>,
  spec: { title: string; kind: string; dates: string[]; office?: string; status?: "PLANNED" | "CANCELLED"; trainer?: string; start?: string },
): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO event (id, tenant_id, title, kind, support_type, status, office_id, created_by_id, updated_at)
     VALUES ($1, $2, $3, $4::"EventKind", 'TRAINING', $5::"EventStatus", $6, $7, now())`,
    [id, tenant.id, spec.title, spec.kind, spec.status ?? "PLANNED", spec.office ? tenant.offices.get(spec.office) : null, tenant.users.manager.id],
  );
  for (const date of spec.dates) {
    await ownerQuery(
      `INSERT INTO event_session (id, tenant_id, event_id, date, start_time, end_time, duration_minutes, place)
       VALUES ($1, $2, $3, $4::date, $5, NULL, 120, 'Sala konferencyjna')`,
      [randomUUID(), tenant.id, id, date, spec.start ?? "10:00"],
    );
  }
  if (spec.trainer) {
    await ownerQuery(`INSERT INTO event_trainer (id, tenant_id, event_id, user_id) VALUES ($1, $2, $3, $4)`, [randomUUID(), tenant.id, id, spec.trainer]);
  }
  return id;
}

const calendarCell = (page: Page, date: string) => page.getByTestId("calendar-month").locator(`td[data-date="${date}"]`);

test.describe("the events calendar", () => {
  let tenant: TFixtureTenant<TUserKey>;

  test.beforeAll(async () => {
    tenant = await createFixtureTenant({
      offices: ["Biuro w Kielcach", "Biuro w Busku-Zdroju"],
      users: { manager: { name: "Małgorzata Kierownik", role: "MANAGER" }, trainer: { name: "Tomasz Trenerski", role: "ANIMATOR" } },
    });
    await insertEvent(tenant, { title: "Księgowość spółdzielni socjalnej", kind: "TRAINING", dates: ["2026-11-01", "2026-11-17"], office: "Biuro w Kielcach", trainer: tenant.users.trainer.id });
    await insertEvent(tenant, { title: "Warsztaty marketingowe", kind: "WORKSHOP", dates: ["2026-11-17"], start: "08:30", office: "Biuro w Busku-Zdroju" });
    await insertEvent(tenant, { title: "Odwołany dyżur", kind: "DUTY_HOURS", dates: ["2026-11-20"], status: "CANCELLED" });
    await insertEvent(tenant, { title: "Grudniowa wizyta studyjna", kind: "STUDY_VISIT", dates: ["2026-12-09"] });
  });

  test("a month as a grid with Polish weekdays, filters that keep the period, the next month and a week", async ({ page, visit, scan }) => {
    await signInAs(page, tenant.users.manager);
    await visit("/events?view=month&date=2026-11-17");
    await expect(page.getByRole("heading", { level: 1, name: C.title })).toBeVisible();
    await expect(page.getByRole("link", { name: C.newEvent })).toHaveAttribute("href", "/events/new");
    const grid = page.getByRole("table", { name: "Kalendarz wydarzeń — listopad 2026" });
    await expect(grid).toBeVisible();
    await expect(grid.getByRole("columnheader")).toHaveText(["Pon", "Wt", "Śr", "Czw", "Pt", "Sob", "Niedz"]);
    // November 2026 starts on a Sunday: the first row is the week of Monday 26 October.
    await expect(grid.locator("tbody tr").first().locator("td").first()).toHaveAttribute("data-date", "2026-10-26");
    await expect(calendarCell(page, "2026-11-01").getByRole("link")).toHaveText(/10:00\s*Księgowość spółdzielni socjalnej\s*Szkolenie/);
    await expect(calendarCell(page, "2026-11-17").getByRole("link")).toHaveText([/08:30\s*Warsztaty marketingowe/, /10:00\s*Księgowość/]);
    await expect(calendarCell(page, "2026-11-20").getByRole("link")).toContainText("odwołane");
    await expect(page.getByRole("link", { name: /Grudniowa wizyta studyjna/ })).toHaveCount(0);

    // Filter by kind, then by trainer: the month stays.
    const filters = page.getByRole("search", { name: C.filters });
    await filters.getByRole("combobox", { name: C.kind }).selectOption({ label: pl.events.kinds.WORKSHOP });
    await filters.getByRole("button", { name: C.show }).click();
    await expect(page).toHaveURL(/kind=WORKSHOP/);
    await expect(grid.getByRole("link")).toHaveText([/Warsztaty marketingowe/]);
    await filters.getByRole("combobox", { name: C.kind }).selectOption({ label: pl.common.all });
    await filters.getByRole("combobox", { name: C.trainer }).selectOption({ label: "Tomasz Trenerski" });
    await filters.getByRole("button", { name: C.show }).click();
    await expect(grid.getByRole("link")).toHaveText([/Księgowość/, /Księgowość/]);
    await filters.getByRole("combobox", { name: C.trainer }).selectOption({ label: pl.common.all });
    await filters.getByRole("combobox", { name: C.office }).selectOption({ label: "Biuro w Busku-Zdroju" });
    await filters.getByRole("button", { name: C.show }).click();
    await expect(grid.getByRole("link")).toHaveText([/Warsztaty marketingowe/]);
    await scan();

    // The next month keeps the filter; without it December shows its study visit.
    await page.getByRole("link", { name: C.next.month }).click();
    await expect(page.getByRole("table", { name: "Kalendarz wydarzeń — grudzień 2026" })).toBeVisible();
    await expect(page).toHaveURL(/officeId=/);
    await page.goto("/events?view=month&date=2026-12-01");
    await expect(calendarCell(page, "2026-12-09").getByRole("link")).toHaveText(/Grudniowa wizyta studyjna/);

    // The week of Tuesday 17 November: a list of its seven days, Monday first.
    await page.goto("/events?view=month&date=2026-11-17");
    await page.getByRole("navigation", { name: C.periodNav }).getByRole("link", { name: C.views.week }).click();
    await expect(page.getByRole("heading", { level: 2 })).toHaveText("Tydzień 16 listopada 2026 – 22 listopada 2026");
    const days = page.getByTestId("calendar-days").locator(":scope > li");
    await expect(days).toHaveCount(7);
    await expect(days.first().getByRole("heading", { level: 3 })).toHaveText("poniedziałek, 16 listopada");
    const tuesday = page.getByTestId("calendar-days").locator('li[data-date="2026-11-17"]');
    await expect(tuesday.getByRole("link")).toHaveText([/08:30\s*Warsztaty marketingowe/, /10:00\s*Księgowość/]);
    await expect(tuesday).toContainText("Biuro w Kielcach");
    await scan();

    // The link opens the event page.
    await tuesday.getByRole("link", { name: /Księgowość/ }).click();
    await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  });

  test("on a 360 px phone the month is a list of the days with events, with no sideways scroll", async ({ page, scan }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await signInAs(page, tenant.users.manager);
    await page.goto("/events?view=month&date=2026-11-17");
    await expect(page.getByTestId("calendar-month")).toBeHidden();
    const days = page.getByTestId("calendar-days").locator(":scope > li");
    await expect(days).toHaveCount(3);
    await expect(days.nth(1)).toHaveAttribute("data-date", "2026-11-17");
    await expect(days.nth(1).getByRole("link")).toHaveCount(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await scan();
  });
});

// ── The training journey ────────────────────────────────────────────────────────────────────────

const F = pl.events.form;
const R = pl.events.registrations;
const A = pl.events.attendance;

/** Moves the focus with Tab (and only Tab) until `target` has it. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the control");
}

/** A form control's name: its label, with " *" when the field is required. */
const labelled = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`);

/** "10.10.2026", as the event page names a session's date. */
const polishDate = (iso: string) => iso.split("-").reverse().join(".");

test.describe("the training journey", () => {
  type TJourneyKey = "manager" | "trainer" | "advisor";
  const PEOPLE = ["Zofia Łęcka", "Bożena Ślązak", "Jędrzej Gwóźdź"] as const;
  const AT_LIMIT = "Bożena Ślązak";
  const TITLE = "Księgowość i podatki w spółdzielni socjalnej";
  const REASON = "Jedyna księgowa spółdzielni — szkolenie niezbędne przed rozliczeniem rocznym.";
  // Two sessions of last month (attendance is taken on the day or later), in one month so that one
  // timesheet holds both: the 10th and the 17th, 10:00–13:00 each.
  const month = monthRange(todayInPoland().slice(0, 7)).from;
  const lastMonth = addDays(month, -1).slice(0, 7);
  const DAYS = [`${lastMonth}-10`, `${lastMonth}-17`] as const;
  const YEAR = Number(lastMonth.slice(0, 4));
  let tenant: TFixtureTenant<TJourneyKey>;

  test.beforeAll(async () => {
    tenant = await createFixtureTenant({
      offices: ["Biuro w Kielcach"],
      users: {
        manager: { name: "Halina Kierowniczka", role: "MANAGER", office: "Biuro w Kielcach" },
        trainer: { name: "Tomasz Trenerski", role: "ANIMATOR", office: "Biuro w Kielcach" },
        advisor: { name: "Dorota Doradczyni", role: "KEY_ADVISOR", office: "Biuro w Kielcach" },
      },
      clients: PEOPLE.map((name) => ({ name, keyAdvisor: "advisor" as const, office: "Biuro w Kielcach" })),
    });
    // Bożena Ślązak already holds three counting trainings this project year: the limit (3).
    const person = clientId(tenant, AT_LIMIT);
    for (let i = 1; i <= 3; i++) {
      const eventId = randomUUID();
      await ownerQuery(
        `INSERT INTO event (id, tenant_id, title, kind, support_type, counts_toward_limit, limit_year, created_by_id, updated_at)
         VALUES ($1, $2, $3, 'TRAINING', 'TRAINING', true, $4, $5, now())`,
        [eventId, tenant.id, `Wcześniejsze szkolenie ${i}`, YEAR, tenant.users.manager.id],
      );
      await ownerQuery(
        `INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, limit_year, registered_by_id)
         VALUES ($1, $2, $3, $4::uuid, $4::uuid, 'client:' || $4::text, 'REGISTERED', $5, $6)`,
        [randomUUID(), tenant.id, eventId, person, YEAR, tenant.users.manager.id],
      );
    }
  });

  test("a manager creates a two-session training, registers three people (one by exception), takes attendance from the keyboard, prints the list, and the hours reach the clients and the trainer", async ({
    page,
    visit,
    scan,
  }) => {
    test.setTimeout(240_000);
    await signInAs(page, tenant.users.manager);

    // ── The event form ──
    await visit(`/events?view=month&date=${DAYS[0]}`);
    await page.getByRole("link", { name: C.newEvent }).click();
    const form = page.getByRole("form", { name: F.newTitle });
    await expect(form).toBeVisible();
    await scan();
    await form.getByRole("textbox", { name: labelled(F.fields.title) }).fill(TITLE);
    await expect(form.getByRole("combobox", { name: labelled(F.fields.kind) })).toHaveValue("TRAINING");
    await expect(form.getByRole("checkbox", { name: F.fields.countsTowardLimit })).toBeChecked();
    const first = form.getByRole("group", { name: F.sessionLegend.replace("{n}", "1") });
    await first.getByLabel(labelled(F.fields.date)).fill(DAYS[0]);
    await first.getByLabel(labelled(F.fields.startTime)).fill("10:00");
    await first.getByLabel(labelled(F.fields.endTime)).fill("13:00");
    await first.getByLabel(labelled(F.fields.place)).fill("Sala szkoleniowa, ul. Sienkiewicza 12, Kielce");
    await form.getByRole("button", { name: F.addSession }).click();
    const second = form.getByRole("group", { name: F.sessionLegend.replace("{n}", "2") });
    // A new session copies the last one's times and place, a day later.
    await expect(second.getByLabel(labelled(F.fields.startTime))).toHaveValue("10:00");
    await second.getByLabel(labelled(F.fields.date)).fill(DAYS[1]);
    await form.getByRole("button", { name: F.addTrainer }).click();
    await form
      .getByRole("group", { name: F.trainerLegend.replace("{n}", "1") })
      .getByRole("combobox", { name: labelled(F.fields.staff) })
      .selectOption({ label: "Tomasz Trenerski" });
    await form.getByRole("spinbutton", { name: labelled(F.fields.capacity) }).fill("10");
    await form.getByRole("button", { name: F.submitCreate }).click();
    await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}\?created=1$/);
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByText(pl.events.page.created)).toBeVisible();
    const eventUrl = new URL(page.url()).pathname;
    await scan();

    // ── Registrations: two land, the third is at her limit and is admitted by exception ──
    const search = page.getByRole("search", { name: R.register.title });
    const registerPerson = async (name: string) => {
      await search.getByRole("searchbox", { name: R.register.query }).fill(name);
      await search.getByRole("button", { name: R.register.search }).click();
      await page.getByRole("list", { name: R.register.resultsLabel }).getByRole("button", { name: R.register.submitLabel.replace("{person}", name) }).click();
    };
    const notice = (text: string) => page.getByRole("alert").or(page.getByRole("status")).filter({ hasText: text });
    for (const name of PEOPLE) {
      await registerPerson(name);
      if (name !== AT_LIMIT) {
        await expect(notice(R.register.registered.replace("{person}", name))).toBeVisible();
        continue;
      }
      // Refused with the person, her count and the limit; the manager's reason field takes the focus.
      await expect(page.getByText(`Nie można zapisać: ${AT_LIMIT} ma już 3 z 3 szkoleń w roku ${YEAR}.`)).toBeVisible();
      const reason = page.getByRole("textbox", { name: R.register.exceptionReason });
      await expect(reason).toBeFocused();
      await scan();
      await page.keyboard.type(REASON);
      await page.getByRole("button", { name: R.register.admit }).click();
      await expect(notice(R.register.admitted.replace("{person}", AT_LIMIT))).toBeVisible();
    }
    const registered = page.getByRole("table", { name: R.registeredCaption });
    for (const name of PEOPLE) await expect(registered.getByRole("row").filter({ hasText: name })).toHaveCount(1);
    await expect(registered.getByRole("row").filter({ hasText: AT_LIMIT })).toContainText(R.exception.replace("{reason}", REASON));
    await expect(page.getByTestId("registration-seats")).toContainText("3 z 10 miejsc");
    await scan();

    // ── Attendance of the first session, from the keyboard alone ──
    await page.getByRole("link", { name: pl.events.page.attendanceLinkLabel.replace("{date}", polishDate(DAYS[0])) }).click();
    await expect(page.getByRole("heading", { level: 1, name: A.heading.replace("{event}", TITLE) })).toBeVisible();
    await scan();
    const row = (name: string) => page.getByRole("group", { name, exact: true });
    const support = (name: string) => row(A.supportLegend.replace("{person}", name));
    const status = (name: string, value: "PRESENT" | "ABSENT") => row(name).getByRole("radio", { name: A.statuses[value], exact: true });
    // The rows in the order Tab meets them.
    const order = (await page.getByRole("table", { name: A.caption }).locator("tbody th[scope='row']").allTextContents()).map((name) => name.trim());
    expect([...order].sort()).toEqual([...PEOPLE].sort());
    const [firstRow = "", secondRow = "", thirdRow = ""] = order;
    // The first: present (Space), then Tab to her support — materials (Space) and a travel refund.
    await status(firstRow, "PRESENT").focus();
    await page.keyboard.press("Space");
    await expect(status(firstRow, "PRESENT")).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(support(firstRow).getByRole("checkbox", { name: A.materials })).toBeFocused();
    await page.keyboard.press("Space");
    await tabTo(page, support(firstRow).getByRole("textbox", { name: A.travel }));
    await page.keyboard.type("12,50");
    // The second: present. The third: the arrows move through Obecny → Nieobecny and back.
    await tabTo(page, status(secondRow, "PRESENT"));
    await page.keyboard.press("Space");
    await tabTo(page, status(thirdRow, "PRESENT"));
    await page.keyboard.press("ArrowRight");
    await expect(status(thirdRow, "ABSENT")).toBeChecked();
    await page.keyboard.press("ArrowLeft");
    await expect(status(thirdRow, "PRESENT")).toBeChecked();
    await tabTo(page, page.getByRole("button", { name: A.save }));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("attendance-status")).toHaveText(`Zapisano obecność: 3 obecnych. ${A.record.created}`);
    await page.reload();
    for (const name of PEOPLE) await expect(status(name, "PRESENT")).toBeChecked();
    await expect(support(firstRow).getByRole("checkbox", { name: A.materials })).toBeChecked();
    await expect(support(firstRow).getByRole("textbox", { name: A.travel })).toHaveValue("12,50");
    await expect(support(secondRow).getByRole("checkbox", { name: A.materials })).not.toBeChecked();
    await scan();

    // ── The attendance list to sign, as a PDF in Polish ──
    const listHref = await page.getByRole("link", { name: A.printList }).getAttribute("href");
    expect(listHref).toMatch(/\/attendance-list$/);
    const response = await page.request.get(listHref ?? "");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await response.body())), { mergePages: true });
    expect(text).toContain(pl.events.documents.attendanceList.title);
    expect(text).toContain(TITLE);
    expect(text).toContain(pl.events.documents.attendanceList.signature);
    for (const name of PEOPLE) expect(text).toContain(name);

    // ── The second session: everyone present, by the shortcut ──
    await page.goto(eventUrl);
    await page.getByRole("link", { name: pl.events.page.attendanceLinkLabel.replace("{date}", polishDate(DAYS[1])) }).click();
    await page.getByRole("button", { name: A.allPresent }).click();
    await page.getByRole("button", { name: A.save }).click();
    await expect(page.getByTestId("attendance-status")).toContainText(A.record.created);

    // ── The hours: 2 × 3 h in each client's history, 6 h in the trainer's timesheet ──
    for (const name of PEOPLE) {
      await visit(`/clients/${clientId(tenant, name)}/services`);
      await expect(page.getByTestId("service-row").filter({ hasText: TITLE })).toHaveCount(2);
      await expect(page.getByTestId("history-total")).toContainText("6 h");
    }
    await visit(`/services/timesheet?month=${lastMonth}&userId=${tenant.users.trainer.id}`);
    await expect(page.getByRole("heading", { level: 2, name: /Tomasz Trenerski/ })).toBeVisible();
    await expect(page.getByTestId("timesheet-total")).toHaveAttribute("data-minutes", "360");

    // ── The calendar shows the training on both days ──
    await visit(`/events?view=month&date=${DAYS[0]}`);
    for (const day of DAYS) await expect(calendarCell(page, day).getByRole("link", { name: new RegExp(TITLE) })).toBeVisible();
  });
});
