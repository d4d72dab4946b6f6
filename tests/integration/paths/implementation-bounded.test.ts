import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getPathImplementation, IMPLEMENTATION_PAGE_SIZE } from "@/lib/domain/services/read";
import { contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow } from "@/tests/factories";
import { openPathAt, planAction } from "@/tests/factories/paths";
import { analyzeServiceLog, captureStatements, explainServiceLogReads, seedServiceLog, serviceLogScans } from "../services/query-plans";

/**
 * Issue 12: the path's implementation tab shows per-action totals and one page of the latest
 * services, never the path's whole history: the totals are aggregates over the path's own
 * participations and the page is read through the path's index. Proved on the plans
 * of the statements Prisma really sends, explained as the app role, never by timing.
 */

const FIRST_DAY = "2024-12-01";
const DAYS = 730;
const PATH_SERVICES = 300;

let tenant: TTenantRow;
let advisorCtx: TContext;
let pathId: string;
let clientId: string;
let actionIds: string[];

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  const advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id });
  const coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
  advisorCtx = contextFor(advisor);
  const client = await createClient(tenant, { keyAdvisorId: advisor.id });
  clientId = client.id;
  const opened = await openPathAt(advisorCtx, contextFor(coordinator), client.id, "IMPLEMENTATION", {
    actions: [planAction({ supportType: "ADVISORY", description: "Biznesplan" }), planAction({ supportType: "TRAINING", description: "Szkolenie" })],
  });
  pathId = opened.pathId;
  actionIds = (await ownerQuery<{ id: string }>(`SELECT id FROM path_plan_action WHERE plan_version_id = $1 ORDER BY position`, [opened.versionId])).map((r) => r.id);
  // The centre's other work, and another centre's, for the indexes to tell apart (seeded first:
  // the foreign-key checks' plans are cached per connection, from the statistics of the moment).
  const others = [];
  for (let i = 0; i < 20; i++) others.push((await createClient(tenant)).id);
  await seedServiceLog(tenant.id, { count: 12_000, firstDay: FIRST_DAY, days: DAYS, userIds: [advisor.id, coordinator.id], clientIds: others });
  const other = await createTenant();
  const otherUser = await createUser(other, { role: "KEY_ADVISOR" });
  await seedServiceLog(other.id, { count: 4_000, firstDay: FIRST_DAY, days: DAYS, userIds: [otherUser.id], clientIds: [(await createClient(other)).id] });
  // Two years of the path: every third service for no action.
  await seedServiceLog(tenant.id, { count: PATH_SERVICES, firstDay: FIRST_DAY, days: DAYS, userIds: [advisor.id], clientIds: [client.id], pathId, planActionIds: [...actionIds, null] });
  // One of the path's services deleted: out of the totals and the pages.
  await ownerQuery(
    `UPDATE service_record SET deleted_at = now(), deleted_by_id = author_id, delete_reason = 'Dubel'
     WHERE id = (SELECT service_id FROM service_participation WHERE path_id = $1 AND plan_action_id = $2 ORDER BY date DESC LIMIT 1)`,
    [pathId, actionIds[0]],
  );
  await analyzeServiceLog();
});

async function expectedTotals() {
  return ownerQuery<{ plan_action_id: string | null; count: number; minutes: number }>(
    `SELECT p.plan_action_id, count(*)::int AS count, sum(r.duration_minutes)::int AS minutes
     FROM service_participation p JOIN service_record r ON r.id = p.service_id
     WHERE p.path_id = $1 AND r.deleted_at IS NULL GROUP BY p.plan_action_id`,
    [pathId],
  );
}

describe("the path's implementation stays bounded", () => {
  it("gives each action's totals over the whole path and the services a page at a time, newest first", async () => {
    const totals = await expectedTotals();
    const first = await getPathImplementation(advisorCtx, pathId);
    expect(first.count).toBe(PATH_SERVICES - 1);
    expect(first.minutes).toBe(totals.reduce((sum, t) => sum + t.minutes, 0));
    expect(first.actions.map((a) => ({ count: a.count, minutes: a.minutes }))).toEqual(
      actionIds.map((id) => ({ count: totals.find((t) => t.plan_action_id === id)?.count, minutes: totals.find((t) => t.plan_action_id === id)?.minutes })),
    );
    expect(first.other).toEqual({ count: totals.find((t) => t.plan_action_id === null)?.count, minutes: totals.find((t) => t.plan_action_id === null)?.minutes });
    expect(first.page).toMatchObject({ page: 1, pageSize: IMPLEMENTATION_PAGE_SIZE, total: PATH_SERVICES - 1, pageCount: Math.ceil((PATH_SERVICES - 1) / IMPLEMENTATION_PAGE_SIZE) });
    expect(first.page.items).toHaveLength(IMPLEMENTATION_PAGE_SIZE);
    // The page is grouped by action: every service of the page once, under its action or the others.
    const grouped = [...first.actions.flatMap((a) => a.services), ...first.otherServices].map((s) => s.id).sort();
    expect(grouped).toEqual(first.page.items.map((s) => s.id).sort());

    // Newest first across pages, none twice, the deleted one never.
    const [latest] = await ownerQuery<{ date: Date }>(
      `SELECT max(p.date) AS date FROM service_participation p JOIN service_record r ON r.id = p.service_id WHERE p.path_id = $1 AND r.deleted_at IS NULL`,
      [pathId],
    );
    expect(first.page.items[0]?.date).toEqual(latest?.date);
    const seen = new Set<string>();
    let previous = Number.POSITIVE_INFINITY;
    for (let page = 1; page <= first.page.pageCount; page++) {
      const { page: result } = await getPathImplementation(advisorCtx, pathId, { page });
      for (const item of result.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
        expect(item.date.getTime()).toBeLessThanOrEqual(previous);
        previous = item.date.getTime();
        expect(item.clients).toHaveLength(1);
        expect(item.providers).toHaveLength(1);
      }
    }
    expect(seen.size).toBe(PATH_SERVICES - 1);
    expect((await getPathImplementation(advisorCtx, pathId, { page: first.page.pageCount + 1 })).page.items).toEqual([]);
  });

  it("reads the path's rows by index and the page's records by key: no sequential scan of the service log", async () => {
    for (const page of [1, 8]) {
      const { result, statements } = await captureStatements(() => getPathImplementation(advisorCtx, pathId, { page }));
      expect(result.page.items).toHaveLength(IMPLEMENTATION_PAGE_SIZE);
      const plans = await explainServiceLogReads(tenant.id, statements);
      const scans = serviceLogScans(plans);
      expect(scans.length).toBeGreaterThan(0);
      expect(scans.filter((s) => s.nodeType === "Seq Scan")).toEqual([]);
      // The path's participations through the path's index (or its client's: the planner may
      // take either, both hold only this path's rows); records and the page's participations and
      // providers by their keys.
      for (const scan of scans.filter((s) => s.relation === "service_participation")) {
        const bounded = scan.indexCond.includes(`path_id = '${pathId}'`) || scan.indexCond.includes(`client_id = '${clientId}'`) || /\bservice_id\b/.test(scan.indexCond);
        expect(bounded, `${scan.indexName}: ${scan.indexCond}`).toBe(true);
      }
      for (const scan of scans.filter((s) => s.relation === "service_record")) expect(scan.indexCond, `${scan.indexName}`).toMatch(/\bid\b/);
      for (const scan of scans.filter((s) => s.relation === "service_provider")) expect(scan.indexCond, `${scan.indexName}`).toMatch(/\bservice_id\b/);
    }
  });
});
