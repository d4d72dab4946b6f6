import "server-only";

import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import type { TClientDetails } from "./repository";

/** Whether the caller's role may see special-category data (disability). */
export const mayReadSensitive = (ctx: TContext) => can(ctx.role, "clients.read_sensitive");

/** The caller's view of a client: without the special-category field unless their role may read it. */
export function forViewer(ctx: TContext, client: TClientDetails): TClientDetails {
  if (mayReadSensitive(ctx) || client.sensitiveHidden) return client;
  const { hasDisability: _hidden, ...rest } = client;
  return { ...rest, sensitiveHidden: true };
}
