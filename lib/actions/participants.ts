"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TParticipantDataInput } from "@/lib/domain/participants/schemas";
import { saveParticipantData } from "@/lib/domain/participants/service";

// Thin adapter: authenticate, call one service, map the result. The service parses its input.

/** Saves a person's EFS+ data; the answer is the new view (what is still missing). */
export async function saveParticipantDataAction(clientId: string, input: TParticipantDataInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const saved = await saveParticipantData(ctx, clientId, input);
    revalidatePath(`/clients/${clientId}/participant`);
    return saved;
  });
}
