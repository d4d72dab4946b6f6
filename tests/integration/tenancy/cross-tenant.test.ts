import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { findAuditEntries } from "@/lib/domain/audit/find-audit";
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

/**
 * A foreign id answers exactly like a missing one (STYLE rule 3). Every service function taking a
 * record id is listed here; the meta-test at the bottom fails when one is added without a case.
 */
type TTargets = { user: TUserRow; partner: TPartnerRow; office: TOfficeRow };
type TCase = {
  target: keyof TTargets;
  /** A read returns the record; a write leaves an audit row naming it. */
  kind: "read" | "write";
  call: (ctx: TContext, id: string) => Promise<unknown>;
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
};
const CASE_LIST = Object.entries(CASES).map(([name, c]) => ({ name, ...c }));

let tenantA: TTenantRow;
let tenantB: TTenantRow;
let adminA: TUserRow;
let adminB: TUserRow;
let targetsA: TTargets;

beforeEach(async () => {
  tenantA = await createTenant();
  tenantB = await createTenant();
  adminA = await createUser(tenantA, { role: "ADMIN" });
  adminB = await createUser(tenantB, { role: "ADMIN" });
  const partner = await createPartner(tenantA);
  const office = await createOffice(tenantA, { address: "ul. Stara 2, Busko-Zdrój" });
  const user = await createUser(tenantA, { partnerId: partner.id, officeId: office.id });
  targetsA = { user, partner, office };
  // Tenant B holds records too, so "not found" cannot come from an empty database.
  await createPartner(tenantB);
  await createOffice(tenantB);
  await createUser(tenantB);
});

describe.each(CASE_LIST)("$name", ({ target, kind, call }) => {
  it("answers NOT_FOUND for another tenant's id, exactly like a missing id, and changes nothing", async () => {
    const foreignId = targetsA[target].id;
    const beforeA = await tenantSnapshot(tenantA.id);
    const beforeB = await tenantSnapshot(tenantB.id);

    const foreign = await appErrorOf(call(contextFor(adminB), foreignId));
    const missing = await appErrorOf(call(contextFor(adminB), randomUUID()));

    expect(foreign.code).toBe("NOT_FOUND");
    expect({ code: foreign.code, message: foreign.message, fieldErrors: foreign.fieldErrors }).toEqual({
      code: missing.code,
      message: missing.message,
      fieldErrors: missing.fieldErrors,
    });
    expect(await tenantSnapshot(tenantA.id)).toEqual(beforeA);
    expect(await tenantSnapshot(tenantB.id)).toEqual(beforeB);
  });

  it("answers NOT_FOUND for a malformed id and changes nothing", async () => {
    const before = await tenantSnapshot(tenantB.id);
    for (const badId of ["not-a-uuid", "1", "00000000-0000-0000-0000-00000000000Z", `${randomUUID()}' OR '1'='1`]) {
      const error = await appErrorOf(call(contextFor(adminB), badId));
      expect(error.code, badId).toBe("NOT_FOUND");
    }
    expect(await tenantSnapshot(tenantB.id)).toEqual(before);
  });

  it("works for the tenant's own id", async () => {
    const ownId = targetsA[target].id;
    const result = await call(contextFor(adminA), ownId);
    if (kind === "read") {
      expect(result).toMatchObject({ id: ownId });
    } else {
      const rows = await auditRows(tenantA.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: adminA.id, entity_id: ownId });
    }
  });
});

describe("ids inside the input", () => {
  it("createUser refuses another tenant's partner and office, writing nothing", async () => {
    const foreignPartner = await createPartner(tenantA);
    const foreignOffice = await createOffice(tenantA);
    const before = await tenantSnapshot(tenantB.id);

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
    expect(await tenantSnapshot(tenantB.id)).toEqual(before);
  });

  it("updateUser refuses to attach a user to another tenant's partner or office, writing nothing", async () => {
    const userB = await createUser(tenantB);
    const before = await tenantSnapshot(tenantB.id);
    const base = { name: userB.name, email: userB.email, role: userB.role };

    const partnerError = await appErrorOf(users.updateUser(contextFor(adminB), userB.id, { ...base, partnerId: targetsA.partner.id }));
    const officeError = await appErrorOf(users.updateUser(contextFor(adminB), userB.id, { ...base, officeId: targetsA.office.id }));

    expect(partnerError).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { partnerId: "unknownPartner" } });
    expect(officeError).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { officeId: "unknownOffice" } });
    expect(await tenantSnapshot(tenantB.id)).toEqual(before);
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
