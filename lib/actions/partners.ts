"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TOrganisationUnitInput } from "@/lib/domain/tenancy/schemas";
import { createPartner, updatePartner } from "@/lib/domain/tenancy/service";

export async function createPartnerAction(input: TOrganisationUnitInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const partner = await createPartner(ctx, input);
    revalidatePath("/admin/partners");
    return { id: partner.id };
  });
}

export async function updatePartnerAction(partnerId: string, input: TOrganisationUnitInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await updatePartner(ctx, partnerId, input);
    revalidatePath("/admin/partners");
    revalidatePath(`/admin/partners/${partnerId}`);
    return undefined;
  });
}
