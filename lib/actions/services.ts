"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TDeleteServiceInput, TServiceInput } from "@/lib/domain/services/schemas";
import * as services from "@/lib/domain/services/service";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

export async function logServiceAction(input: TServiceInput & { idempotencyKey: string }) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await services.logService(ctx, input);
    revalidatePath("/services");
    return result;
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
