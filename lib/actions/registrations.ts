"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { cancelRegistration, registerPerson } from "@/lib/domain/events/registration";
import { findRegistrationCandidates } from "@/lib/domain/events/registration-candidates";
import type { TCancelRegistrationInput, TFindRegistrationCandidatesInput, TRegisterPersonInput } from "@/lib/domain/events/registration-schemas";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

export async function registerPersonAction(eventId: string, input: TRegisterPersonInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await registerPerson(ctx, eventId, input);
    revalidatePath(`/events/${eventId}`);
    return result;
  });
}

export async function cancelRegistrationAction(registrationId: string, input: TCancelRegistrationInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await cancelRegistration(ctx, registrationId, input);
    revalidatePath(`/events/${result.eventId}`);
    return result;
  });
}

export async function findRegistrationCandidatesAction(eventId: string, input: TFindRegistrationCandidatesInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => findRegistrationCandidates(ctx, eventId, input));
}
