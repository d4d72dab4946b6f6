import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, expectNoAxeViolations as scanOn, test } from "./support/fixtures";
import { clientsNamed, createFixtureTenant, signInAs } from "./support/tenant";

/** Names of the support catalogue's built-in entries, as every new tenant gets them (migration 20261202090000). */
const CATALOGUE = { TRAINING: "Szkolenie", SPECIALIST_ADVISORY: "Doradztwo specjalistyczne", LEGAL: "Prawne" } as const;

const P = pl.paths;
const CLIENT = "Elżbieta Mróz";

/** A centre of the journey's own: an advisor carrying four clients and their partner's coordinator. */
function createCentre() {
  return createFixtureTenant({
    partners: ["Fundacja Busko"],
    users: {
      advisor: { name: "Agnieszka Kamińska", role: "KEY_ADVISOR", partner: "Fundacja Busko" },
      coordinator: { name: "Ewa Nowak", role: "COORDINATOR", partner: "Fundacja Busko" },
    },
    clients: [{ name: CLIENT, kind: "PERSON", keyAdvisor: "advisor" }, ...clientsNamed("Klient ścieżki", 3, "advisor")],
  });
}

async function openTab(page: Page, tab: keyof typeof P.tabs) {
  await page.getByRole("navigation", { name: P.sections }).getByRole("link", { name: P.tabs[tab] }).click();
  await expect(page.getByRole("heading", { level: 2, name: P.tabs[tab], exact: true })).toBeVisible();
}

/** Moves the path on from its overview, where the moves and what they still lack are. */
async function moveTo(page: Page, step: keyof typeof P.moveTo) {
  await openTab(page, "overview");
  await page.getByRole("button", { name: P.moveTo[step] }).click();
  await expect(page.getByTestId("path-step")).toHaveText(P.currentStep.replace("{step}", P.steps[step]));
}

/** The advisor's own load, as "Moi klienci" states it ("Twoje obciążenie: N z L …"). */
async function myLoad(page: Page): Promise<number> {
  await page.goto("/my-clients");
  const text = (await page.getByTestId("my-caseload").textContent()) ?? "";
  const match = /(\d+) z (\d+)/.exec(text);
  if (!match) throw new Error(`No load in "${text}"`);
  return Number(match[1]);
}

test("a support path from identification to closing, with the plan returned once and approved", async ({ browser }) => {
  const advisorContext = await browser.newContext();
  const coordinatorContext = await browser.newContext();
  const advisor = await advisorContext.newPage();
  const coordinator = await coordinatorContext.newPage();

  const centre = await createCentre();
  await signInAs(advisor, centre.users.advisor);
  const loadBefore = await myLoad(advisor);

  // Open the path from the client's page, on its paths tab.
  await advisor.getByRole("link", { name: CLIENT }).click();
  await advisor.getByRole("navigation", { name: pl.clients.tabs.label }).getByRole("link", { name: pl.clients.tabs.paths }).click();
  await advisor.getByRole("link", { name: P.openPath }).click();
  await expect(advisor.getByRole("heading", { level: 1 })).toHaveText(P.openPathTitle);
  await scanOn(advisor);
  await advisor.getByRole("combobox", { name: P.fields.direction }).selectOption({ label: P.directions.FOUNDING_BY_NATURAL_PERSONS });
  await advisor.getByRole("textbox", { name: P.fields.identification }).fill("Osoba planująca założenie spółdzielni socjalnej w Sędziszowie.");
  await advisor.getByRole("button", { name: P.openPath }).click();
  // The new path opens on its overview: the first of the six steps is the current one.
  await expect(advisor.getByTestId("path-step")).toHaveText(P.currentStep.replace("{step}", P.steps.IDENTIFICATION));
  await expect(advisor.getByRole("heading", { level: 2, name: P.tabs.overview, exact: true })).toBeVisible();
  await expect(advisor.getByTestId("path-progress").locator('[aria-current="step"]')).toContainText(P.steps.IDENTIFICATION);
  await scanOn(advisor);

  // Needs, with what is missing explained before the move.
  await moveTo(advisor, "NEEDS");
  await expect(advisor.getByText(P.missing.needWithExpectedEffect)).toBeVisible();
  await openTab(advisor, "needs");
  await advisor.getByRole("button", { name: P.addNeed }).click();
  await advisor.getByRole("combobox", { name: P.fields.needArea }).selectOption({ label: CATALOGUE.TRAINING });
  await advisor.getByRole("textbox", { name: P.fields.needDescription }).fill("Wiedza o zakładaniu spółdzielni socjalnej");
  await advisor.getByRole("textbox", { name: P.fields.expectedEffects }).fill("Przygotowany statut spółdzielni");
  await advisor.getByRole("button", { name: P.saveNeeds }).click();
  await expect(advisor.getByText(pl.common.saved)).toBeVisible();
  await scanOn(advisor);
  await moveTo(advisor, "PLAN");

  // The contract, then the plan.
  await openTab(advisor, "identification");
  await advisor.getByRole("textbox", { name: P.fields.contractNumber }).fill("ŚOWES/2026/117");
  await advisor.getByRole("combobox", { name: P.fields.contractStatus }).selectOption({ label: P.contractStatuses.SIGNED });
  await advisor.getByLabel(P.fields.signedOn).fill("2026-11-02");
  await advisor.getByRole("button", { name: P.saveContract }).click();
  await expect(advisor.getByText(pl.common.saved).last()).toBeVisible();
  await scanOn(advisor);

  await openTab(advisor, "plan");
  await advisor.getByRole("button", { name: P.addAction }).click();
  await advisor.getByRole("combobox", { name: P.fields.supportType }).selectOption({ label: CATALOGUE.TRAINING });
  await advisor.getByRole("textbox", { name: P.fields.actionDescription }).fill("Szkolenie z zakładania spółdzielni socjalnej");
  await advisor.getByRole("button", { name: P.savePlan }).click();
  await expect(advisor.getByText(P.planSaved)).toBeVisible();
  await advisor.getByRole("button", { name: P.submitPlan }).click();
  await expect(advisor.getByTestId("plan-status")).toContainText(P.planStatuses.SUBMITTED);
  await scanOn(advisor);

  // The coordinator returns it with a comment.
  await signInAs(coordinator, centre.users.coordinator);
  await coordinator.goto("/plans");
  await expect(coordinator.getByTestId("inbox-count")).toContainText("1");
  await scanOn(coordinator);
  await coordinator.getByRole("link", { name: new RegExp(CLIENT) }).click();
  await coordinator.getByRole("textbox", { name: P.fields.decisionComment }).fill("Proszę dodać doradztwo prawne przy statucie.");
  await coordinator.getByRole("button", { name: P.returnPlan }).click();
  await expect(coordinator.getByTestId("plan-status")).toContainText(P.planStatuses.RETURNED);
  await scanOn(coordinator);

  // The advisor sees it returned, revises and resubmits.
  await advisor.goto("/plans");
  await expect(advisor.getByText("Proszę dodać doradztwo prawne przy statucie.")).toBeVisible();
  await scanOn(advisor);
  await advisor.getByRole("link", { name: new RegExp(CLIENT) }).click();
  await advisor.getByRole("button", { name: P.addAction }).click();
  const second = advisor.getByRole("group", { name: P.actionNumber.replace("{number}", "2") });
  await second.getByRole("combobox", { name: P.fields.supportType }).selectOption({ label: CATALOGUE.SPECIALIST_ADVISORY });
  await second.getByRole("combobox", { name: P.fields.specialistArea }).selectOption({ label: CATALOGUE.LEGAL });
  await second.getByRole("textbox", { name: P.fields.actionDescription }).fill("Doradztwo prawne: statut spółdzielni");
  await advisor.getByRole("button", { name: P.savePlan }).click();
  await expect(advisor.getByText(P.planSaved)).toBeVisible();
  await advisor.getByRole("button", { name: P.submitPlan }).click();
  await expect(advisor.getByTestId("plan-status")).toContainText(P.planStatuses.SUBMITTED);

  // The coordinator approves.
  await coordinator.goto("/plans");
  await coordinator.getByRole("link", { name: new RegExp(CLIENT) }).click();
  await coordinator.getByRole("button", { name: P.approvePlan }).click();
  await expect(coordinator.getByTestId("plan-status")).toContainText(P.planStatuses.APPROVED);

  // Implementation, monitoring, evaluation with "jobs created: 3", closing.
  await advisor.reload();
  await moveTo(advisor, "IMPLEMENTATION");
  await moveTo(advisor, "MONITORING");
  await openTab(advisor, "monitoring");
  await advisor.getByRole("textbox", { name: P.fields.progress }).fill("Szkolenie ukończone, statut w przygotowaniu.");
  await advisor.getByRole("button", { name: P.addMonitoring }).click();
  await expect(advisor.getByText(P.monitoringSaved)).toBeVisible();
  await scanOn(advisor);
  await moveTo(advisor, "EVALUATION");
  await openTab(advisor, "evaluation");
  await advisor.getByRole("textbox", { name: P.fields.assessment }).fill("Spółdzielnia zarejestrowana, zatrudniono trzy osoby.");
  await advisor.getByRole("button", { name: P.addResult }).click();
  await advisor.getByRole("combobox", { name: P.fields.resultType }).selectOption({ label: P.resultTypes.JOBS_CREATED });
  await advisor.getByRole("spinbutton", { name: P.fields.quantity }).fill("3");
  await advisor.getByRole("textbox", { name: P.fields.evidenceKind }).fill("umowy o pracę");
  await advisor.getByRole("button", { name: P.saveEvaluation }).click();
  await expect(advisor.getByTestId("evaluation-results")).toContainText(`${P.resultTypes.JOBS_CREATED}: 3`);
  await scanOn(advisor);
  await moveTo(advisor, "CLOSED");

  for (const tab of ["annotations", "timeline"] as const) {
    await openTab(advisor, tab);
    await scanOn(advisor);
  }
  await expect(advisor.getByText(P.timeline.plan_decided.replace("{number}", "1").replace("{status}", P.planStatuses.RETURNED))).toBeVisible();
  await advisor.getByRole("link", { name: P.printCard }).click();
  await expect(advisor.getByRole("heading", { level: 1 })).toHaveText(P.cardTitle);
  await scanOn(advisor);

  expect(await myLoad(advisor)).toBe(loadBefore - 1);
  await advisorContext.close();
  await coordinatorContext.close();
});
