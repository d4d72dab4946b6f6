"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { createIndicator, setIndicatorActive, updateIndicator } from "@/lib/domain/indicators/catalogue";
import { findClientsForEvidence } from "@/lib/domain/indicators/evidence-pages";
import { correctEvidence, registerEvidence, withdrawEvidence } from "@/lib/domain/indicators/manual-evidence";
import type {
  TEvidenceInput,
  TIndicatorInput,
  TIndicatorUpdateInput,
  TProjectSettingsInput,
  TTargetsInput,
  TWithdrawInput,
} from "@/lib/domain/indicators/schemas";
import { updateProjectSettings } from "@/lib/domain/indicators/settings";
import { saveTargets } from "@/lib/domain/indicators/targets";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

export async function createIndicatorAction(input: TIndicatorInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const created = await createIndicator(ctx, input);
    revalidatePath("/admin/indicators");
    return created;
  });
}

export async function updateIndicatorAction(indicatorId: string, input: TIndicatorUpdateInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const updated = await updateIndicator(ctx, indicatorId, input);
    revalidatePath("/admin/indicators");
    return updated;
  });
}

export async function setIndicatorActiveAction(indicatorId: string, active: boolean) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await setIndicatorActive(ctx, indicatorId, active);
    revalidatePath("/admin/indicators");
    return result;
  });
}

export async function saveTargetsAction(input: TTargetsInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await saveTargets(ctx, input);
    revalidatePath("/admin/indicators");
    return result;
  });
}

export async function updateProjectSettingsAction(input: TProjectSettingsInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await updateProjectSettings(ctx, input);
    revalidatePath("/admin/indicators");
    return result;
  });
}

export async function registerEvidenceAction(input: TEvidenceInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => registerEvidence(ctx, input));
}

export async function correctEvidenceAction(evidenceId: string, input: TEvidenceInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await correctEvidence(ctx, evidenceId, input);
    revalidatePath(`/indicators/evidence/${evidenceId}`);
    return result;
  });
}

export async function withdrawEvidenceAction(evidenceId: string, input: TWithdrawInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await withdrawEvidence(ctx, evidenceId, input);
    revalidatePath(`/indicators/evidence/${evidenceId}`);
    return result;
  });
}

export async function findClientsForEvidenceAction(query: string) {
  const ctx = await requireSessionUser();
  return toActionResult(() => findClientsForEvidence(ctx, query));
}
