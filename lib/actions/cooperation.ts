"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { findClientsForExchange } from "@/lib/domain/cooperation/exchange-form";
import { logExchange, updateExchange } from "@/lib/domain/cooperation/exchanges";
import { createInstitution, setInstitutionRetired, updateInstitution } from "@/lib/domain/cooperation/institutions";
import type { TExchangeInput, TInstitutionInput } from "@/lib/domain/cooperation/schemas";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

export async function createInstitutionAction(input: TInstitutionInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const created = await createInstitution(ctx, input);
    revalidatePath("/cooperation/institutions");
    return created;
  });
}

export async function updateInstitutionAction(institutionId: string, input: TInstitutionInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const updated = await updateInstitution(ctx, institutionId, input);
    revalidatePath("/cooperation/institutions");
    return updated;
  });
}

export async function setInstitutionRetiredAction(institutionId: string, retired: boolean) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await setInstitutionRetired(ctx, institutionId, retired);
    revalidatePath("/cooperation/institutions");
    return result;
  });
}

/** Logs an exchange; the answer says where it shows (the client and the path), for the form's links. */
export async function logExchangeAction(input: TExchangeInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => logExchange(ctx, input));
}

export async function updateExchangeAction(exchangeId: string, input: TExchangeInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => updateExchange(ctx, exchangeId, input));
}

export async function findClientsForExchangeAction(query: string) {
  const ctx = await requireSessionUser();
  return toActionResult(() => findClientsForExchange(ctx, query));
}
