import { z } from "zod";
import { ZPageInput } from "@/lib/pagination";

/** Filters of the audit trail; they arrive from the query string, so every one is optional. */
export const ZFindAuditInput = ZPageInput.extend({
  entityType: z.string().trim().min(1).max(50).optional(),
  actorId: z.uuid().optional(),
  /** Not always a UUID: a refused permission is recorded with the permission's name as its id. */
  entityId: z.string().trim().min(1).max(100).optional(),
  /** Entries from the start of this Polish day on (YYYY-MM-DD); a malformed day is no filter. */
  since: z.iso.date().optional().catch(undefined),
});
export type TFindAuditInput = z.input<typeof ZFindAuditInput>;
export type TAuditFilters = Pick<z.output<typeof ZFindAuditInput>, "entityType" | "actorId" | "entityId" | "since">;
