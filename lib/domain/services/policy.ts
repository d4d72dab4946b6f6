import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TRole } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ClientStatus } from "@/lib/generated/prisma/client";

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

/**
 * New services are logged only for clients still supported: once a client's support has ended
 * (CLOSED) their record is a closed file. A record logged before keeps them (an edit may keep
 * every client it had); reopening the client's support opens logging again.
 */
export function clientTakesServices(client: { status: ClientStatus }): boolean {
  return client.status !== "CLOSED";
}

/** Refuses a client whose support has ended with CLIENT_SUPPORT_ENDED (params: client, their name). */
export function assertClientTakesServices(client: { name: string; status: ClientStatus }): void {
  if (!clientTakesServices(client)) throw new AppError("CLIENT_SUPPORT_ENDED", { params: { client: client.name } });
}
