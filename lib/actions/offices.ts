"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TOfficeInput } from "@/lib/domain/tenancy/schemas";
import { createOffice, updateOffice } from "@/lib/domain/tenancy/service";

export async function createOfficeAction(input: TOfficeInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const office = await createOffice(ctx, input);
    revalidatePath("/admin/offices");
    return { id: office.id };
  });
}

export async function updateOfficeAction(officeId: string, input: TOfficeInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await updateOffice(ctx, officeId, input);
    revalidatePath("/admin/offices");
    revalidatePath(`/admin/offices/${officeId}`);
    return undefined;
  });
}
