"use server";

import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TDeleteServiceInput, TOwnServicesInput, TServiceInput } from "@/lib/domain/services/schemas";
import * as services from "@/lib/domain/services/service";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

/**
 * Logs a service. With `period` (the day view the form sits in), the answer carries that period's
 * list, fresh, for the page to swap in: no re-render of the page and its form options.
 */
export async function logServiceAction(input: TServiceInput & { idempotencyKey: string }, period?: TOwnServicesInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await services.logService(ctx, input);
    return { ...result, own: period ? await services.listOwnServices(ctx, period) : null };
  });
}

export async function updateServiceAction(serviceId: string, input: TServiceInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => services.updateService(ctx, serviceId, input));
}

export async function deleteServiceAction(serviceId: string, input: TDeleteServiceInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => services.deleteService(ctx, serviceId, input));
}

export async function findClientsForServiceAction(query: string) {
  const ctx = await requireSessionUser();
  return toActionResult(() => services.findClientsForService(ctx, query));
}
