"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TTenantPolicyInput } from "@/lib/domain/tenancy/schemas";
import { updateTenantPolicy } from "@/lib/domain/tenancy/service";

export async function updateTenantPolicyAction(input: TTenantPolicyInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const policy = await updateTenantPolicy(ctx, input);
    revalidatePath("/admin/policy");
    return { maxClientsPerAdvisor: policy.maxClientsPerAdvisor };
  });
}
