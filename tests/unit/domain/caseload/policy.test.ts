import { describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { ROLES, type TRole } from "@/lib/auth/permissions";
import { assertCaseloadCapacity, assertIsKeyAdvisor, effectiveLimit, mayManageAdvisor, type TAdvisorLoad } from "@/lib/domain/caseload/policy";
import { AppError } from "@/lib/errors";

const PARTNER_A = "0a0a0a0a-0000-4000-8000-00000000000a";
const PARTNER_B = "0b0b0b0b-0000-4000-8000-00000000000b";

function advisor(overrides: Partial<TAdvisorLoad> = {}): TAdvisorLoad {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    name: "Anna Wiśniewska",
    role: "KEY_ADVISOR",
    active: true,
    partnerId: PARTNER_A,
    caseloadLimit: null,
    load: 0,
    ...overrides,
  };
}

function ctxOf(role: TRole, partnerId: string | null = null): TContext {
  return { userId: "22222222-2222-4222-8222-222222222222", tenantId: "33333333-3333-4333-8333-333333333333", role, partnerId, requestId: "r" };
}

/** The AppError `fn` throws; fails when it returns or throws anything else. */
function thrownBy(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected an AppError, but nothing was thrown");
}

describe("effectiveLimit", () => {
  it.each([
    { own: null, max: 15, expected: 15 },
    { own: 10, max: 15, expected: 10 },
    { own: 15, max: 15, expected: 15 },
    // The tenant's maximum was lowered below the advisor's own limit: the maximum wins.
    { own: 12, max: 10, expected: 10 },
    { own: 0, max: 15, expected: 0 },
    { own: null, max: 1, expected: 1 },
  ])("own limit $own under tenant maximum $max → $expected", ({ own, max, expected }) => {
    expect(effectiveLimit(own, max)).toBe(expected);
  });
});

describe("assertCaseloadCapacity", () => {
  it("lets an advisor below the limit take one more (0/15, 14/15, 2/3 of an own limit)", () => {
    expect(() => assertCaseloadCapacity(advisor({ load: 0 }), 15)).not.toThrow();
    expect(() => assertCaseloadCapacity(advisor({ load: 14 }), 15)).not.toThrow();
    expect(() => assertCaseloadCapacity(advisor({ load: 2, caseloadLimit: 3 }), 15)).not.toThrow();
  });

  it("refuses at 15/15 with CASELOAD_LIMIT_REACHED naming the advisor, the load and the limit", () => {
    const error = thrownBy(() => assertCaseloadCapacity(advisor({ load: 15 }), 15));
    expect(error.code).toBe("CASELOAD_LIMIT_REACHED");
    expect(error.status).toBe(409);
    expect(error.params).toEqual({ advisor: "Anna Wiśniewska", load: 15, limit: 15 });
  });

  it("refuses an advisor over a lowered own limit (5 of 3)", () => {
    const error = thrownBy(() => assertCaseloadCapacity(advisor({ load: 5, caseloadLimit: 3 }), 15));
    expect(error).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { advisor: "Anna Wiśniewska", load: 5, limit: 3 } });
  });

  it("applies the tenant maximum when it is below the advisor's own limit (10 of max 10, own 12)", () => {
    const error = thrownBy(() => assertCaseloadCapacity(advisor({ load: 10, caseloadLimit: 12 }), 10));
    expect(error).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { load: 10, limit: 10 } });
    expect(() => assertCaseloadCapacity(advisor({ load: 9, caseloadLimit: 12 }), 10)).not.toThrow();
  });

  it("refuses everything under a limit of 0, even with no clients", () => {
    const error = thrownBy(() => assertCaseloadCapacity(advisor({ load: 0, caseloadLimit: 0 }), 15));
    expect(error).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { load: 0, limit: 0 } });
  });
});

describe("assertIsKeyAdvisor", () => {
  it("accepts an active key advisor only", () => {
    expect(() => assertIsKeyAdvisor(advisor())).not.toThrow();
    for (const role of ROLES.filter((r) => r !== "KEY_ADVISOR")) {
      expect(thrownBy(() => assertIsKeyAdvisor(advisor({ role }))), role).toMatchObject({
        code: "VALIDATION_FAILED",
        fieldErrors: { advisorId: "notAKeyAdvisor" },
      });
    }
    expect(thrownBy(() => assertIsKeyAdvisor(advisor({ active: false }), "toAdvisorIds")).fieldErrors).toEqual({ toAdvisorIds: "notAKeyAdvisor" });
  });
});

describe("mayManageAdvisor", () => {
  const ownPartner = advisor({ partnerId: PARTNER_A });
  const otherPartner = advisor({ partnerId: PARTNER_B });
  const noPartner = advisor({ partnerId: null });

  it.each(["clients.assign", "caseload.limits.set"] as const)("%s: a manager may manage any advisor", (permission) => {
    for (const target of [ownPartner, otherPartner, noPartner]) expect(mayManageAdvisor(ctxOf("MANAGER"), target, permission)).toBe(true);
  });

  it.each(["clients.assign", "caseload.limits.set"] as const)("%s: a coordinator only their own partner's advisors", (permission) => {
    const coordinator = ctxOf("COORDINATOR", PARTNER_A);
    expect(mayManageAdvisor(coordinator, ownPartner, permission)).toBe(true);
    expect(mayManageAdvisor(coordinator, otherPartner, permission)).toBe(false);
    expect(mayManageAdvisor(coordinator, noPartner, permission)).toBe(false);
  });

  it.each(["clients.assign", "caseload.limits.set"] as const)("%s: a coordinator without a partner manages nobody", (permission) => {
    const coordinator = ctxOf("COORDINATOR", null);
    for (const target of [ownPartner, otherPartner, noPartner]) expect(mayManageAdvisor(coordinator, target, permission)).toBe(false);
  });

  it.each(["clients.assign", "caseload.limits.set"] as const)("%s: every other role manages nobody, whatever its partner", (permission) => {
    for (const role of ["ADMIN", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"] as const) {
      for (const target of [ownPartner, otherPartner, noPartner]) {
        expect(mayManageAdvisor(ctxOf(role, PARTNER_A), target, permission), `${role} ${target.partnerId}`).toBe(false);
      }
    }
  });
});
