import { beforeEach, describe, expect, it } from "vitest";
import { getAuditPage } from "@/lib/domain/audit/find-audit";
import { assignClient } from "@/lib/domain/caseload/service";
import { createClient, updateClient } from "@/lib/domain/clients/service";
import { addMonitoringEntry } from "@/lib/domain/paths/service";
import { logService } from "@/lib/domain/services/service";
import { contextFor, createOffice, createPartner, createTenant, createUser, type TUserRow } from "@/tests/factories";
import { createPathTargets } from "@/tests/factories/paths";
import { serviceInput } from "@/tests/factories/services";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * The /audit page is one service call of at most 10 statements, the session check included,
 * however many entries and kinds of record it names (users, offices, clients, paths, plan
 * versions, plan actions, services are resolved to names in one statement).
 */

const BUDGET = 10;
let manager: TUserRow;
let auditor: TUserRow;

beforeEach(async () => {
  const tenant = await createTenant();
  const partner = await createPartner(tenant);
  const office = await createOffice(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  auditor = await createUser(tenant, { role: "AUDITOR" });
  const advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, officeId: office.id });
  const managerCtx = contextFor(manager);
  const targets = await createPathTargets(tenant, advisor.id);
  const advisorCtx = contextFor(advisor);
  for (let i = 0; i < 5; i++) {
    const client = await createClient(managerCtx, { kind: "PERSON", name: `Klient ${i}`, officeId: office.id });
    await updateClient(managerCtx, client.id, { kind: "PERSON", name: `Klient ${i}`, officeId: office.id, kpresSpheres: ["SUSTAINABLE_DEVELOPMENT"] });
    await assignClient(managerCtx, { clientId: client.id, advisorId: advisor.id, reason: "przydział" });
  }
  await logService(advisorCtx, serviceInput([targets.pathClient.id], { planActionIds: { [targets.pathClient.id]: targets.planAction.id } }));
  await addMonitoringEntry(advisorCtx, targets.path.id, { progress: "Postęp", risks: null, nextSteps: null });
});

describe("/audit", () => {
  it.each([
    ["the whole trail", {}],
    ["one record's history since a day", { entityType: "Client", since: "2026-01-01" }],
  ])(`%s: at most ${BUDGET} statements, in one transaction`, async (_name, filters) => {
    for (const user of [manager, auditor]) {
      const statements = await pageStatements(user, (ctx) => getAuditPage(ctx, { ...filters, pageSize: 25 }));
      expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(BUDGET);
      expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length).toBe(1);
    }
    const page = await getAuditPage(contextFor(auditor), { pageSize: 25 });
    expect(page.result.items.length).toBeGreaterThan(15);
  });
});
