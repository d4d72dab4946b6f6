"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { approveRetentionReviews, keepRetentionReview } from "@/lib/domain/privacy/retention";
import type { TApproveRetentionInput, TKeepRetentionInput } from "@/lib/domain/privacy/retention-schemas";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

export async function approveRetentionAction(input: TApproveRetentionInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await approveRetentionReviews(ctx, input);
    revalidatePath("/privacy/retention");
    return result;
  });
}

export async function keepRetentionAction(reviewId: string, input: TKeepRetentionInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await keepRetentionReview(ctx, reviewId, input);
    revalidatePath("/privacy/retention");
  });
}
