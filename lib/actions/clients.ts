"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TAddTeamMemberInput, TClientInput } from "@/lib/domain/clients/schemas";
import { addTeamMember, createClient, removeTeamMember, updateClient } from "@/lib/domain/clients/service";

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

export async function addTeamMemberAction(clientId: string, input: TAddTeamMemberInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const member = await addTeamMember(ctx, clientId, input);
    revalidatePath(`/clients/${clientId}`);
    return member;
  });
}

export async function removeTeamMemberAction(clientId: string, memberId: string) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await removeTeamMember(ctx, clientId, memberId);
    revalidatePath(`/clients/${clientId}`);
  });
}
