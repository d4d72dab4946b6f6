import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TRole } from "@/lib/auth/permissions";

/** Roles whose members deliver services (SPEC §3.3: key advisor, animator, specialist — and the staff above them). */
export const DELIVERING_ROLES = ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST"] as const satisfies readonly TRole[];

const DAY_MS = 86_400_000;

/** A record may be changed for `windowDays` days after it was logged. */
export function editWindowOpen(createdAt: Date, windowDays: number, now: Date = new Date()): boolean {
  return now.getTime() - createdAt.getTime() <= windowDays * DAY_MS;
}

/** Only the record's author or a manager edits or deletes it. */
export function mayChangeRecord(ctx: TContext, record: { authorId: string }): boolean {
  return ctx.role === "MANAGER" || record.authorId === ctx.userId;
}
