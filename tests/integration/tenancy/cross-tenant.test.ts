import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import type { TRole } from "@/lib/auth/permissions";
import { findAuditEntries } from "@/lib/domain/audit/find-audit";
import * as caseload from "@/lib/domain/caseload/service";
import * as clients from "@/lib/domain/clients/service";
import * as consultations from "@/lib/domain/consultations/service";
import * as paths from "@/lib/domain/paths/service";
import { writePath } from "@/lib/domain/paths/write";
import { withClientLocked } from "@/lib/domain/caseload/move-client";
import * as tenancy from "@/lib/domain/tenancy/service";
import * as users from "@/lib/domain/users/service";
import {
  auditRows,
  contextFor,
  createOffice,
  createPartner,
  createTenant,
  createUser,
  type TOfficeRow,
  type TPartnerRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { insertServiceRecord, serviceInput } from "@/tests/factories/consultations";
import { createPathTargets, pathSnapshot, type TPathTargets } from "@/tests/factories/paths";

/**
 * A foreign id answers exactly like a missing one (STYLE rule 3). Every service function taking a
 * record id is listed here; the meta-test at the bottom fails when one is added without a case.
 */
type TTargets = { user: TUserRow; partner: TPartnerRow; office: TOfficeRow; waitingClient: { id: string }; serviceRecord: { id: string } } & TPathTargets;
type TCase = {
  target: keyof TTargets;
  /** A read returns the record; a write leaves an audit row naming it. */
  kind: "read" | "write";
  call: (ctx: TContext, id: string) => Promise<unknown>;
  /** Who calls, in either tenant: the tenant's admin unless the function needs another role. */
  role?: TRole;
  /** A read whose result is not the record itself: what it equals for the own id. */
  ownResult?: (targets: TTargets) => unknown;
  /** A write whose audit row names another record than the target (one it creates, a plan version). */
  auditedEntity?: (targets: TTargets, result: unknown) => string;
};

/**
 * A path service function: one case, listed under its own module and under the service module
 * that re-exports it (the meta-test sees both), and run once.
 */
function pathCase(name: string, file: string, c: TCase): Record<string, TCase> {
  return { [`paths/service#${name}`]: c, [`paths/${file}#${name}`]: c };
}

const PLAN_INPUT = { summary: "Plan", actions: [{ supportType: "TRAINING" as const, description: "Szkolenie" }] };

const PATH_CASES: Record<string, TCase> = {
  ...pathCase("openPath", "open-path", {
    target: "activeClient",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.openPath(ctx, id, { direction: "TRANSFORMATION", workForm: "GROUP" }),
    auditedEntity: (_t, result) => (result as { id: string }).id,
  }),
  ...pathCase("movePath", "move-path", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.movePath(ctx, id, { to: "IMPLEMENTATION" }),
  }),
  ...pathCase("updateIdentification", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.updateIdentification(ctx, id, { direction: "ECONOMISATION", workForm: "E_SUPPORT", identification: "Zmienione" }),
  }),
  ...pathCase("saveNeeds", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.saveNeeds(ctx, id, { needs: [{ area: "COACHING", description: "Coaching", expectedEffects: ["Plan biznesowy"] }] }),
  }),
  ...pathCase("saveContract", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.saveContract(ctx, id, { number: "UM/CROSS/1", status: "DRAFT" }),
  }),
  ...pathCase("addMonitoringEntry", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.addMonitoringEntry(ctx, id, { progress: "Postęp" }),
  }),
  ...pathCase("addEvaluation", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.addEvaluation(ctx, id, { assessment: "Ocena", results: [] }),
  }),
  ...pathCase("savePlan", "plan", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.savePlan(ctx, id, { ...PLAN_INPUT, versionId: targetsA.draftPlan.id, baseRevision: 1 }),
    auditedEntity: (t) => t.draftPlan.id,
  }),
  ...pathCase("submitPlan", "plan", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.submitPlan(ctx, id, { versionId: targetsA.draftPlan.id, baseRevision: 1 }),
    auditedEntity: (t) => t.draftPlan.id,
  }),
  ...pathCase("decidePlan", "plan", {
    target: "planVersion",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.decidePlan(ctx, id, { decision: "APPROVE" }),
  }),
  ...pathCase("addAnnotation", "annotations", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.addAnnotation(ctx, id, { step: "EVALUATION", text: "Adnotacja" }),
    auditedEntity: (_t, result) => (result as { annotationId: string }).annotationId,
  }),
  ...pathCase("reviseAnnotation", "annotations", {
    target: "annotation",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.reviseAnnotation(ctx, id, { text: "Poprawiona" }),
  }),
  ...pathCase("getPath", "read-path", { target: "path", kind: "read", role: "AUDITOR", call: (ctx, id) => paths.getPath(ctx, id) }),
  ...pathCase("listClientPaths", "read-path", {
    target: "pathClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.listClientPaths(ctx, id),
    ownResult: (t) => [expect.objectContaining({ id: t.path.id, step: "EVALUATION" })],
  }),
  ...pathCase("getPathTimeline", "read-path", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.getPathTimeline(ctx, id),
    ownResult: () => expect.arrayContaining([expect.objectContaining({ kind: "transition", step: "EVALUATION" })]),
  }),
  ...pathCase("getPlanVersion", "read-path", { target: "planVersion", kind: "read", role: "AUDITOR", call: (ctx, id) => paths.getPlanVersion(ctx, id) }),
  ...pathCase("comparePlanVersions", "read-path", {
    target: "planVersion",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.comparePlanVersions(ctx, id, id),
    ownResult: (t) => ({ from: { id: t.planVersion.id, number: 1 }, to: { id: t.planVersion.id, number: 1 }, summaryChanged: false, changes: [] }),
  }),
  "paths/write#writePath": {
    target: "path",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => writePath(ctx, id, async (_tx, head) => head),
  },
};

/** A service-log function: listed under its own module and under the service module that re-exports it. */
function consultationCase(name: string, file: string, c: TCase): Record<string, TCase> {
  return { [`consultations/service#${name}`]: c, [`consultations/${file}#${name}`]: c };
}

const CONSULTATION_CASES: Record<string, TCase> = {
  ...consultationCase("updateService", "write", {
    target: "serviceRecord",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => consultations.updateService(ctx, id, { ...serviceInput([targetsA.pathClient.id]), durationMinutes: 90 }),
  }),
  ...consultationCase("deleteService", "write", {
    target: "serviceRecord",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => consultations.deleteService(ctx, id, { reason: "Omyłka" }),
  }),
  ...consultationCase("getServiceForEdit", "read", {
    target: "serviceRecord",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => consultations.getServiceForEdit(ctx, id),
  }),
  ...consultationCase("listClientServices", "read", {
    target: "pathClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => consultations.listClientServices(ctx, id, {}),
    ownResult: (t) => expect.objectContaining({ total: 1, items: [expect.objectContaining({ id: t.serviceRecord.id })] }),
  }),
  ...consultationCase("getPathImplementation", "read", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => consultations.getPathImplementation(ctx, id),
    ownResult: (t) => expect.objectContaining({ pathId: t.path.id, otherServices: [expect.objectContaining({ id: t.serviceRecord.id })] }),
  }),
  ...consultationCase("getServiceFormOptions", "read", {
    target: "activeClient",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => consultations.getServiceFormOptions(ctx, [id]),
    ownResult: (t) => expect.objectContaining({ clients: expect.arrayContaining([expect.objectContaining({ id: t.activeClient.id })]) }),
  }),
};

const CASES: Record<string, TCase> = {
  "users/service#getUser": { target: "user", kind: "read", call: (ctx, id) => users.getUser(ctx, id) },
  "users/service#updateUser": {
    target: "user",
    kind: "write",
    call: (ctx, id) => users.updateUser(ctx, id, { name: "Renamed", email: "renamed@example.test", role: "MANAGER" }),
  },
  "users/service#setUserActive": { target: "user", kind: "write", call: (ctx, id) => users.setUserActive(ctx, id, false) },
  "users/service#resetUserPassword": {
    target: "user",
    kind: "write",
    call: (ctx, id) => users.resetUserPassword(ctx, id, { password: "a-new-password-123" }),
  },
  "tenancy/service#getPartner": { target: "partner", kind: "read", call: (ctx, id) => tenancy.getPartner(ctx, id) },
  "tenancy/service#updatePartner": {
    target: "partner",
    kind: "write",
    call: (ctx, id) => tenancy.updatePartner(ctx, id, { name: "Renamed partner" }),
  },
  "tenancy/service#getOffice": { target: "office", kind: "read", call: (ctx, id) => tenancy.getOffice(ctx, id) },
  "tenancy/service#updateOffice": {
    target: "office",
    kind: "write",
    call: (ctx, id) => tenancy.updateOffice(ctx, id, { name: "Renamed office", address: "ul. Nowa 1, Kielce" }),
  },
  "caseload/service#takeClientFromQueue": {
    target: "waitingClient",
    kind: "write",
    role: "KEY_ADVISOR",
    call: (ctx, id) => caseload.takeClientFromQueue(ctx, id),
  },
  "caseload/assign-client#takeClientFromQueue": {
    target: "waitingClient",
    kind: "write",
    role: "KEY_ADVISOR",
    call: (ctx, id) => caseload.takeClientFromQueue(ctx, id),
  },
  "caseload/service#setAdvisorLimit": {
    target: "user",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => caseload.setAdvisorLimit(ctx, id, { limit: 7 }),
  },
  "caseload/set-advisor-limit#setAdvisorLimit": {
    target: "user",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => caseload.setAdvisorLimit(ctx, id, { limit: 7 }),
  },
  "caseload/move-client#withClientLocked": {
    target: "waitingClient",
    kind: "read",
    call: (ctx, id) => withClientLocked(ctx, id, [], async (_tx, { client }) => client),
  },
  "clients/service#getClient": {
    target: "waitingClient",
    kind: "read",
    role: "ANIMATOR",
    call: (ctx, id) => clients.getClient(ctx, id),
  },
  "clients/service#getClientHistory": {
    target: "waitingClient",
    kind: "read",
    role: "ANIMATOR",
    call: (ctx, id) => clients.getClientHistory(ctx, id),
  },
  "clients/service#updateClient": {
    target: "waitingClient",
    kind: "write",
    role: "KEY_ADVISOR",
    call: (ctx, id) => clients.updateClient(ctx, id, { kind: "PERSON", name: "Renamed client", town: "Kielce" }),
  },
  ...PATH_CASES,
  ...CONSULTATION_CASES,
};
// A case listed under several names (a function and its re-export) runs once.
const namesOfCase = new Map<TCase, string[]>();
for (const [name, c] of Object.entries(CASES)) namesOfCase.set(c, [...(namesOfCase.get(c) ?? []), name]);
const CASE_LIST = [...namesOfCase].map(([c, names]) => ({ name: names.join(" = "), ...c }));

let tenantA: TTenantRow;
let tenantB: TTenantRow;
let adminA: TUserRow;
let adminB: TUserRow;
let targetsA: TTargets;
let pathTargetsB: TPathTargets;

beforeEach(async () => {
  tenantA = await createTenant();
  tenantB = await createTenant();
  adminA = await createUser(tenantA, { role: "ADMIN" });
  adminB = await createUser(tenantB, { role: "ADMIN" });
  const partner = await createPartner(tenantA);
  const office = await createOffice(tenantA, { address: "ul. Stara 2, Busko-Zdrój" });
  const user = await createUser(tenantA, { partnerId: partner.id, officeId: office.id });
  const [waitingClient] = await createCaseloadClients(tenantA, 1);
  if (!waitingClient) throw new Error("setup");
  const pathAdvisor = await createUser(tenantA, { partnerId: partner.id });
  const pathTargets = await createPathTargets(tenantA, pathAdvisor.id);
  const serviceRecord = await insertServiceRecord(tenantA, { clientId: pathTargets.pathClient.id, userId: pathAdvisor.id, pathId: pathTargets.path.id });
  targetsA = { user, partner, office, waitingClient, serviceRecord, ...pathTargets };
  // Tenant B holds records too, so "not found" cannot come from an empty database.
  await createPartner(tenantB);
  await createOffice(tenantB);
  const userB = await createUser(tenantB);
  await createCaseloadClients(tenantB, 1);
  pathTargetsB = await createPathTargets(tenantB, userB.id);
  await insertServiceRecord(tenantB, { clientId: pathTargetsB.pathClient.id, userId: userB.id, pathId: pathTargetsB.path.id });
});

/** Every row a tenant owns, its support paths included. */
async function snapshot(tenantId: string): Promise<Record<string, unknown[]>> {
  return { ...(await tenantSnapshot(tenantId)), ...(await pathSnapshot(tenantId)) };
}

/** The caller of a case in `tenant`: its admin, or a new user of the role the case needs. */
function actorIn(tenant: TTenantRow, admin: TUserRow, role: TRole | undefined): Promise<TUserRow> {
  return role === undefined || role === "ADMIN" ? Promise.resolve(admin) : createUser(tenant, { role });
}

describe.each(CASE_LIST)("$name", ({ target, kind, call, role, ownResult, auditedEntity }) => {
  it("answers NOT_FOUND for another tenant's id, exactly like a missing id, and changes nothing", async () => {
    const foreignId = targetsA[target].id;
    const actorB = await actorIn(tenantB, adminB, role);
    const beforeA = await snapshot(tenantA.id);
    const beforeB = await snapshot(tenantB.id);

    const foreign = await appErrorOf(call(contextFor(actorB), foreignId));
    const missing = await appErrorOf(call(contextFor(actorB), randomUUID()));

    expect(foreign.code).toBe("NOT_FOUND");
    expect({ code: foreign.code, message: foreign.message, fieldErrors: foreign.fieldErrors }).toEqual({
      code: missing.code,
      message: missing.message,
      fieldErrors: missing.fieldErrors,
    });
    expect(await snapshot(tenantA.id)).toEqual(beforeA);
    expect(await snapshot(tenantB.id)).toEqual(beforeB);
  });

  it("answers NOT_FOUND for a malformed id and changes nothing", async () => {
    const actorB = await actorIn(tenantB, adminB, role);
    const before = await snapshot(tenantB.id);
    for (const badId of ["not-a-uuid", "1", "00000000-0000-0000-0000-00000000000Z", `${randomUUID()}' OR '1'='1`]) {
      const error = await appErrorOf(call(contextFor(actorB), badId));
      expect(error.code, badId).toBe("NOT_FOUND");
    }
    expect(await snapshot(tenantB.id)).toEqual(before);
  });

  it("works for the tenant's own id", async () => {
    const ownId = targetsA[target].id;
    const actorA = await actorIn(tenantA, adminA, role);
    const result = await call(contextFor(actorA), ownId);
    if (kind === "read") {
      if (ownResult) expect(result).toEqual(ownResult(targetsA));
      else expect(result).toMatchObject({ id: ownId });
    } else {
      const rows = await auditRows(tenantA.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: actorA.id, entity_id: auditedEntity ? auditedEntity(targetsA, result) : ownId });
    }
  });
});

describe("ids inside the input", () => {
  it("createUser refuses another tenant's partner and office, writing nothing", async () => {
    const foreignPartner = await createPartner(tenantA);
    const foreignOffice = await createOffice(tenantA);
    const before = await snapshot(tenantB.id);

    const partnerError = await appErrorOf(
      users.createUser(contextFor(adminB), {
        name: "Ewa Nowak",
        email: "ewa@example.test",
        role: "KEY_ADVISOR",
        partnerId: foreignPartner.id,
        password: "long-enough-password",
      }),
    );
    const officeError = await appErrorOf(
      users.createUser(contextFor(adminB), {
        name: "Ewa Nowak",
        email: "ewa@example.test",
        role: "KEY_ADVISOR",
        officeId: foreignOffice.id,
        password: "long-enough-password",
      }),
    );

    expect(partnerError).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { partnerId: "unknownPartner" } });
    expect(officeError).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { officeId: "unknownOffice" } });
    expect(await snapshot(tenantB.id)).toEqual(before);
  });

  it("updateUser refuses to attach a user to another tenant's partner or office, writing nothing", async () => {
    const userB = await createUser(tenantB);
    const before = await snapshot(tenantB.id);
    const base = { name: userB.name, email: userB.email, role: userB.role };

    const partnerError = await appErrorOf(users.updateUser(contextFor(adminB), userB.id, { ...base, partnerId: targetsA.partner.id }));
    const officeError = await appErrorOf(users.updateUser(contextFor(adminB), userB.id, { ...base, officeId: targetsA.office.id }));

    expect(partnerError).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { partnerId: "unknownPartner" } });
    expect(officeError).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { officeId: "unknownOffice" } });
    expect(await snapshot(tenantB.id)).toEqual(before);
  });

  it("the audit trail filtered by another tenant's actor or entity id shows nothing", async () => {
    await users.setUserActive(contextFor(adminA), targetsA.user.id, false);
    expect(await auditRows(tenantA.id)).toHaveLength(1);

    const byActor = await findAuditEntries(contextFor(adminB), { actorId: adminA.id });
    const byEntity = await findAuditEntries(contextFor(adminB), { entityId: targetsA.user.id });

    expect(byActor.items).toEqual([]);
    expect(byEntity.items).toEqual([]);
  });
});

describe("path ids inside the input", () => {
  it("another tenant's plan version is not found for comparison, and naming it in a save or submit of an own path changes nothing", async () => {
    const managerB = contextFor(await createUser(tenantB, { role: "MANAGER" }));
    const foreignVersion = targetsA.draftPlan.id;
    const beforeA = await snapshot(tenantA.id);
    const beforeB = await snapshot(tenantB.id);

    for (const [from, to] of [
      [pathTargetsB.planVersion.id, foreignVersion],
      [foreignVersion, pathTargetsB.planVersion.id],
    ] as const) {
      const foreign = await appErrorOf(paths.comparePlanVersions(managerB, from, to));
      expect(foreign.code).toBe("NOT_FOUND");
    }
    // Named in the input of an own path, a foreign version answers exactly like a missing one.
    const ownPath = pathTargetsB.path.id;
    const save = (versionId: string) => paths.savePlan(managerB, ownPath, { ...PLAN_INPUT, versionId, baseRevision: 1 });
    const submit = (versionId: string) => paths.submitPlan(managerB, ownPath, { versionId, baseRevision: 1 });
    for (const call of [save, submit]) {
      const foreign = await appErrorOf(call(foreignVersion));
      const missing = await appErrorOf(call(randomUUID()));
      expect({ code: foreign.code, message: foreign.message }).toEqual({ code: missing.code, message: missing.message });
    }

    expect(await snapshot(tenantA.id)).toEqual(beforeA);
    expect(await snapshot(tenantB.id)).toEqual(beforeB);
  });
});

describe("lists", () => {
  it("show only the caller's tenant", async () => {
    const ctxB = contextFor(adminB);
    const usersB = await users.findUsers(ctxB, { active: "all" });
    const partnersB = await tenancy.listPartners(ctxB);
    const officesB = await tenancy.listOffices(ctxB);
    const options = await users.listUserFormOptions(ctxB);
    const audit = await findAuditEntries(ctxB, {});
    const policy = await tenancy.getTenantPolicy(ctxB);

    const idsOfA = new Set([adminA.id, targetsA.user.id, targetsA.partner.id, targetsA.office.id]);
    const listed = [...usersB.items, ...partnersB, ...officesB, ...options.partners, ...options.offices, ...audit.items];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((row) => idsOfA.has(row.id))).toEqual([]);
    expect(usersB.total).toBe(2);
    expect(policy.name).toBe(tenantB.name);
  });
});

// ── meta: no service function taking an id escapes the table above ─────────────────────────────

const DOMAIN_ROOT = path.resolve(__dirname, "../../../lib/domain");

/** The top-level parameter names of a function, and the names bound by destructuring patterns. */
function parameterNames(fn: (...args: never[]) => unknown): string[] {
  const source = fn.toString();
  const arrow = source.indexOf("=>");
  const open = source.indexOf("(");
  if (open === -1 || (arrow !== -1 && arrow < open)) {
    // `x => …`: a single bare parameter.
    return [source.slice(0, arrow).replace(/^async\s+/, "").trim()];
  }
  let depth = 0;
  let close = -1;
  for (let i = open; i < source.length; i++) {
    const char = source[i];
    if (char === "(" || char === "{" || char === "[") depth++;
    else if (char === ")" || char === "}" || char === "]") {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    }
  }
  const list = source.slice(open + 1, close);
  const params: string[] = [];
  depth = 0;
  let current = "";
  for (const char of list) {
    if (char === "(" || char === "{" || char === "[") depth++;
    if (char === ")" || char === "}" || char === "]") depth--;
    if (char === "," && depth === 0) {
      params.push(current);
      current = "";
    } else current += char;
  }
  if (current.trim()) params.push(current);
  return params.flatMap((param) => {
    const trimmed = param.trim().replace(/^\.\.\./, "");
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      const withoutStrings = trimmed.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, "");
      return withoutStrings.match(/[A-Za-z_$][\w$]*/g) ?? [];
    }
    return [trimmed.split("=")[0]?.trim() ?? ""];
  });
}

async function domainModules(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") && !e.name.endsWith(".test.ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

const isIdName = (name: string) => /(^id|Id|Ids)$/.test(name);

describe("meta", () => {
  it("parameterNames reads what the meta-test relies on", () => {
    async function sample(ctx: unknown, userId: string, { partnerId, name = "x" }: { partnerId: string; name?: string }) {
      return [ctx, userId, partnerId, name];
    }
    expect(parameterNames(sample)).toEqual(["ctx", "userId", "partnerId", "name"]);
    expect(parameterNames(users.updateUser)).toEqual(["ctx", "userId", "rawInput"]);
  });

  it("every exported domain function taking ctx and an id has a cross-tenant case", async () => {
    const files = await domainModules(DOMAIN_ROOT);
    const withIds: string[] = [];
    const withCtx: string[] = [];
    for (const file of files) {
      const moduleName = path.relative(DOMAIN_ROOT, file).replace(/\.ts$/, "").split(path.sep).join("/");
      const exports = (await import(file)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(exports)) {
        if (typeof value !== "function") continue;
        const params = parameterNames(value as (...args: never[]) => unknown);
        if (params[0] !== "ctx") continue;
        withCtx.push(`${moduleName}#${exportName}`);
        if (params.slice(1).some(isIdName)) withIds.push(`${moduleName}#${exportName}`);
      }
    }

    expect(files.some((f) => f.endsWith(path.join("users", "service.ts")))).toBe(true);
    expect(withCtx.length).toBeGreaterThan(withIds.length);
    const uncovered = withIds.filter((name) => !(name in CASES));
    expect(uncovered, "service functions taking an id without a cross-tenant case").toEqual([]);
    const stale = Object.keys(CASES).filter((name) => !withIds.includes(name));
    expect(stale, "cases naming no exported function with an id parameter").toEqual([]);
  });
});
