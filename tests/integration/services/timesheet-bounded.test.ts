import { beforeEach, describe, expect, it } from "vitest";
import { getTimesheet, listTimesheetUsers } from "@/lib/domain/services/service";
import { contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { analyzeServiceLog, boundsDates, captureStatements, explainServiceLogReads, seedServiceLog, serviceLogScans } from "./query-plans";

/**
 * Issue 12: the timesheet reads only what it shows. One user's month comes from that user's
 * provider rows of the month; the team list from the provider rows of the month alone (they carry
 * their records' duration and tombstone), without reading a record. Proved on the
 * plans of the statements Prisma really sends, explained as the app role over a two-year service
 * log (and another centre's), never by timing.
 */

const FIRST_DAY = "2024-12-01";
const DAYS = 730;
const MONTH = "2025-10";
const [FROM, TO] = ["2025-10-01", "2025-11-01"];
const ADVISORS = 8;
const RECORDS = 12_000;

let tenant: TTenantRow;
let manager: TUserRow;
let advisors: TUserRow[];


beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  advisors = [];
  for (let i = 0; i < ADVISORS; i++) advisors.push(await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: `Doradca ${i + 1}` }));
  const clients = [];
  for (let i = 0; i < 20; i++) clients.push((await createClient(tenant)).id);
  await seedServiceLog(tenant.id, { count: RECORDS, firstDay: FIRST_DAY, days: DAYS, userIds: advisors.map((a) => a.id), clientIds: clients });
  // Another centre's history, for row-level security to filter out.
  const other = await createTenant();
  const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
  await seedServiceLog(other.id, { count: 4_000, firstDay: FIRST_DAY, days: DAYS, userIds: [otherAdvisor.id], clientIds: [(await createClient(other)).id] });
  // A few deleted records: out of every total.
  await ownerQuery(`UPDATE service_record SET deleted_at = now(), deleted_by_id = author_id, delete_reason = 'Dubel' WHERE tenant_id = $1 AND date >= $2 AND date < $3 AND start_time = '08:00'`, [tenant.id, FROM, TO]);
  await analyzeServiceLog();
  // And the visibility map, as autovacuum keeps it for an appended table (PostgreSQL ≥ 13 vacuums
  // after inserts too): what lets the team list's totals be read from the index alone.
  await ownerQuery(`VACUUM service_provider`);
});

async function monthOf(userId: string) {
  const [row] = await ownerQuery<{ count: number; minutes: number }>(
    `SELECT count(*)::int AS count, coalesce(sum(r.duration_minutes), 0)::int AS minutes
     FROM service_provider p JOIN service_record r ON r.id = p.service_id
     WHERE p.tenant_id = $1 AND p.user_id = $2 AND p.date >= $3 AND p.date < $4 AND r.deleted_at IS NULL`,
    [tenant.id, userId, FROM, TO],
  );
  return row ?? { count: 0, minutes: 0 };
}

describe("the timesheet stays bounded by the viewed user and month", () => {
  it("reads one user's month from their provider rows by index, and the records by key", async () => {
    const advisor = advisors[0];
    if (!advisor) throw new Error("setup");
    const { result, statements } = await captureStatements(() => getTimesheet(contextFor(advisor), { month: MONTH }));
    const expected = await monthOf(advisor.id);
    expect(expected.count).toBeGreaterThan(30);
    expect(result).toMatchObject({ count: expected.count, minutes: expected.minutes });

    const plans = await explainServiceLogReads(tenant.id, statements);
    const scans = serviceLogScans(plans);
    expect(scans.length).toBeGreaterThan(0);
    // No sequential scan of the service log, whatever the statement.
    expect(scans.filter((s) => s.nodeType === "Seq Scan")).toEqual([]);
    // The month is found through the user's provider rows of that month…
    const providers = scans.filter((s) => s.relation === "service_provider");
    expect(providers.length).toBeGreaterThan(0);
    for (const scan of providers) {
      // Either index leading with (tenant, user, date): the month totals' index is a wider one.
      expect(["service_provider_tenant_id_user_id_date_idx", "service_provider_month_totals_idx"]).toContain(scan.indexName);
      expect(scan.indexCond).toContain(`user_id = '${advisor.id}'`);
      expect(boundsDates(scan.indexCond, "date", FROM, TO)).toBe(true);
    }
    // …and the records and their participations by key, never by the centre's month or history.
    for (const scan of scans.filter((s) => s.relation === "service_record")) expect(scan.indexCond).toMatch(/\bid\b/);
    for (const scan of scans.filter((s) => s.relation === "service_participation")) expect(scan.indexCond).toMatch(/\bservice_id\b/);
  });

  it("totals the manager's team list from the month's provider rows, by index", async () => {
    const { result, statements } = await captureStatements(() => listTimesheetUsers(contextFor(manager), MONTH));
    for (const advisor of advisors) expect(result.find((u) => u.id === advisor.id)).toMatchObject(await monthOf(advisor.id));

    const plans = await explainServiceLogReads(tenant.id, statements);
    const scans = serviceLogScans(plans);
    expect(scans.filter((s) => s.nodeType === "Seq Scan")).toEqual([]);
    // The month's totals come from the provider rows alone, each carrying its record's duration and
    // tombstone (copied by triggers): one index-only scan bounded by the listed users and the month,
    // and not a single record read.
    expect(scans.filter((s) => s.relation === "service_record")).toEqual([]);
    const providers = scans.filter((s) => s.relation === "service_provider");
    expect(providers).toHaveLength(1);
    for (const scan of providers) {
      expect(scan).toMatchObject({ nodeType: "Index Only Scan", indexName: "service_provider_month_totals_idx" });
      expect(scan.indexCond).toMatch(/user_id = ANY/);
      expect(boundsDates(scan.indexCond, "date", FROM, TO)).toBe(true);
      expect(scan.indexCond).toContain("deleted_at IS NULL");
    }
  });
});
