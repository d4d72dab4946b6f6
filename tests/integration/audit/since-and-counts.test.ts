import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { countAuditEntriesByType, findAuditEntries, getAuditPage } from "@/lib/domain/audit/find-audit";
import { contextFor, createTenant, createUser, ownerQuery, type TTenantRow } from "@/tests/factories";

/**
 * `since` starts at the Polish midnight of its day (23:00 UTC the day before in winter), and the
 * auditor's dashboard counts per type exactly what `/audit?entityType=<type>&since=<day>` lists.
 */

let tenant: TTenantRow;
let auditor: TContext;

async function entryAt(createdAt: string, entityType: string) {
  await ownerQuery(`INSERT INTO audit_log (id, tenant_id, action, entity_type, entity_id, created_at) VALUES ($1, $2, 'client.update', $3, NULL, $4)`, [
    randomUUID(),
    tenant.id,
    entityType,
    createdAt,
  ]);
}

beforeEach(async () => {
  tenant = await createTenant();
  auditor = contextFor(await createUser(tenant, { role: "AUDITOR" }));
  // 19 Nov 23:59:59.999 and 20 Nov 00:00 in Warsaw (CET, UTC+1).
  await entryAt("2026-11-19T22:59:59.999Z", "Client");
  await entryAt("2026-11-19T23:00:00.000Z", "Client");
  await entryAt("2026-11-21T10:00:00.000Z", "Client");
  await entryAt("2026-11-21T11:00:00.000Z", "SupportPath");
  await entryAt("2026-11-18T11:00:00.000Z", "SupportPath");
  // Another tenant's entry on the same day counts nowhere here.
  const other = await createTenant();
  await ownerQuery(`INSERT INTO audit_log (id, tenant_id, action, entity_type, created_at) VALUES ($1, $2, 'client.update', 'Client', '2026-11-21T10:00:00Z')`, [randomUUID(), other.id]);
});

describe("the audit trail since a Polish day", () => {
  it("lists entries from the start of that day in Poland on", async () => {
    const page = await findAuditEntries(auditor, { since: "2026-11-20" });
    expect(page.items.map((entry) => entry.createdAt.toISOString())).toEqual(["2026-11-21T11:00:00.000Z", "2026-11-21T10:00:00.000Z", "2026-11-19T23:00:00.000Z"]);
    expect((await findAuditEntries(auditor, {})).total).toBe(5);
  });

  it("the page ignores a malformed day and keeps a valid one as its filter (the auditor may read the trail)", async () => {
    expect((await getAuditPage(auditor, { since: "20.11.2026" })).result.total).toBe(5);
    const page = await getAuditPage(auditor, { since: "2026-11-20", entityType: "Client" });
    expect(page.filters).toMatchObject({ since: "2026-11-20", entityType: "Client" });
    expect(page.result.total).toBe(2);
  });

  it("counts per entity type what the list filtered by that type and day holds", async () => {
    const counts = await tenantTransaction(tenant.id, (tx) => countAuditEntriesByType(tx, auditor, { since: "2026-11-20" }));
    expect(counts).toEqual([
      { entityType: "Client", count: 2 },
      { entityType: "SupportPath", count: 1 },
    ]);
    for (const { entityType, count } of counts) {
      expect((await getAuditPage(auditor, { entityType, since: "2026-11-20" })).result.total, entityType).toBe(count);
    }
  });
});
