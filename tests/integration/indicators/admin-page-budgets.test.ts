import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getIndicatorCataloguePage, getIndicatorEditPage, getTargetsPage } from "@/lib/domain/indicators/admin-pages";
import { getEvidenceListPage, getEvidencePage, getNewEvidencePage } from "@/lib/domain/indicators/evidence-pages";
import { registerEvidence } from "@/lib/domain/indicators/manual-evidence";
import { saveTargets } from "@/lib/domain/indicators/targets";
import { getNewStaffPage, getStaffListPage, getStaffPage } from "@/lib/domain/staff/page";
import { createStaffRecord } from "@/lib/domain/staff/service";
import { contextFor, createClient, createTenant, createUser, type TUserRow } from "@/tests/factories";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * The catalogue, targets, evidence and staff pages cost at most 10 statements each (the session
 * check included) and run in one transaction, with every part of the page present.
 */

const BUDGET = 10;
let manager: TUserRow;
let advisor: TUserRow;
let ids: { indicator: string; evidence: string; staff: string };

beforeEach(async () => {
  const tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  const managerCtx = contextFor(manager);
  const catalogue = await getIndicatorCataloguePage(managerCtx, 2026);
  const manual = catalogue.indicators.find((i) => i.code === "JOINT_GI_PROJECTS")?.id ?? "";
  await saveTargets(managerCtx, { year: "2026", targets: Object.fromEntries(catalogue.indicators.map((i) => [i.id, { year: "5", project: "10" }])) });
  const client = await createClient(tenant, { keyAdvisorId: advisor.id });
  const evidence = await registerEvidence(managerCtx, {
    indicatorId: manual,
    documentKind: "List intencyjny",
    documentDate: "2026-02-01",
    reference: "LI/1",
    quantity: 1,
    clientId: client.id,
  });
  const staff = await createStaffRecord(managerCtx, {
    userId: advisor.id,
    position: "ANIMATOR",
    contractKind: "EMPLOYMENT_CONTRACT",
    reference: "UoP/1",
    startsOn: "2026-01-01",
  });
  ids = { indicator: manual, evidence: evidence.id, staff: staff.id };
});

const PAGES: { name: string; user: () => TUserRow; load: (ctx: TContext) => Promise<unknown>; budget?: number }[] = [
  { name: "/admin/indicators", user: () => manager, load: (ctx) => getIndicatorCataloguePage(ctx, 2026) },
  { name: "/admin/indicators/[id]", user: () => manager, load: (ctx) => getIndicatorEditPage(ctx, ids.indicator) },
  { name: "/admin/indicators/targets", user: () => manager, load: (ctx) => getTargetsPage(ctx, 2026) },
  { name: "/indicators/evidence (advisor)", user: () => advisor, load: (ctx) => getEvidenceListPage(ctx, { year: "2026" }) },
  { name: "/indicators/evidence/new (advisor)", user: () => advisor, load: (ctx) => getNewEvidencePage(ctx) },
  // A record about a client also appends its access-log entry (issue 17): one INSERT more.
  { name: "/indicators/evidence/[id] (advisor)", user: () => advisor, load: (ctx) => getEvidencePage(ctx, ids.evidence), budget: BUDGET + 1 },
  { name: "/admin/staff", user: () => manager, load: (ctx) => getStaffListPage(ctx, {}) },
  { name: "/admin/staff/new", user: () => manager, load: (ctx) => getNewStaffPage(ctx) },
  { name: "/admin/staff/[id]", user: () => manager, load: (ctx) => getStaffPage(ctx, ids.staff) },
];

describe("statements per page", () => {
  it.each(PAGES.map((page) => [`${page.name}: at most ${page.budget ?? BUDGET}`, page]))(`%s`, async (_name, page) => {
    const statements = await pageStatements(page.user(), page.load);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(page.budget ?? BUDGET);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length, "at most one transaction").toBeLessThanOrEqual(1);
  });
});
