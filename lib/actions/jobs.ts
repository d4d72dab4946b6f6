"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireSessionUser } from "@/lib/auth/session";
import { retryFailedJob } from "@/lib/domain/jobs/service";
import { isAppError } from "@/lib/errors";

/** The dead-letter view's retry button is a plain form: back to the same page, saying what happened. */
function backToList(formData: FormData, done: "retried" | "gone"): never {
  const page = z.coerce.number().int().min(1).catch(1).parse(formData.get("page"));
  revalidatePath("/admin/jobs");
  redirect(`/admin/jobs?${new URLSearchParams({ page: String(page), done })}`);
}

export async function retryFailedJobAction(formData: FormData) {
  const ctx = await requireSessionUser();
  const id = z.string().catch("").parse(formData.get("jobId"));
  try {
    await retryFailedJob(ctx, id);
  } catch (error) {
    // Retried meanwhile (by another admin, or in another tab): no longer failed.
    if (isAppError(error) && error.code === "NOT_FOUND") backToList(formData, "gone");
    throw error;
  }
  backToList(formData, "retried");
}
