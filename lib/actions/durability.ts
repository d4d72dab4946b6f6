"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TRecordCheckInput, TUpdateJobInput } from "@/lib/domain/durability/schemas";
import * as durability from "@/lib/domain/durability/service";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

function refresh(jobId: string) {
  revalidatePath(`/durability/${jobId}`);
  revalidatePath("/durability");
}

export async function updateJobAction(jobId: string, input: TUpdateJobInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await durability.updateJob(ctx, jobId, input);
    refresh(jobId);
  });
}

export async function recordCheckAction(jobId: string, checkId: string, input: TRecordCheckInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await durability.recordJobCheck(ctx, checkId, input);
    refresh(jobId);
  });
}

export async function correctCheckAction(jobId: string, checkId: string, input: TRecordCheckInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await durability.correctJobCheck(ctx, checkId, input);
    refresh(jobId);
  });
}
