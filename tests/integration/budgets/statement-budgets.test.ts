import { beforeEach, describe, expect, it } from "vitest";
import { CLIENT_TABS, getClientPage } from "@/lib/domain/clients/service";
import { getOwnServicesPage, logService } from "@/lib/domain/services/service";
import { contextFor, createClient, createOffice, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createPathTargets } from "@/tests/factories/paths";
import { serviceInput } from "@/tests/factories/services";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * Issue 12: a page costs a handful of statements, whatever the tenant holds — the client page at
 * most 15, other pages at most 10, logging a consultation at most 10 inside its transaction —
 * the one-statement session check included. These count what the services send to PostgreSQL for
 * a page's data, with every part of the page present (a path with an approved plan, services,
 * team members, the assign list for a manager).
 */

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK)\b/i;


let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let clientId: string;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  const animator = await createUser(tenant, { role: "ANIMATOR" });
  // The client has an open path with an approved plan (createPathTargets' pathClient), a team member and services.
  clientId = (await createPathTargets(tenant, advisor.id)).pathClient.id;
  await ownerQuery(
    `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id)
     VALUES (gen_random_uuid(), $1, $2, $3, 'ANIMATOR', current_date - 1, $4)`,
    [tenant.id, clientId, animator.id, manager.id],
  );
  const office = await createOffice(tenant);
  const ctx = contextFor(advisor);
  for (let i = 1; i <= 8; i++) await logService(ctx, serviceInput([clientId], { startTime: `0${i}:00`, officeId: office.id }));
  const other = await createClient(tenant, { keyAdvisorId: advisor.id, status: "ACTIVE" });
  await logService(ctx, serviceInput([clientId, other.id], { startTime: "12:30" }));
});

describe("statements per page", () => {
  it("the client page: at most 15 on every tab (the services tab with its entry form), for the key advisor and for a manager who may assign", async () => {
    for (const user of [advisor, manager]) {
      for (const tab of CLIENT_TABS) {
        const statements = await pageStatements(user, (ctx) => getClientPage(ctx, clientId, { tab, recentServices: 5, logService: tab === "services" }));
        expect(statements.length, `${tab}:\n${statements.join("\n")}`).toBeLessThanOrEqual(15);
        expect(statements.filter((s) => /^\s*BEGIN/i.test(s)), "one transaction").toHaveLength(1);
      }
    }
    const ctx = contextFor(manager);
    const overview = await getClientPage(ctx, clientId, { recentServices: 5 });
    expect(overview.advisors?.length).toBeGreaterThan(0);
    expect(overview.summary.openPath?.step).toBe("EVALUATION");
    expect((await getClientPage(ctx, clientId, { tab: "team", recentServices: 5 })).team?.members).toHaveLength(1);
    expect((await getClientPage(ctx, clientId, { tab: "paths", recentServices: 5 })).paths).toHaveLength(1);
    const services = await getClientPage(ctx, clientId, { tab: "services", recentServices: 5, logService: true });
    expect(services.services?.items).toHaveLength(5);
    expect(services.services?.total).toBe(9);
    expect(services.serviceForm?.clients.map((c) => c.id)).toContain(clientId);
  });

  it("the day view with its entry form: at most 10", async () => {
    const statements = await pageStatements(advisor, (ctx) => getOwnServicesPage(ctx, {}));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
  });

  it("logging a consultation: at most 10 statements inside one transaction", async () => {
    const statements = await pageStatements(advisor, (ctx) => logService(ctx, serviceInput([clientId], { startTime: "15:00" })));
    const [session, ...write] = statements;
    expect(session).toMatch(/app_session_user/);
    expect(write.filter((s) => /^\s*BEGIN/i.test(s)), "one transaction").toHaveLength(1);
    expect(write.filter((s) => !CONTROL.test(s)).length, write.join("\n")).toBeLessThanOrEqual(10);
  });
});
