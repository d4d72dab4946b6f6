"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TAssignClientInput, THandoverInput, TReleaseClientInput, TSetAdvisorLimitInput } from "@/lib/domain/caseload/schemas";
import { assignClient, handoverClients, releaseClient, setAdvisorLimit, takeClientFromQueue } from "@/lib/domain/caseload/service";

/** Every screen that shows a client's advisor or an advisor's load. */
function revalidateCaseloadScreens(clientId?: string) {
  if (clientId) revalidatePath(`/clients/${clientId}`);
  revalidatePath("/clients");
  revalidatePath("/my-clients");
  revalidatePath("/caseload");
  revalidatePath("/caseload/queue");
}

export async function assignClientAction(input: TAssignClientInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await assignClient(ctx, input);
    revalidateCaseloadScreens(input.clientId);
    return result;
  });
}

export async function releaseClientAction(input: TReleaseClientInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await releaseClient(ctx, input);
    revalidateCaseloadScreens(input.clientId);
    return undefined;
  });
}

export async function takeClientAction(clientId: string) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await takeClientFromQueue(ctx, clientId);
    revalidateCaseloadScreens(clientId);
    return undefined;
  });
}

export async function setAdvisorLimitAction(advisorId: string, input: TSetAdvisorLimitInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await setAdvisorLimit(ctx, advisorId, input);
    revalidateCaseloadScreens();
    return result;
  });
}

export async function handoverClientsAction(input: THandoverInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const summary = await handoverClients(ctx, input);
    revalidateCaseloadScreens();
    return summary;
  });
}
