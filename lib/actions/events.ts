"use server";

import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { cancelEvent, createEvent, updateEvent } from "@/lib/domain/events/events";
import type { TCancelEventInput, TEventInput } from "@/lib/domain/events/schemas";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

export async function createEventAction(input: TEventInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => createEvent(ctx, input));
}

export async function updateEventAction(eventId: string, input: TEventInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => updateEvent(ctx, eventId, input));
}

export async function cancelEventAction(eventId: string, input: TCancelEventInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => cancelEvent(ctx, eventId, input));
}
