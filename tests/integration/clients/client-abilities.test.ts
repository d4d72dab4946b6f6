import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { addTeamMember, getClient } from "@/lib/domain/clients/service";
import { todayInPoland } from "@/lib/dates";
import { openPath } from "@/lib/domain/paths/service";
import { contextFor, createClient, createPartner, createTenant, createUser, type TTenantRow } from "@/tests/factories";
import { OPEN_PATH_INPUT } from "@/tests/factories/paths";

/**
 * The client page renders what getClient says the caller may do (issue 11: pages render, services
 * decide): the abilities follow the same scope rules the caseload and path services enforce.
 */

let tenant: TTenantRow;
let manager: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  manager = contextFor(await createUser(tenant, { role: "MANAGER" }));
});

const abilitiesOf = async (ctx: TContext, clientId: string) => (await getClient(ctx, clientId)).abilities;

describe("getClient's abilities", () => {
  it("a waiting client: the manager assigns, a key advisor on its team takes it; nobody releases it or opens a path", async () => {
    const keyAdvisor = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    const waiting = await createClient(tenant);
    await addTeamMember(manager, waiting.id, { userId: keyAdvisor.userId, role: "ADVISOR", startsOn: todayInPoland() });

    expect(await abilitiesOf(manager, waiting.id)).toMatchObject({ canAssign: true, canRelease: false, canTake: false, canOpenPath: false });
    expect(await abilitiesOf(keyAdvisor, waiting.id)).toMatchObject({ canAssign: false, canRelease: false, canTake: true, canOpenPath: false });
  });

  it("an active client: the manager may move it and open a path until one is open; a closed client is not assigned from here", async () => {
    const advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
    const active = await createClient(tenant, { keyAdvisorId: advisor.id });

    expect(await abilitiesOf(manager, active.id)).toMatchObject({ canAssign: true, canRelease: true, canTake: false, canOpenPath: true });
    expect(await abilitiesOf(contextFor(advisor), active.id)).toMatchObject({ canAssign: false, canRelease: false, canTake: false, canOpenPath: true });
    await openPath(contextFor(advisor), active.id, { ...OPEN_PATH_INPUT, template: "DEFAULT" });
    expect(await abilitiesOf(manager, active.id)).toMatchObject({ canOpenPath: false });
    expect(await abilitiesOf(contextFor(advisor), active.id)).toMatchObject({ canOpenPath: false });

    const closed = await createClient(tenant, { status: "CLOSED" });
    expect(await abilitiesOf(manager, closed.id)).toMatchObject({ canAssign: false, canRelease: false, canTake: false, canOpenPath: false });
  });

  it("a coordinator moves clients of their own partner's advisors only, even those of another partner they may read", async () => {
    const partner = await createPartner(tenant);
    const coordinator = contextFor(await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id }));
    const ours = await createClient(tenant, { keyAdvisorId: (await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id })).id });
    const theirs = await createClient(tenant, { keyAdvisorId: (await createUser(tenant, { role: "KEY_ADVISOR" })).id });
    await addTeamMember(manager, theirs.id, { userId: coordinator.userId, role: "ADVISOR", startsOn: todayInPoland() });

    expect(await abilitiesOf(coordinator, ours.id)).toMatchObject({ canAssign: true, canRelease: true });
    expect(await abilitiesOf(coordinator, theirs.id)).toMatchObject({ canAssign: false, canRelease: false, canOpenPath: false });
  });
});
