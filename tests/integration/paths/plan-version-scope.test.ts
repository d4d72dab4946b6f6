import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { comparePlanVersions, decidePlan, getPlanVersion, saveContract, savePlan, submitPlan } from "@/lib/domain/paths/service";
import { isAppError } from "@/lib/errors";
import { contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { tenantSnapshot } from "@/tests/factories/assertions";
import { openPathAt, planAction, signedContract } from "@/tests/factories/paths";

/**
 * A plan version is reached through its path (STYLE: a child is loaded through its parent): a
 * version of another path of the same centre, named under this path's id, answers exactly like a
 * missing version — reads and writes alike — and changes nothing.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let coordinator: TUserRow;
let auditorCtx: TContext;
let advisorCtx: TContext;
let otherCoordinatorCtx: TContext;
/** The advisor's path, with a signed contract and version 1 SUBMITTED. */
let pathA: { id: string; versionId: string };
/** Another partner's advisor's path, with a signed contract and version 1 SUBMITTED. */
let pathB: { id: string; versionId: string };
/** The advisor's second path, with version 1 a DRAFT at revision 1. */
let pathC: { id: string; versionId: string };

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  const otherPartner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
  const advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id });
  const otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: otherPartner.id });
  auditorCtx = contextFor(await createUser(tenant, { role: "AUDITOR" }));
  advisorCtx = contextFor(advisor);
  otherCoordinatorCtx = contextFor(await createUser(tenant, { role: "COORDINATOR", partnerId: otherPartner.id }));
  pathA = await submittedPath(advisor, contextFor(coordinator), "A");
  pathB = await submittedPath(otherAdvisor, otherCoordinatorCtx, "B");
  const { pathId } = await openPathAt(advisorCtx, contextFor(coordinator), (await createClient(tenant, { keyAdvisorId: advisor.id })).id, "PLAN");
  const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Szkic C", actions: [planAction({ description: "Działanie C" })] });
  pathC = { id: pathId, versionId: draft.versionId };
});

/** A path of a new client of `owner` at PLAN, with a signed contract and version 1 submitted. */
async function submittedPath(owner: TUserRow, approver: TContext, label: string) {
  const ctx = contextFor(owner);
  const client = await createClient(tenant, { keyAdvisorId: owner.id });
  const { pathId } = await openPathAt(ctx, approver, client.id, "PLAN");
  await saveContract(ctx, pathId, signedContract());
  const draft = await savePlan(ctx, pathId, { baseRevision: null, versionId: null, summary: `Plan ${label}`, actions: [planAction({ description: `Działanie ${label}` })] });
  await submitPlan(ctx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });
  return { id: pathId, versionId: draft.versionId };
}

async function snapshot() {
  return tenantSnapshot(tenant.id);
}

/** What a call answered: its result, or the refusal as the user would see it. */
async function outcomeOf(promise: Promise<unknown>) {
  try {
    return { result: await promise };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { refused: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } };
  }
}

async function versionStatus(id: string) {
  const [row] = await ownerQuery<{ status: string }>(`SELECT status::text AS status FROM path_plan_version WHERE id = $1`, [id]);
  return row?.status;
}

describe("reading a plan version through a path", () => {
  it("shows a version of another path under this path's id as NOT_FOUND, exactly like a missing one", async () => {
    const other = await outcomeOf(getPlanVersion(auditorCtx, pathA.id, pathB.versionId));
    const missing = await outcomeOf(getPlanVersion(auditorCtx, pathA.id, randomUUID()));

    expect(other).toEqual({ refused: { code: "NOT_FOUND", message: "PathPlanVersion not found", fieldErrors: {} } });
    expect(other).toEqual(missing);
    // Through its own path, each version is readable.
    expect(await getPlanVersion(auditorCtx, pathB.id, pathB.versionId)).toMatchObject({ id: pathB.versionId, pathId: pathB.id, summary: "Plan B" });
    expect(await getPlanVersion(auditorCtx, pathA.id, pathA.versionId)).toMatchObject({ id: pathA.versionId, pathId: pathA.id, summary: "Plan A" });
  });

  it("compares only versions of the path: another path's version on either side is NOT_FOUND, exactly like a missing one", async () => {
    const compare = (from: string, to: string) => outcomeOf(comparePlanVersions(auditorCtx, pathA.id, from, to));
    const missingVersion = randomUUID();

    // Each pair: another path's version in place of a missing one.
    for (const [[otherFrom, otherTo], [missingFrom, missingTo]] of [
      [[pathA.versionId, pathB.versionId], [pathA.versionId, missingVersion]],
      [[pathB.versionId, pathA.versionId], [missingVersion, pathA.versionId]],
      [[pathB.versionId, pathB.versionId], [missingVersion, missingVersion]],
    ] as const) {
      const other = await compare(otherFrom, otherTo);
      expect(other).toMatchObject({ refused: { code: "NOT_FOUND" } });
      expect(other).toEqual(await compare(missingFrom, missingTo));
    }
    // The same versions compared through their own path.
    expect(await comparePlanVersions(auditorCtx, pathB.id, pathB.versionId, pathB.versionId)).toMatchObject({ summaryChanged: false, changes: [] });
  });
});

describe("writing a plan version through a path", () => {
  it("a decision on another path's version, named under a path the approver may work on, is NOT_FOUND and changes nothing", async () => {
    const before = await snapshot();

    for (const approver of [contextFor(coordinator), contextFor(manager)]) {
      for (const decision of [{ decision: "APPROVE" as const }, { decision: "RETURN" as const, comment: "Nie ta ścieżka" }]) {
        const other = await outcomeOf(decidePlan(approver, pathA.id, pathB.versionId, decision));
        const missing = await outcomeOf(decidePlan(approver, pathA.id, randomUUID(), decision));
        expect(other).toEqual({ refused: { code: "NOT_FOUND", message: "PathPlanVersion not found", fieldErrors: {} } });
        expect(other).toEqual(missing);
      }
    }

    expect(await snapshot()).toEqual(before);
    expect(await versionStatus(pathB.versionId)).toBe("SUBMITTED");
    expect(await versionStatus(pathA.versionId)).toBe("SUBMITTED");
    // Through its own path, by its own partner's coordinator, the decision goes through.
    await decidePlan(otherCoordinatorCtx, pathB.id, pathB.versionId, { decision: "APPROVE" });
    expect(await versionStatus(pathB.versionId)).toBe("APPROVED");
  });

  it("submitting or saving another path's draft under this path answers like a missing version and changes nothing", async () => {
    const before = await snapshot();
    const submit = (versionId: string) => outcomeOf(submitPlan(advisorCtx, pathA.id, { versionId, baseRevision: 1 }));
    const save = (versionId: string) =>
      outcomeOf(savePlan(advisorCtx, pathA.id, { versionId, baseRevision: 1, summary: "Podmiana", actions: [planAction({ description: "Obce" })] }));

    for (const call of [submit, save]) {
      const other = await call(pathC.versionId);
      expect(other).toHaveProperty("refused");
      expect(other).toEqual(await call(randomUUID()));
    }

    expect(await snapshot()).toEqual(before);
    expect(await versionStatus(pathC.versionId)).toBe("DRAFT");
    // Through its own path, the draft is submitted.
    await submitPlan(advisorCtx, pathC.id, { versionId: pathC.versionId, baseRevision: 1 });
    expect(await versionStatus(pathC.versionId)).toBe("SUBMITTED");
  });
});
