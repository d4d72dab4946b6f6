"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TClientInput } from "@/lib/domain/clients/schemas";
import { createClient, updateClient } from "@/lib/domain/clients/service";

export async function createClientAction(input: TClientInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const client = await createClient(ctx, input);
    revalidatePath("/clients");
    revalidatePath("/caseload/queue");
    return { id: client.id };
  });
}

export async function updateClientAction(clientId: string, input: TClientInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const client = await updateClient(ctx, clientId, input);
    revalidatePath("/clients");
    revalidatePath(`/clients/${clientId}`);
    return { id: client.id };
  });
}
