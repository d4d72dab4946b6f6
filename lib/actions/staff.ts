"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TStaffInput, TStaffWithdrawInput } from "@/lib/domain/staff/schemas";
import { createStaffRecord, updateStaffRecord, withdrawStaffRecord } from "@/lib/domain/staff/service";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

export async function createStaffRecordAction(input: TStaffInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const created = await createStaffRecord(ctx, input);
    revalidatePath("/admin/staff");
    return created;
  });
}

export async function updateStaffRecordAction(staffId: string, input: TStaffInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const updated = await updateStaffRecord(ctx, staffId, input);
    revalidatePath("/admin/staff");
    return updated;
  });
}

export async function withdrawStaffRecordAction(staffId: string, input: TStaffWithdrawInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const result = await withdrawStaffRecord(ctx, staffId, input);
    revalidatePath("/admin/staff");
    return result;
  });
}
