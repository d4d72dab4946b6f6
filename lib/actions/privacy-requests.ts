"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { carryOutErasure } from "@/lib/domain/privacy/erasure";
import { findPersons } from "@/lib/domain/privacy/person-lookup";
import type { TCloseSubjectRequestInput, TCreateSubjectRequestInput, TExtendSubjectRequestInput } from "@/lib/domain/privacy/request-schemas";
import { completeSubjectRequest, createSubjectRequest, extendSubjectRequest, refuseSubjectRequest } from "@/lib/domain/privacy/requests";
import { setRestriction } from "@/lib/domain/privacy/restriction";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

function refresh(requestId?: string) {
  revalidatePath("/privacy/requests");
  if (requestId) revalidatePath(`/privacy/requests/${requestId}`);
}

/** The request form's person lookup: minimal data of the tenant's clients by name or PESEL/NIP. */
export async function findPersonsAction(query: string) {
  const ctx = await requireSessionUser();
  return toActionResult(() => findPersons(ctx, query));
}

export async function createSubjectRequestAction(input: TCreateSubjectRequestInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const created = await createSubjectRequest(ctx, input);
    refresh();
    return created;
  });
}

export async function extendSubjectRequestAction(requestId: string, input: TExtendSubjectRequestInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await extendSubjectRequest(ctx, requestId, input);
    refresh(requestId);
  });
}

export async function completeSubjectRequestAction(requestId: string, input: TCloseSubjectRequestInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await completeSubjectRequest(ctx, requestId, input);
    refresh(requestId);
  });
}

export async function refuseSubjectRequestAction(requestId: string, input: TCloseSubjectRequestInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await refuseSubjectRequest(ctx, requestId, input);
    refresh(requestId);
  });
}

/** Restricts (`restricted: true`) or lifts the processing of a restriction request's person. */
export async function setRestrictionAction(requestId: string, restricted: boolean) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await setRestriction(ctx, requestId, { restricted });
    refresh(requestId);
  });
}

/** Carries out an erasure request: refused with the legal reason while retention runs, otherwise anonymises. */
export async function carryOutErasureAction(requestId: string) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await carryOutErasure(ctx, { requestId });
    refresh(requestId);
  });
}
