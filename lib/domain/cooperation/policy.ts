import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TRole } from "@/lib/auth/permissions";

/** Only an exchange's author or a manager changes it (like a service record); nobody deletes one. */
export function mayChangeExchange(ctx: Pick<TContext, "role" | "userId">, exchange: { authorId: string }): boolean {
  return ctx.role === "MANAGER" || exchange.authorId === ctx.userId;
}

/**
 * Whose exchanges each holder of cooperation.list sees in the log: the whole centre, or — for a
 * partner's coordinator — those about clients of the partner's advisors, or written by the
 * partner's staff (and their own). A role not listed sees nothing (fails closed).
 */
export const LOG_SCOPES: Partial<Record<TRole, "centre" | "partner">> = { MANAGER: "centre", AUDITOR: "centre", COORDINATOR: "partner" };
