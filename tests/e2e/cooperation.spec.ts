import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, expectNoAxeViolations, test } from "./support/fixtures";
import { createFixturePath, createFixtureTenant, signInAs } from "./support/tenant";

const C = pl.cooperation;
const CLIENT = "Spółdzielnia Socjalna Świętokrzyskie Smaki";
const OTHER_CLIENT = "Stowarzyszenie Razem dla Buska";
const INSTITUTION = "PUP w Kielcach";
const SUBJECT = "Potwierdzenie rejestracji członków spółdzielni jako osób bezrobotnych";

/** A centre of the journey's own: an advisor carrying two clients, one with an open path, and the manager. */
async function createCentre() {
  const centre = await createFixtureTenant({
    partners: ["Fundacja Kielce"],
    users: {
      advisor: { name: "Anna Doradczyni", role: "KEY_ADVISOR", partner: "Fundacja Kielce" },
      manager: { name: "Maria Kierownik", role: "MANAGER" },
    },
    clients: [
      { name: CLIENT, kind: "SOCIAL_COOPERATIVE", keyAdvisor: "advisor" },
      { name: OTHER_CLIENT, kind: "NGO", keyAdvisor: "advisor" },
    ],
  });
  const pathId = await createFixturePath(centre, CLIENT, "NEEDS");
  return { centre, pathId };
}

/** A date `days` from today in Poland, as a date field takes it. */
function polishDay(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const escape = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

test("an advisor logs an exchange with a PUP about a client and sees it on the path timeline", async ({ browser, visit, scan, page }) => {
  const { centre, pathId } = await createCentre();
  await signInAs(page, centre.users.advisor);

  // The PUP is not in the directory yet: the advisor adds it.
  await visit("/cooperation/institutions");
  await expect(page.getByRole("heading", { level: 1, name: C.directory.title })).toBeVisible();
  await expect(page.getByText(C.directory.empty)).toBeVisible();
  await page.getByRole("textbox", { name: C.fields.name }).fill(INSTITUTION);
  await page.getByRole("combobox", { name: C.fields.kind }).selectOption({ label: C.institutionKinds.PUP });
  await page.getByRole("textbox", { name: C.fields.town }).fill("Kielce");
  await page.getByRole("textbox", { name: C.fields.phone }).fill("41 123 45 67");
  await page.getByRole("button", { name: C.directory.create }).click();
  await expect(page.getByText(C.directory.created)).toBeVisible();
  await expect(page.getByTestId("institution-row").getByRole("link", { name: INSTITUTION })).toBeVisible();
  // A second entry of the same name is refused next to the name.
  await page.getByRole("textbox", { name: C.fields.name }).fill("pup w kielcach");
  await page.getByRole("combobox", { name: C.fields.kind }).selectOption({ label: C.institutionKinds.PUP });
  await page.getByRole("button", { name: C.directory.create }).click();
  await expect(page.getByRole("textbox", { name: C.fields.name })).toHaveAccessibleDescription(escape(C.validation.institutionNameTaken));
  await scan();

  // The exchange, from the directory's link.
  await page.getByRole("link", { name: C.addExchange }).click();
  await expect(page.getByRole("heading", { level: 1, name: C.form.newTitle })).toBeVisible();
  await scan();
  const date = page.getByLabel(C.fields.date);
  await date.fill(polishDay(1));
  await page.getByRole("combobox", { name: C.fields.institution }).selectOption({ label: `${INSTITUTION} (Kielce)` });
  await page.getByRole("group", { name: C.fields.direction }).getByRole("radio", { name: C.directions.RECEIVED }).check();
  await page.getByRole("combobox", { name: C.fields.channel }).selectOption({ label: C.channels.EMAIL });
  await page.getByRole("textbox", { name: C.fields.contactPerson }).fill("Jan Kowalski, doradca zawodowy");
  await page.getByRole("textbox", { name: C.fields.subject }).fill(SUBJECT);
  await page.getByRole("combobox", { name: C.fields.client }).selectOption({ label: CLIENT });
  await page.getByRole("textbox", { name: C.fields.documentReference }).fill("PUP-K.0123.15.2026");
  await page.getByRole("button", { name: C.form.submit }).click();
  // A date in the future is refused next to the field, and the rest stays as typed.
  await expect(date).toHaveAccessibleDescription(escape(pl.validation.dateInFuture));
  await expect(page.getByRole("textbox", { name: C.fields.subject })).toHaveValue(SUBJECT);
  await scan();
  await date.fill(polishDay(0));
  await page.getByRole("button", { name: C.form.submit }).click();

  await expect(page.getByTestId("exchange-saved")).toHaveText(C.form.saved);
  await scan();
  await page.getByRole("link", { name: C.form.showOnTimeline }).click();
  await expect(page).toHaveURL(new RegExp(`/paths/${pathId}\\?tab=timeline$`));
  await expect(page.getByRole("heading", { level: 2, name: pl.paths.tabs.timeline, exact: true })).toBeVisible();
  const onTimeline = page.getByTestId("timeline-exchange");
  await expect(onTimeline).toHaveCount(1);
  await expect(onTimeline).toContainText(`${C.timeline.exchange.replace("{institution}", INSTITUTION)}: ${SUBJECT}`);
  await expect(onTimeline).toContainText(`Anna Doradczyni · ${C.directions.RECEIVED} · ${C.channels.EMAIL}`);
  await scan();

  // The manager finds it in the cooperation log, with the client named.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signInAs(manager, centre.users.manager);
  await manager.goto("/cooperation");
  await expect(manager.getByRole("heading", { level: 1, name: C.log.title })).toBeVisible();
  await expectNoAxeViolations(manager);
  const row = manager.getByTestId("log-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(SUBJECT);
  await expect(row).toContainText(INSTITUTION);
  await expect(row.getByRole("link", { name: CLIENT })).toBeVisible();
  await manager.getByRole("combobox", { name: C.log.direction }).selectOption({ label: C.directions.SENT });
  await manager.getByRole("button", { name: C.log.show }).click();
  await expect(manager.getByText(C.log.empty)).toBeVisible();
  await expect(manager).toHaveURL(/direction=SENT/);
  await managerContext.close();
});
