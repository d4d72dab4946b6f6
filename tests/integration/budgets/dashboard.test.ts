import { beforeEach, describe, expect, it } from "vitest";
import type { TRole } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/domain/dashboard/service";
import { getServiceRegisterPage } from "@/lib/domain/services/register";
import { todayInPoland } from "@/lib/dates";
import { createPartner, createTenant, createUser, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { insertPath, insertPlanVersion } from "@/tests/factories/paths";
import { pageStatements } from "@/tests/support/statement-counter";
import { insertService } from "../dashboard/dashboard-data";

/**
 * Issue 13: every role's dashboard, and the services register, within the page budget (≤ 10
 * statements, the session check included, one transaction) with every part of it present: clients
 * on paths, a plan waiting, services of several people.
 */
const BUDGET = 10;

let tenant: TTenantRow;
const users = new Map<TRole, TUserRow>();

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  users.clear();
  for (const role of ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR", "IOD"] as const) {
    users.set(role, await createUser(tenant, { role, partnerId: role === "ADMIN" || role === "MANAGER" || role === "AUDITOR" ? null : partner.id }));
  }
  const advisor = users.get("KEY_ADVISOR");
  const animator = users.get("ANIMATOR");
  if (!advisor || !animator) throw new Error("users missing");
  const clients = await createCaseloadClients(tenant, 4, { status: "ACTIVE", keyAdvisorId: advisor.id });
  for (const [i, client] of clients.entries()) {
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: i % 2 ? "PLAN" : "IMPLEMENTATION" });
    if (i === 1) await insertPlanVersion(path, { number: 1, status: "SUBMITTED", createdById: advisor.id });
    await insertService(tenant, { date: todayInPoland(), providerIds: [advisor.id, animator.id], clientIds: [client.id] });
  }
});

describe("statements per dashboard", () => {
  it.each(["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR", "IOD"] as const)(`%s: at most ${BUDGET}`, async (role) => {
    const user = users.get(role);
    if (!user) throw new Error(role);
    const statements = await pageStatements(user, (ctx) => getDashboard(ctx));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(BUDGET);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length, "one transaction").toBe(1);
  });

  it(`/services/register: at most ${BUDGET}`, async () => {
    const manager = users.get("MANAGER");
    if (!manager) throw new Error("manager");
    const statements = await pageStatements(manager, (ctx) => getServiceRegisterPage(ctx, {}));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(BUDGET);
  });
});
