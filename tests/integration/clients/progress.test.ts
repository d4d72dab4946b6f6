import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { tenantTransaction } from "@/lib/db/transaction";
import { loadClientProgress } from "@/lib/domain/clients/progress";
import { contextFor, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { insertPath, insertPlanVersion } from "@/tests/factories/paths";
import { insertServiceRecord, polishDaysAgo } from "@/tests/factories/services";

/** Where a client stands (step, last contact, next due), as the dashboards, lists and client page show it. */

let tenant: TTenantRow;
let advisor: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  await ownerQuery(`UPDATE tenant SET monitoring_overdue_days = 30 WHERE id = $1`, [tenant.id]);
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
});

async function progressOf(clientIds: string[], t = tenant, user = advisor) {
  return tenantTransaction(t.id, (tx) => loadClientProgress(tx, contextFor(user), clientIds));
}

async function activeClient() {
  return createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });
}

describe("loadClientProgress", () => {
  it("a client with no path and no service: no step, no contact, nothing due", async () => {
    const client = await createClient(tenant);
    expect((await progressOf([client.id])).get(client.id)).toEqual({ clientId: client.id, pathId: null, step: null, lastContact: null, nextDue: null });
  });

  it("the last contact is the newest service that is not deleted", async () => {
    const client = await activeClient();
    await insertServiceRecord(tenant, { clientId: client.id, userId: advisor.id, date: polishDaysAgo(10) });
    const newest = await insertServiceRecord(tenant, { clientId: client.id, userId: advisor.id, date: polishDaysAgo(2) });
    await ownerQuery(`UPDATE service_record SET deleted_at = now(), deleted_by_id = $2, delete_reason = 'pomyłka' WHERE id = $1`, [newest.id, advisor.id]);

    const progress = (await progressOf([client.id])).get(client.id);
    expect(progress?.lastContact?.toISOString().slice(0, 10)).toBe(polishDaysAgo(10));
  });

  it("monitoring falls due the policy's days after the last note, or after the opening; overdue once past", async () => {
    const due = await activeClient();
    const late = await activeClient();
    const early = await activeClient();
    const duePath = await insertPath(tenant, { clientId: due.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "IMPLEMENTATION" });
    const latePath = await insertPath(tenant, { clientId: late.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "MONITORING" });
    await insertPath(tenant, { clientId: early.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "NEEDS" });
    await ownerQuery(`UPDATE support_path SET opened_at = now() - interval '20 days' WHERE id = $1`, [duePath.id]);
    await ownerQuery(`UPDATE support_path SET opened_at = now() - interval '90 days', last_monitoring_at = now() - interval '31 days' WHERE id = $1`, [latePath.id]);

    const progress = await progressOf([due.id, late.id, early.id]);
    const dueNext = progress.get(due.id)?.nextDue;
    expect(dueNext).toMatchObject({ kind: "MONITORING", overdue: false, pathId: duePath.id });
    // Opened 20 days ago, due 30 days after: in about 10 days.
    expect(Math.round(((dueNext?.date.getTime() ?? 0) - Date.now()) / 86_400_000)).toBe(10);
    expect(progress.get(late.id)?.nextDue).toMatchObject({ kind: "MONITORING", overdue: true, pathId: latePath.id });
    expect(progress.get(late.id)?.step).toBe("MONITORING");
    // Before implementation no monitoring is due, and without an approved plan no action either.
    expect(progress.get(early.id)).toMatchObject({ step: "NEEDS", nextDue: null });
  });

  it("an approved plan's next open action comes first when it ends before monitoring falls due", async () => {
    const client = await activeClient();
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "IMPLEMENTATION" });
    const plan = await insertPlanVersion(path, { number: 1, status: "APPROVED", createdById: advisor.id });
    await ownerQuery(`UPDATE path_plan_action SET planned_to = $2::date, description = 'Szkolenie z księgowości' WHERE plan_version_id = $1`, [plan.id, polishDaysAgo(-3)]);
    await ownerQuery(
      `INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description, status, planned_to)
       VALUES ($1, $2, $3, 1, 'ADVISORY', 'Zrobione wcześniej', 'DONE', $4::date)`,
      [randomUUID(), tenant.id, plan.id, polishDaysAgo(-1)],
    );

    const nextDue = (await progressOf([client.id])).get(client.id)?.nextDue;
    expect(nextDue).toMatchObject({ kind: "PLAN_ACTION", overdue: false, actionDescription: "Szkolenie z księgowości", pathId: path.id });
    expect(nextDue?.date.toISOString().slice(0, 10)).toBe(polishDaysAgo(-3));
  });

  it("a closed path is not the client's open path, and another tenant's client is not there at all", async () => {
    const client = await createClient(tenant, { status: "CLOSED" });
    await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "CLOSED" });
    const other = await createTenant();
    const foreign = await createClient(other);

    const progress = await progressOf([client.id, foreign.id]);
    expect(progress.get(client.id)).toMatchObject({ pathId: null, step: null });
    expect(progress.has(foreign.id)).toBe(false);
  });
});
