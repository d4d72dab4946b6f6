import "server-only";
import type { TContext } from "@/lib/auth/context";
import { inScope, relationToStaff } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";

/** An advisor as the cap sees them, read under the advisor's row lock. */
export type TAdvisorLoad = {
  id: string;
  name: string;
  role: string;
  active: boolean;
  partnerId: string | null;
  /** The advisor's own limit; null means the tenant's maximum. */
  caseloadLimit: number | null;
  /** Active clients the advisor carries now. */
  load: number;
};

/** The advisor's own limit, never above the tenant's maximum (SPEC §3.1). */
export function effectiveLimit(caseloadLimit: number | null, tenantMax: number): number {
  return caseloadLimit === null ? tenantMax : Math.min(caseloadLimit, tenantMax);
}

/**
 * The cap: an advisor takes a new client only while under their limit. An advisor whose limit
 * was lowered below their load stays over it and receives nothing until back under.
 */
export function assertCaseloadCapacity(advisor: TAdvisorLoad, tenantMax: number): void {
  const limit = effectiveLimit(advisor.caseloadLimit, tenantMax);
  if (advisor.load + 1 > limit) {
    throw new AppError("CASELOAD_LIMIT_REACHED", {
      message: `${advisor.name} carries ${advisor.load} of ${limit}`,
      params: { advisor: advisor.name, load: advisor.load, limit },
    });
  }
}

/**
 * The cap over many clients at once (an import): how far `adding` more clients would take the
 * advisor past their limit, or null when they all fit.
 */
export function capacityShortfall(advisor: TAdvisorLoad, tenantMax: number, adding: number): { load: number; limit: number; adding: number } | null {
  const limit = effectiveLimit(advisor.caseloadLimit, tenantMax);
  return advisor.load + adding > limit ? { load: advisor.load, limit, adding } : null;
}

/** Only active key advisors carry clients. */
export function assertIsKeyAdvisor(advisor: Pick<TAdvisorLoad, "role" | "active">, field = "advisorId"): void {
  if (advisor.role !== "KEY_ADVISOR" || !advisor.active) {
    throw new AppError("VALIDATION_FAILED", { fieldErrors: { [field]: "notAKeyAdvisor" } });
  }
}

/**
 * Who may move a client to or from an advisor: a manager for anyone, a coordinator only among the
 * advisors of their own partner. (Taking a client from the queue onto oneself is separate.)
 */
export function mayManageAdvisor(ctx: TContext, advisor: Pick<TAdvisorLoad, "id" | "partnerId">, permission: "clients.assign" | "caseload.limits.set"): boolean {
  return inScope(ctx, permission, relationToStaff(ctx, advisor));
}
