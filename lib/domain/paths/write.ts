import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import type { TScopedPermission } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { loadPathHead, type TPathHead } from "./access";

/**
 * The frame of every write to a path: permission, the path's row lock, the caller's scope
 * (refusals audited), and — unless `allowClosed` — an open path. `work` runs in that transaction.
 */
export async function writePath<T>(
  ctx: TContext,
  pathId: string,
  work: (tx: TTx, path: TPathHead) => Promise<T>,
  options: { permission?: TScopedPermission; allowClosed?: boolean } = {},
): Promise<T> {
  const permission = options.permission ?? "paths.write";
  await assertCan(ctx, permission);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const path = await loadPathHead(tx, ctx, pathId, true, permission);
      if (!options.allowClosed && path.closedAt) throw new AppError("INVALID_STATE", { message: "Path is closed" });
      return work(tx, path);
    }),
  );
}
