import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import type { TPermission } from "@/lib/auth/permissions";
import { sendAccountLink } from "@/lib/domain/accounts/invite";
import * as tenancy from "@/lib/domain/tenancy/service";
import * as users from "@/lib/domain/users/service";
import {
  auditRows,
  contextFor,
  countRows,
  createOffice,
  createPartner,
  createTenant,
  createUser,
  DEFAULT_PASSWORD,
  ownerPool,
  ownerQuery,
  type TAuditRow,
  type TOfficeRow,
  type TPartnerRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { waitForLockWaiter } from "@/tests/factories/db";

/** Plain passwords the writes below use: none may ever appear in an audit row. */
const NEW_PASSWORD = "brand-new-password-2026";
const RESET_PASSWORD = "reset-by-admin-password";

let tenant: TTenantRow;
let admin: TUserRow;
let advisor: TUserRow;
let partner: TPartnerRow;
let office: TOfficeRow;
let adminCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant({ maxClientsPerAdvisor: 15 });
  admin = await createUser(tenant, { role: "ADMIN" });
  partner = await createPartner(tenant, { name: "Fundacja Horyzont" });
  office = await createOffice(tenant, { name: "Busko-Zdrój", address: "ul. Rynek 1" });
  advisor = await createUser(tenant, { name: "Jan Kowalski", role: "KEY_ADVISOR", partnerId: partner.id, officeId: office.id });
  adminCtx = contextFor(admin);
});

/** Every key anywhere inside `value`. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

async function expectNoSecretsInAudit(tenantId: string) {
  const rows = await ownerQuery<{ row: Record<string, unknown> }>(`SELECT to_jsonb(a) AS row FROM audit_log a WHERE tenant_id = $1`, [tenantId]);
  expect(rows.length).toBeGreaterThan(0);
  for (const { row } of rows) {
    const json = JSON.stringify(row);
    expect(json).not.toContain("$argon2");
    for (const plain of [DEFAULT_PASSWORD, NEW_PASSWORD, RESET_PASSWORD]) expect(json).not.toContain(plain);
    expect(keysOf(row).filter((key) => /^(password|passwordhash|password_hash|newpassword|currentpassword|confirmpassword|hash)$/i.test(key))).toEqual([]);
  }
}

type TExpectedAudit = {
  action: string;
  actorId: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

type TWrite = {
  name: string;
  /** Performs the write; returns the audit row it must leave. */
  run: () => Promise<TExpectedAudit>;
};

const WRITES: TWrite[] = [
  {
    name: "createUser",
    run: async () => {
      const created = await users.createUser(adminCtx, {
        name: "Anna Nowak",
        email: " Anna.Nowak@Example.TEST ",
        role: "COORDINATOR",
        partnerId: partner.id,
        officeId: office.id,
      });
      return {
        action: "user.invite",
        actorId: admin.id,
        entityType: "User",
        entityId: created.id,
        before: null,
        after: { name: "Anna Nowak", email: "anna.nowak@example.test", role: "COORDINATOR", active: true, partnerId: partner.id, officeId: office.id },
      };
    },
  },
  {
    name: "updateUser",
    run: async () => {
      await users.updateUser(adminCtx, advisor.id, { name: "Jan Kowalski-Nowak", email: advisor.email, role: "SPECIALIST", partnerId: "", officeId: office.id });
      const view = { email: advisor.email, active: true, officeId: office.id };
      return {
        action: "user.update",
        actorId: admin.id,
        entityType: "User",
        entityId: advisor.id,
        before: { ...view, name: "Jan Kowalski", role: "KEY_ADVISOR", partnerId: partner.id },
        after: { ...view, name: "Jan Kowalski-Nowak", role: "SPECIALIST", partnerId: null },
      };
    },
  },
  {
    name: "setUserActive (deactivate)",
    run: async () => {
      await users.setUserActive(adminCtx, advisor.id, false);
      return { action: "user.deactivate", actorId: admin.id, entityType: "User", entityId: advisor.id, before: { active: true }, after: { active: false } };
    },
  },
  {
    name: "setUserActive (activate)",
    run: async () => {
      const inactive = await createUser(tenant, { active: false });
      await users.setUserActive(adminCtx, inactive.id, true);
      return { action: "user.activate", actorId: admin.id, entityType: "User", entityId: inactive.id, before: { active: false }, after: { active: true } };
    },
  },
  {
    name: "sendAccountLink (a reset link)",
    run: async () => {
      await sendAccountLink(adminCtx, advisor.id);
      return { action: "user.reset_link_sent", actorId: admin.id, entityType: "User", entityId: advisor.id, before: null, after: { email: advisor.email } };
    },
  },
  {
    name: "sendAccountLink (the invitation again)",
    run: async () => {
      const invited = await createUser(tenant);
      await ownerQuery(`UPDATE "user" SET password_set_at = NULL WHERE id = $1`, [invited.id]);
      await sendAccountLink(adminCtx, invited.id);
      return { action: "user.invite_resend", actorId: admin.id, entityType: "User", entityId: invited.id, before: null, after: { email: invited.email } };
    },
  },
  {
    name: "changeOwnPassword",
    run: async () => {
      await users.changeOwnPassword(contextFor(advisor), {
        currentPassword: DEFAULT_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      return { action: "user.password_change", actorId: advisor.id, entityType: "User", entityId: advisor.id, before: null, after: { passwordChanged: true } };
    },
  },
  {
    name: "createPartner",
    run: async () => {
      const created = await tenancy.createPartner(adminCtx, { name: "  Spółdzielnia Socjalna Razem " });
      return { action: "partner.create", actorId: admin.id, entityType: "Partner", entityId: created.id, before: null, after: { name: "Spółdzielnia Socjalna Razem" } };
    },
  },
  {
    name: "updatePartner",
    run: async () => {
      await tenancy.updatePartner(adminCtx, partner.id, { name: "Fundacja Horyzont Plus" });
      return {
        action: "partner.update",
        actorId: admin.id,
        entityType: "Partner",
        entityId: partner.id,
        before: { name: "Fundacja Horyzont" },
        after: { name: "Fundacja Horyzont Plus" },
      };
    },
  },
  {
    name: "createOffice",
    run: async () => {
      const created = await tenancy.createOffice(adminCtx, { name: "Staszów", address: "" });
      return { action: "office.create", actorId: admin.id, entityType: "Office", entityId: created.id, before: null, after: { name: "Staszów", address: null } };
    },
  },
  {
    name: "updateOffice",
    run: async () => {
      await tenancy.updateOffice(adminCtx, office.id, { name: "Jędrzejów", address: "ul. Przypkowskiego 3" });
      return {
        action: "office.update",
        actorId: admin.id,
        entityType: "Office",
        entityId: office.id,
        before: { name: "Busko-Zdrój", address: "ul. Rynek 1" },
        after: { name: "Jędrzejów", address: "ul. Przypkowskiego 3" },
      };
    },
  },
  {
    name: "updateTenantPolicy",
    run: async () => {
      await tenancy.updateTenantPolicy(adminCtx, { maxClientsPerAdvisor: "20" });
      return {
        action: "tenant.policy_update",
        actorId: admin.id,
        entityType: "Tenant",
        entityId: tenant.id,
        before: { maxClientsPerAdvisor: 15 },
        after: { maxClientsPerAdvisor: 20 },
      };
    },
  },
];

function asExpected(row: TAuditRow | undefined): TExpectedAudit | undefined {
  if (!row) return undefined;
  return { action: row.action, actorId: row.actor_id ?? "", entityType: row.entity_type, entityId: row.entity_id ?? "", before: row.before, after: row.after };
}

describe("every admin write", () => {
  it.each(WRITES)("$name leaves exactly one audit row with actor, entity and before/after, and no secret", async ({ run }) => {
    const expected = await run();
    const rows = await auditRows(tenant.id);
    expect(rows).toHaveLength(1);
    expect(asExpected(rows[0])).toEqual(expected);
    expect(rows[0]?.request_id).toEqual(expect.any(String));
    await expectNoSecretsInAudit(tenant.id);
  });

  it("the request id correlates the audit row with the request that caused it", async () => {
    await tenancy.createPartner(adminCtx, { name: "Stowarzyszenie Korona" });
    const [row] = await auditRows(tenant.id);
    expect(row?.request_id).toBe(adminCtx.requestId);
  });

  it("the password set by the audited write takes effect", async () => {
    await users.changeOwnPassword(contextFor(advisor), { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    const [row] = await ownerQuery<{ password_hash: string; session_version: number }>(
      `SELECT password_hash, session_version FROM "user" WHERE id = $1`,
      [advisor.id],
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.session_version).toBe(2);
    // Changing it again needs the new one.
    await users.changeOwnPassword(contextFor(advisor), { currentPassword: NEW_PASSWORD, newPassword: RESET_PASSWORD, confirmPassword: RESET_PASSWORD });
    expect((await auditRows(tenant.id)).map((r) => r.action)).toEqual(["user.password_change", "user.password_change"]);
  });

  it("setting a user to the state they are already in writes nothing", async () => {
    const before = await tenantSnapshot(tenant.id);
    await users.setUserActive(adminCtx, advisor.id, true);
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });
});

describe("a refused permission", () => {
  const REFUSED: { name: string; permission: TPermission; run: (ctx: TContext) => Promise<unknown> }[] = [
    {
      name: "createUser",
      permission: "users.manage",
      run: (ctx) => users.createUser(ctx, { name: "X", email: "x@example.test", role: "ADMIN" }),
    },
    {
      name: "updateUser",
      permission: "users.manage",
      run: (ctx) => users.updateUser(ctx, admin.id, { name: "X", email: admin.email, role: "KEY_ADVISOR" }),
    },
    { name: "setUserActive", permission: "users.manage", run: (ctx) => users.setUserActive(ctx, admin.id, false) },
    { name: "sendAccountLink", permission: "users.manage", run: (ctx) => sendAccountLink(ctx, admin.id) },
    { name: "createPartner", permission: "organisation.manage", run: (ctx) => tenancy.createPartner(ctx, { name: "X" }) },
    { name: "updatePartner", permission: "organisation.manage", run: (ctx) => tenancy.updatePartner(ctx, partner.id, { name: "X" }) },
    { name: "createOffice", permission: "organisation.manage", run: (ctx) => tenancy.createOffice(ctx, { name: "X" }) },
    { name: "updateOffice", permission: "organisation.manage", run: (ctx) => tenancy.updateOffice(ctx, office.id, { name: "X" }) },
    { name: "updateTenantPolicy", permission: "tenant.policy.manage", run: (ctx) => tenancy.updateTenantPolicy(ctx, { maxClientsPerAdvisor: 1 }) },
  ];

  it.each(REFUSED)("$name by a KEY_ADVISOR is FORBIDDEN, recorded once as auth.forbidden, and changes nothing", async ({ permission, run }) => {
    const before = await tenantSnapshot(tenant.id);
    const ctx = contextFor(advisor);

    const error = await appErrorOf(run(ctx));

    expect(error.code).toBe("FORBIDDEN");
    const after = await tenantSnapshot(tenant.id);
    expect({ ...after, audit_log: [] }).toEqual({ ...before, audit_log: [] });
    const rows = await auditRows(tenant.id);
    expect(rows.map(asExpected)).toEqual([
      { action: "auth.forbidden", actorId: advisor.id, entityType: "Permission", entityId: permission, before: null, after: { role: "KEY_ADVISOR", permission } },
    ]);
    expect(rows[0]?.request_id).toBe(ctx.requestId);
  });
});

describe("a refused write leaves nothing half-written", () => {
  async function expectNothingWritten(work: () => Promise<unknown>) {
    const before = await tenantSnapshot(tenant.id);
    const error = await appErrorOf(work());
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
    return error;
  }

  it("createUser with an e-mail already taken (in any letter case) is ALREADY_EXISTS", async () => {
    const usersBefore = await countRows("user", tenant.id);
    const error = await expectNothingWritten(() =>
      users.createUser(adminCtx, { name: "Duplicate", email: advisor.email.toUpperCase(), role: "KEY_ADVISOR" }),
    );
    expect(error).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { email: "emailTaken" } });
    expect(await countRows("user", tenant.id)).toBe(usersBefore);
    expect(await auditRows(tenant.id)).toEqual([]);
  });

  // KNOWN BUG (lib/domain/users/service.ts, createUser): the e-mail check and the insert race. When
  // another transaction inserts the same e-mail between them, the insert hits the unique index and
  // Prisma's P2002 escapes instead of ALREADY_EXISTS (the user sees a 500, not "e-mail taken").
  // The race is forced deterministically: the owner holds an uncommitted insert of the e-mail until
  // createUser blocks on it. Drop `.fails` once createUser (and updateUser) map isUniqueViolation to
  // ALREADY_EXISTS, as tenancy/service.ts withUniqueName does for names.
  it("createUser racing another insert of the same e-mail is ALREADY_EXISTS and writes nothing", async () => {
    const email = "race@example.test";
    const blocker = await ownerPool().connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query(
        `INSERT INTO "user" (id, tenant_id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, 'First', 'KEY_ADVISOR', 'x', now())`,
        [randomUUID(), tenant.id, email],
      );
      const pending = users.createUser(adminCtx, { name: "Second", email, role: "KEY_ADVISOR" });
      pending.catch(() => undefined);
      await waitForLockWaiter({ role: "owes_app" });
      await blocker.query("COMMIT");

      const error = await appErrorOf(pending);
      expect(error).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { email: "emailTaken" } });
    } finally {
      blocker.release();
    }
    expect(await ownerQuery(`SELECT name FROM "user" WHERE email = $1`, [email])).toEqual([{ name: "First" }]);
    expect(await auditRows(tenant.id)).toEqual([]);
  });

  it("updateUser to another user's e-mail is ALREADY_EXISTS", async () => {
    const error = await expectNothingWritten(() =>
      users.updateUser(adminCtx, advisor.id, { name: advisor.name, email: admin.email, role: advisor.role }),
    );
    expect(error).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { email: "emailTaken" } });
  });

  it("an admin changing their own role is SELF_MODIFICATION_REFUSED", async () => {
    const error = await expectNothingWritten(() => users.updateUser(adminCtx, admin.id, { name: admin.name, email: admin.email, role: "MANAGER" }));
    expect(error.code).toBe("SELF_MODIFICATION_REFUSED");
  });

  it("an admin deactivating themselves is SELF_MODIFICATION_REFUSED", async () => {
    const error = await expectNothingWritten(() => users.setUserActive(adminCtx, admin.id, false));
    expect(error.code).toBe("SELF_MODIFICATION_REFUSED");
  });

  it("changeOwnPassword with a wrong current password is INVALID_CURRENT_PASSWORD", async () => {
    const error = await expectNothingWritten(() =>
      users.changeOwnPassword(contextFor(advisor), { currentPassword: "not-my-password", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(error).toMatchObject({ code: "INVALID_CURRENT_PASSWORD", fieldErrors: { currentPassword: "wrongCurrentPassword" } });
  });

  it("changeOwnPassword with a confirmation that differs is VALIDATION_FAILED on confirmPassword", async () => {
    const error = await expectNothingWritten(() =>
      users.changeOwnPassword(contextFor(advisor), { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` }),
    );
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { confirmPassword: "passwordsDiffer" } });
  });

  it("createPartner and updateOffice with a name already taken are ALREADY_EXISTS", async () => {
    const other = await createOffice(tenant, { name: "Staszów" });
    const partnerError = await expectNothingWritten(() => tenancy.createPartner(adminCtx, { name: partner.name }));
    const officeError = await expectNothingWritten(() => tenancy.updateOffice(adminCtx, office.id, { name: other.name }));
    expect(partnerError).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { name: "nameTaken" } });
    expect(officeError).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { name: "nameTaken" } });
  });

  it.each([0, 51, 2.5, "many"])("updateTenantPolicy with %j is VALIDATION_FAILED", async (value) => {
    const error = await expectNothingWritten(() => tenancy.updateTenantPolicy(adminCtx, { maxClientsPerAdvisor: value }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(error.fieldErrors)).toEqual(["maxClientsPerAdvisor"]);
  });
});
