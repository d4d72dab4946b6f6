import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { getPathPage } from "@/lib/domain/paths/service";
import { contextFor, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { insertPath, insertPlanVersion } from "@/tests/factories/paths";
import { polishDaysAgo } from "@/tests/factories/services";

/**
 * The path page opens on its overview (issue 13): the plan's status and the approved plan's next
 * action — the open one that ends first, with whoever is responsible — beside the step, the last
 * monitoring and what is missing to move on, which the path's head already carries.
 */

let tenant: TTenantRow;
let advisor: TUserRow;
let animator: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  animator = await createUser(tenant, { role: "ANIMATOR", name: "Anna Animatorka" });
});

async function addAction(versionId: string, fields: { position: number; description: string; status: string; plannedTo?: string; plannedFrom?: string; responsible?: string }) {
  await ownerQuery(
    `INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description, status, planned_from, planned_to, responsible_user_id)
     VALUES ($1, $2, $3, $4, 'ADVISORY', $5, $6::"PlanActionStatus", $7::date, $8::date, $9)`,
    [randomUUID(), tenant.id, versionId, fields.position, fields.description, fields.status, fields.plannedFrom ?? null, fields.plannedTo ?? null, fields.responsible ?? null],
  );
}

describe("the path page's overview", () => {
  it("is the approved plan's earliest open action, with its responsible person, and the latest version's status", async () => {
    const client = await createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "IMPLEMENTATION" });
    const approved = await insertPlanVersion(path, { number: 1, status: "APPROVED", createdById: advisor.id });
    await insertPlanVersion(path, { number: 2, status: "DRAFT", createdById: advisor.id });
    // The factory's own action (undated) comes after every dated one; a done one never counts.
    await addAction(approved.id, { position: 1, description: "Zrobione", status: "DONE", plannedTo: polishDaysAgo(5) });
    await addAction(approved.id, { position: 2, description: "Później", status: "PLANNED", plannedTo: polishDaysAgo(-20) });
    await addAction(approved.id, { position: 3, description: "Warsztat animacyjny", status: "IN_PROGRESS", plannedFrom: polishDaysAgo(-1), plannedTo: polishDaysAgo(-7), responsible: animator.id });

    const page = await getPathPage(contextFor(advisor), path.id, { tab: "overview" });
    expect(page.tab).toMatchObject({
      name: "overview",
      overview: {
        latestPlan: { number: 2, status: "DRAFT" },
        approvedPlanNumber: 1,
        nextAction: { description: "Warsztat animacyjny", status: "IN_PROGRESS", responsibleName: "Anna Animatorka" },
      },
    });
    expect(page.tab.name === "overview" && page.tab.overview.nextAction?.plannedTo?.toISOString().slice(0, 10)).toBe(polishDaysAgo(-7));
    expect(page.path.nextSteps).toEqual([{ to: "MONITORING", missing: [] }]);
  });

  it("before any plan: no plan, no next action, and the missing facts of the next step", async () => {
    const client = await createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "NEEDS" });
    const page = await getPathPage(contextFor(advisor), path.id, { tab: "overview" });
    expect(page.tab).toEqual({ name: "overview", overview: { latestPlan: null, approvedPlanNumber: null, nextAction: null } });
    expect(page.path.nextSteps).toEqual([{ to: "PLAN", missing: ["needWithExpectedEffect"] }]);
  });
});
