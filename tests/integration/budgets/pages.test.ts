import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getCaseloadBoardPage, getMyClientsPage, getQueuePage } from "@/lib/domain/caseload/service";
import { getClientListPage } from "@/lib/domain/clients/service";
import { addAnnotation, addEvaluation, addMonitoringEntry, getPathPage, PATH_TABS, reviseAnnotation } from "@/lib/domain/paths/service";
import { logService } from "@/lib/domain/services/service";
import { createEvent } from "@/lib/domain/events/events";
import { getEventPage } from "@/lib/domain/events/event-page";
import { createClientPerson, insertRegistration } from "@/tests/factories/events";
import { contextFor, createOffice, createPartner, createTenant, createUser, type TOfficeRow, type TPartnerRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { createPathTargets, EVALUATION_INPUT, type TPathTargets } from "@/tests/factories/paths";
import { serviceInput } from "@/tests/factories/services";
import { pageStatements } from "@/tests/support/statement-counter";
import { getAccountSecurityPage } from "@/lib/domain/two-factor/security-page";
import { runImportValidation } from "@/lib/domain/imports/run";
import { getImportPage, getImportsPage, startImport } from "@/lib/domain/imports/service";
import { clientsCsv, utf8 } from "@/tests/factories/import-files";
import { wrongPesel } from "@/tests/factories/identifiers";

/**
 * Issue 12: every page but the client page costs at most 10 statements, the one-statement session
 * check included — the caseload board and its queue, the client list, "my clients", the path page
 * with each of its tabs, and the account page (each role's dashboard: dashboard.test.ts) — counted with every part of the page
 * present: a manager with partners, offices and advisors carrying clients, a queue, and a path with
 * an approved plan, annotations, monitoring, an evaluation and services.
 */

const BUDGET = 10;


let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let targets: TPathTargets;
let partners: TPartnerRow[];
let offices: TOfficeRow[];
let eventId: string;
let importId: string;

beforeEach(async () => {
  tenant = await createTenant();
  partners = [await createPartner(tenant), await createPartner(tenant)];
  offices = [await createOffice(tenant), await createOffice(tenant)];
  manager = await createUser(tenant, { role: "MANAGER", officeId: offices[0]?.id });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partners[0]?.id, officeId: offices[0]?.id });
  targets = await createPathTargets(tenant, advisor.id);
  for (const [i, partner] of partners.entries()) {
    const other = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, officeId: offices[i]?.id });
    await createCaseloadClients(tenant, 4, { status: "ACTIVE", keyAdvisorId: other.id, officeId: offices[i]?.id });
  }
  await createCaseloadClients(tenant, 5, { status: "ACTIVE", keyAdvisorId: advisor.id, officeId: offices[0]?.id });
  await createCaseloadClients(tenant, 6, { status: "WAITING", officeId: offices[1]?.id });
  await createUser(tenant, { role: "ANIMATOR", officeId: offices[1]?.id });

  // The path (at EVALUATION, plan 1 approved, plan 2 a draft): services under its action and
  // beside it, monitoring, an evaluation and a revised annotation.
  const advisorCtx = contextFor(advisor);
  const pathId = targets.path.id;
  for (let i = 0; i < 6; i++) {
    const clientId = targets.pathClient.id;
    const planActionIds = i % 2 === 0 ? { [clientId]: targets.planAction.id } : {};
    await logService(advisorCtx, serviceInput([clientId], { startTime: `0${i + 1}:00`, planActionIds }));
  }
  await addMonitoringEntry(advisorCtx, pathId, { progress: "Szkolenie ukończone", risks: "Brak lokalu", nextSteps: "Rejestracja w KRS" });
  await addEvaluation(advisorCtx, pathId, EVALUATION_INPUT);
  const { annotationId } = await addAnnotation(advisorCtx, pathId, { step: "EVALUATION", text: "Druga adnotacja" });
  await reviseAnnotation(advisorCtx, pathId, annotationId, { text: "Druga adnotacja, poprawiona" });

  // A full two-session training with trainers: the path's client registered, two of its people waiting.
  const event = await createEvent(contextFor(manager), {
    title: "Szkolenie budżetowe",
    kind: "TRAINING",
    supportType: "TRAINING",
    capacity: "1",
    countsTowardLimit: true,
    sessions: [
      { date: "2027-03-10", startTime: "09:00", endTime: "13:00", place: "Sala 1" },
      { date: "2027-03-11", startTime: "09:00", hours: "2", onlineUrl: "https://meet.example.pl/x" },
    ],
    trainers: [{ userId: advisor.id }, { externalName: "Jan Zewnętrzny" }],
  });
  eventId = event.id;
  const registered = { id: event.id, tenantId: tenant.id, countsTowardLimit: true, limitYear: 2027 };
  await insertRegistration(registered, { personClientId: targets.pathClient.id }, { registeredById: manager.id });
  for (const name of ["Anna Rezerwowa", "Piotr Rezerwowy"]) {
    const person = await createClientPerson({ id: targets.pathClient.id, tenantId: tenant.id }, { name });
    await insertRegistration(registered, { clientPersonId: person.id, clientId: targets.pathClient.id }, { registeredById: manager.id, status: "WAITING" });
  }

  // An import whose dry run found errors (its page shows the counts and a page of the report), beside a clean one.
  const rows = Array.from({ length: 3 }, (_, i) => ({ kind: "Osoba fizyczna", name: `Importowana Osoba ${i + 1}`, pesel: wrongPesel(i) }));
  const [withErrors, clean] = await Promise.all(
    [clientsCsv(rows), clientsCsv([{ kind: "Osoba fizyczna", name: "Czysta Osoba" }])].map((file) =>
      startImport(contextFor(manager), { kind: "CLIENTS", fileName: "klienci.csv" }, utf8(file)),
    ),
  );
  for (const started of [withErrors, clean]) if (started) await runImportValidation(tenant.id, started.id);
  importId = withErrors?.id ?? "";
});

/** A path page view also appends its access-log entry (issue 17): one INSERT more than the page reads. */
const PATH_PAGE_BUDGET = BUDGET + 1;

const PAGES: { name: string; user: () => TUserRow; load: (ctx: TContext) => Promise<unknown>; budget?: number }[] = [
  { name: "/caseload", user: () => manager, load: (ctx) => getCaseloadBoardPage(ctx, { page: 1, partnerId: partners[0]?.id, officeId: offices[0]?.id }) },
  { name: "/caseload/queue", user: () => manager, load: (ctx) => getQueuePage(ctx, { page: 1 }) },
  { name: "/clients", user: () => manager, load: (ctx) => getClientListPage(ctx, { page: 1, officeId: offices[0]?.id }) },
  { name: "/my-clients", user: () => advisor, load: (ctx) => getMyClientsPage(ctx, { page: 1 }) },
  ...PATH_TABS.map((tab) => ({
    name: `/paths/<id>?tab=${tab}`,
    user: () => advisor,
    load: (ctx: TContext) => getPathPage(ctx, targets.path.id, { tab }),
    budget: PATH_PAGE_BUDGET,
  })),
  { name: "/account", user: () => advisor, load: async () => null },
  { name: "/account/security", user: () => manager, load: (ctx) => getAccountSecurityPage(ctx) },
  { name: "/events/<id> (manager)", user: () => manager, load: (ctx) => getEventPage(ctx, eventId) },
  { name: "/events/<id> (key advisor)", user: () => advisor, load: (ctx) => getEventPage(ctx, eventId) },
  { name: "/imports", user: () => manager, load: (ctx) => getImportsPage(ctx, { page: 1 }) },
  { name: "/imports/<id>", user: () => manager, load: (ctx) => getImportPage(ctx, importId, { page: 1 }) },
];

describe("statements per page", () => {
  it.each(PAGES.map((page) => [`${page.name}: at most ${page.budget ?? BUDGET}`, page]))(`%s`, async (_name, page) => {
    const statements = await pageStatements(page.user(), page.load);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(page.budget ?? BUDGET);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length, "at most one transaction").toBeLessThanOrEqual(1);
  });

  it("the pages show what they read", async () => {
    const board = await getCaseloadBoardPage(contextFor(manager), { page: 1, partnerId: partners[0]?.id });
    expect(board.partners).toHaveLength(2);
    expect(board.offices).toHaveLength(2);
    expect(board.filters.partnerId).toBe(partners[0]?.id);
    expect(board.board.items.map((a) => a.load).sort()).toEqual([4, 8]);
    const queue = await getQueuePage(contextFor(manager), {});
    expect(queue.queue.total).toBe(6);
    expect(queue.advisors).toHaveLength(3);
    const mine = await getMyClientsPage(contextFor(advisor), {});
    expect(mine.caseload.load).toBe(8);
    expect(mine.clients.total).toBe(8);
    expect(mine.clients.items).toHaveLength(8);
    const plan = await getPathPage(contextFor(advisor), targets.path.id, { tab: "plan" });
    expect(plan.tab).toMatchObject({ name: "plan", plan: { versions: [{ number: 2 }, { number: 1, status: "APPROVED" }] } });
    const implementation = await getPathPage(contextFor(advisor), targets.path.id, { tab: "implementation" });
    expect(implementation.tab).toMatchObject({ name: "implementation", implementation: { count: 6, planNumber: 1 } });
    const annotations = await getPathPage(contextFor(advisor), targets.path.id, { tab: "annotations" });
    expect(annotations.tab).toMatchObject({ name: "annotations", annotations: expect.arrayContaining([expect.objectContaining({ revision: 2 })]) });
    const imports = await getImportsPage(contextFor(manager), {});
    expect(imports.imports.items.map((i) => i.status).sort()).toEqual(["INVALID", "VALID"]);
    const report = await getImportPage(contextFor(manager), importId);
    expect(report.dataImport).toMatchObject({ status: "INVALID", totalRows: 3, invalidRows: 3 });
    expect(report.issues.items.map((i) => [i.rowNumber, i.column, i.message])).toEqual([2, 3, 4].map((row) => [row, "PESEL", "validation.invalidPesel"]));
  });
});
