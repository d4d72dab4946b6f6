import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getExchangeForEdit, getNewExchangePage } from "@/lib/domain/cooperation/exchange-form";
import { logExchange } from "@/lib/domain/cooperation/exchanges";
import { createInstitution, getInstitutionsPage } from "@/lib/domain/cooperation/institutions";
import { getCooperationLogPage } from "@/lib/domain/cooperation/log-page";
import { getPathPage } from "@/lib/domain/paths/service";
import { contextFor, createClient, createPartner, createTenant, createUser, type TUserRow } from "@/tests/factories";
import { insertPath } from "@/tests/factories/path-rows";
import { polishDaysAgo } from "@/tests/factories/services";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * Issue 12's budget for the cooperation pages: at most 10 statements each, the one-statement
 * session check included, counted with every part present — a directory of institutions, twelve
 * exchanges about clients of two partners (some outside the coordinator's scope, some with a due
 * follow-up) and every filter in use.
 */

const BUDGET = 10;

let manager: TUserRow;
let coordinator: TUserRow;
let advisor: TUserRow;
let clientId: string;
let pathId: string;
let exchangeId: string;
let institutionId: string;

beforeEach(async () => {
  const tenant = await createTenant();
  const [partnerA, partnerB] = [await createPartner(tenant), await createPartner(tenant)];
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partnerA.id });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA.id });
  const otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerB.id });
  const clients = [
    (await createClient(tenant, { keyAdvisorId: advisor.id })).id,
    (await createClient(tenant, { keyAdvisorId: advisor.id })).id,
    (await createClient(tenant, { keyAdvisorId: otherAdvisor.id })).id,
  ];
  clientId = clients[0] ?? "";
  pathId = (await insertPath(tenant, { clientId, keyAdvisorId: advisor.id, createdById: advisor.id, step: "IMPLEMENTATION" })).id;
  const managerCtx = contextFor(manager);
  const institutions = [];
  for (const [name, kind] of [["PUP w Kielcach", "PUP"], ["MOPS w Kielcach", "OPS"], ["ODR Modliszewice", "ODR"]] as const) {
    institutions.push((await createInstitution(managerCtx, { name, kind })).id);
  }
  institutionId = institutions[0] ?? "";
  for (let i = 0; i < 12; i++) {
    const author: TContext = i % 3 === 2 ? contextFor(otherAdvisor) : contextFor(advisor);
    const about = i % 3 === 2 ? clients[2] : clients[i % 2];
    const logged = await logExchange(author, {
      date: polishDaysAgo(i),
      institutionId: institutions[i % 3] ?? "",
      direction: i % 2 ? "SENT" : "RECEIVED",
      channel: "EMAIL",
      subject: `Wymiana ${i}`,
      clientId: about ?? "",
      followUpOn: i % 4 === 0 ? polishDaysAgo(i - 1) : "",
    });
    if (i === 0) exchangeId = logged.id;
  }
});

const PAGES: { name: string; user: () => TUserRow; load: (ctx: TContext) => Promise<unknown> }[] = [
  { name: "/cooperation (manager)", user: () => manager, load: (ctx) => getCooperationLogPage(ctx, {}) },
  {
    name: "/cooperation with every filter (manager)",
    user: () => manager,
    load: (ctx) => getCooperationLogPage(ctx, { from: polishDaysAgo(30), to: polishDaysAgo(0), institutionId, kind: "PUP", direction: "RECEIVED", clientId, followUpDue: "1" }),
  },
  { name: "/cooperation (coordinator)", user: () => coordinator, load: (ctx) => getCooperationLogPage(ctx, { clientId }) },
  { name: "/cooperation/institutions", user: () => advisor, load: (ctx) => getInstitutionsPage(ctx, { q: "kiel", kind: "PUP" }) },
  { name: "/cooperation/new?clientId=…", user: () => advisor, load: (ctx) => getNewExchangePage(ctx, { clientId }) },
  { name: "/cooperation/<id>/edit", user: () => advisor, load: (ctx) => getExchangeForEdit(ctx, exchangeId) },
  { name: "/paths/<id>?tab=timeline", user: () => advisor, load: (ctx) => getPathPage(ctx, pathId, { tab: "timeline" }) },
];

describe("statements per cooperation page", () => {
  it.each(PAGES.map((page) => [page.name, page]))(`%s: at most ${BUDGET}`, async (_name, page) => {
    const statements = await pageStatements(page.user(), page.load);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(BUDGET);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length, "at most one transaction").toBeLessThanOrEqual(1);
  });

  it("the pages show what they read", async () => {
    const log = await getCooperationLogPage(contextFor(manager), {});
    expect(log.total).toBe(12);
    expect(log.institutions).toHaveLength(3);
    const coordinatorLog = await getCooperationLogPage(contextFor(coordinator), {});
    expect(coordinatorLog.total).toBe(8);
    const timeline = await getPathPage(contextFor(advisor), pathId, { tab: "timeline" });
    expect(timeline.tab).toMatchObject({ name: "timeline", events: expect.arrayContaining([expect.objectContaining({ kind: "exchange", text: "Wymiana 0" })]) });
  });
});
