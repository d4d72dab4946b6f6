import { beforeEach, describe, expect, it } from "vitest";
import { getClientPage } from "@/lib/domain/clients/service";
import { logService } from "@/lib/domain/services/service";
import { contextFor, countRows, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { insertPath, insertPlanVersion } from "@/tests/factories/paths";
import { insertServiceRecord, polishDaysAgo, serviceInput } from "@/tests/factories/services";

/**
 * The client page opens on where the client stands (issue 13): the open path's step, the last
 * contact and what falls due next, above the tabs; logging a service is offered — and accepted —
 * only while the client's support lasts.
 */

let tenant: TTenantRow;
let advisor: TUserRow;
let auditor: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  await ownerQuery(`UPDATE tenant SET monitoring_overdue_days = 30 WHERE id = $1`, [tenant.id]);
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  auditor = await createUser(tenant, { role: "AUDITOR" });
});

describe("getClientPage's summary", () => {
  it("shows the open path's step, the last contact and the approved plan's next action, on every tab", async () => {
    const client = await createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "IMPLEMENTATION" });
    const plan = await insertPlanVersion(path, { number: 1, status: "APPROVED", createdById: advisor.id });
    await ownerQuery(`UPDATE path_plan_action SET planned_to = $2::date, description = 'Biznesplan spółdzielni' WHERE plan_version_id = $1`, [plan.id, polishDaysAgo(-3)]);
    await insertServiceRecord(tenant, { clientId: client.id, userId: advisor.id, date: polishDaysAgo(9) });
    await insertServiceRecord(tenant, { clientId: client.id, userId: advisor.id, date: polishDaysAgo(2) });

    for (const tab of ["overview", "details"] as const) {
      const { summary, client: shown } = await getClientPage(contextFor(advisor), client.id, { tab, recentServices: 5 });
      expect(summary.openPath).toMatchObject({ id: path.id, step: "IMPLEMENTATION", nextDue: { kind: "PLAN_ACTION", overdue: false, actionDescription: "Biznesplan spółdzielni" } });
      expect(summary.openPath?.nextDue?.date.toISOString().slice(0, 10)).toBe(polishDaysAgo(-3));
      expect(summary.lastContact?.toISOString().slice(0, 10)).toBe(polishDaysAgo(2));
      expect(shown.keyAdvisor?.id).toBe(advisor.id);
    }
  });

  it("flags monitoring that is overdue as what falls due next", async () => {
    const client = await createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "MONITORING" });
    await ownerQuery(`UPDATE support_path SET opened_at = now() - interval '90 days', last_monitoring_at = now() - interval '40 days' WHERE id = $1`, [path.id]);

    const { summary } = await getClientPage(contextFor(auditor), client.id, { recentServices: 5 });
    expect(summary.openPath).toMatchObject({ step: "MONITORING", nextDue: { kind: "MONITORING", overdue: true } });
    expect(summary.lastContact).toBeNull();
  });

  it("a client without a path or services: nothing to show but who they are", async () => {
    const client = await createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const { summary } = await getClientPage(contextFor(advisor), client.id, { recentServices: 5 });
    expect(summary).toEqual({ openPath: null, lastContact: null });
  });

  it("reads only the visible tab's data", async () => {
    const client = await createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const overview = await getClientPage(contextFor(advisor), client.id, { recentServices: 5 });
    expect(overview).toMatchObject({ tab: "overview", team: null, paths: null, services: null, serviceForm: null });
    const services = await getClientPage(contextFor(advisor), client.id, { tab: "services", recentServices: 5 });
    expect(services).toMatchObject({ tab: "services", team: null, paths: null, serviceForm: null, services: { total: 0 } });
    const logging = await getClientPage(contextFor(advisor), client.id, { tab: "services", recentServices: 5, logService: true });
    expect(logging.serviceForm?.clients).toEqual([{ id: client.id, name: client.name }]);
  });
});

describe("a client whose support has ended", () => {
  it("is offered no service entry, and logging one for them is refused with nothing written", async () => {
    const manager = await createUser(tenant, { role: "MANAGER" });
    const closed = await createClient(tenant, { status: "CLOSED" });
    const active = await createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });

    const page = await getClientPage(contextFor(manager), closed.id, { tab: "services", recentServices: 5, logService: true });
    expect(page.client.abilities.canLogService).toBe(false);
    expect(page.serviceForm).toBeNull();
    expect(page.services).not.toBeNull();

    const before = await countRows("service_record", tenant.id);
    // Alone or beside a client still supported: the whole entry is refused, naming the client.
    for (const clientIds of [[closed.id], [active.id, closed.id]]) {
      await expect(logService(contextFor(manager), serviceInput(clientIds))).rejects.toMatchObject({
        code: "CLIENT_SUPPORT_ENDED",
        params: { client: closed.name },
      });
    }
    expect(await countRows("service_record", tenant.id)).toBe(before);
    // A client still supported takes services as before.
    await expect(logService(contextFor(manager), serviceInput([active.id]))).resolves.toMatchObject({ created: true });
  });
});
