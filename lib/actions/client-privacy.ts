"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TGiveConsentInput, TLegalBasisInput, TWithdrawConsentInput } from "@/lib/domain/privacy/consent-schemas";
import { giveConsent, withdrawConsent } from "@/lib/domain/privacy/consents";
import { setLegalBasis } from "@/lib/domain/privacy/legal-basis";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.
// A consent changes what the client's other pages show (consent-policy.ts): the client's pages are revalidated.

function revalidateClient(clientId: string) {
  revalidatePath(`/clients/${clientId}`, "layout");
}

export async function setLegalBasisAction(clientId: string, input: TLegalBasisInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await setLegalBasis(ctx, clientId, input);
    revalidateClient(clientId);
  });
}

export async function giveConsentAction(clientId: string, input: TGiveConsentInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await giveConsent(ctx, clientId, input);
    revalidateClient(clientId);
  });
}

export async function withdrawConsentAction(clientId: string, input: TWithdrawConsentInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await withdrawConsent(ctx, clientId, input);
    revalidateClient(clientId);
  });
}
