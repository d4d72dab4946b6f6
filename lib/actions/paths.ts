"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type {
  TAnnotationInput,
  TContractInput,
  TCorrectResultInput,
  TDecidePlanInput,
  TEvaluationInput,
  TIdentificationInput,
  TMonitoringInput,
  TMovePathInput,
  TNeedsInput,
  TOpenPathInput,
  TSavePlanInput,
  TSubmitPlanInput,
  TWithdrawResultInput,
} from "@/lib/domain/paths/schemas";
import * as paths from "@/lib/domain/paths/service";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

function refresh(pathId: string) {
  revalidatePath(`/paths/${pathId}`);
}

export async function openPathAction(clientId: string, input: TOpenPathInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => paths.openPath(ctx, clientId, input));
}

export async function movePathAction(pathId: string, input: TMovePathInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await paths.movePath(ctx, pathId, input);
    refresh(pathId);
    return result;
  });
}

export async function updateIdentificationAction(pathId: string, input: TIdentificationInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.updateIdentification(ctx, pathId, input);
    refresh(pathId);
  });
}

export async function saveNeedsAction(pathId: string, input: TNeedsInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.saveNeeds(ctx, pathId, input);
    refresh(pathId);
  });
}

export async function saveContractAction(pathId: string, input: TContractInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.saveContract(ctx, pathId, input);
    refresh(pathId);
  });
}

export async function savePlanAction(pathId: string, input: TSavePlanInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await paths.savePlan(ctx, pathId, input);
    refresh(pathId);
    return result;
  });
}

export async function submitPlanAction(pathId: string, input: TSubmitPlanInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.submitPlan(ctx, pathId, input);
    refresh(pathId);
  });
}

export async function decidePlanAction(pathId: string, versionId: string, input: TDecidePlanInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.decidePlan(ctx, pathId, versionId, input);
    refresh(pathId);
    revalidatePath("/plans");
  });
}

export async function addMonitoringAction(pathId: string, input: TMonitoringInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.addMonitoringEntry(ctx, pathId, input);
    refresh(pathId);
  });
}

export async function addEvaluationAction(pathId: string, input: TEvaluationInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.addEvaluation(ctx, pathId, input);
    refresh(pathId);
  });
}

export async function correctResultAction(pathId: string, resultId: string, input: TCorrectResultInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.correctPathResult(ctx, pathId, resultId, input);
    refresh(pathId);
  });
}

export async function withdrawResultAction(pathId: string, resultId: string, input: TWithdrawResultInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.withdrawPathResult(ctx, pathId, resultId, input);
    refresh(pathId);
  });
}

export async function addAnnotationAction(pathId: string, input: TAnnotationInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.addAnnotation(ctx, pathId, input);
    refresh(pathId);
  });
}

export async function reviseAnnotationAction(pathId: string, annotationId: string, input: { text: string }) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await paths.reviseAnnotation(ctx, pathId, annotationId, input);
    refresh(pathId);
  });
}
