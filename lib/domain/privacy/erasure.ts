import "server-only";
import { createTranslator } from "use-intl/core";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { isoDate, TIME_ZONE, todayInPoland } from "@/lib/dates";
import { tenantTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import pl from "@/lib/i18n/messages/pl.json";
import { assertId, parseInput } from "@/lib/validation";
import { anonymiseClients } from "./anonymise";
import { closeRequestIn, loadRequestForUpdate, requestClient } from "./requests";
import { retentionEndsOn } from "./retention-policy";
import { ZErasureInput, type TErasureInput } from "./retention-schemas";

/**
 * Erasure on a data subject's request (GDPR art. 17). While the retention period of the project's
 * documents runs — or has not started, no last payment being recorded — the centre must keep them
 * (art. 17(3)(b): a legal obligation, Regulation (EU) 2021/1060 art. 82), so the request is refused
 * with that reason and the day retention ends. Once it has ended, the person is anonymised at once
 * (anonymise.ts) and the request completed.
 *
 * The reason and the outcome are written into the request in Polish, the language of the reply the
 * person receives (privacy.erasure.* of the Polish messages).
 */

export type TErasureResult =
  /** Refused: `reason` is the legal reason stored as the request's outcome; `retentionEndsOn` null when retention has not started. */
  | { status: "REFUSED"; reason: string; retentionEndsOn: string | null }
  /** Done: the person is anonymised; `outcome` is what the request records. */
  | { status: "COMPLETED"; outcome: string };

const t = createTranslator({ locale: "pl", messages: pl, namespace: "privacy.erasure", timeZone: TIME_ZONE });

/** A YYYY-MM-DD day as a Polish letter writes it: 31.12.2031. */
const polishDay = (day: string) => day.split("-").reverse().join(".");

/** The legal reason of a refusal while retention runs (endsOn: its last day) or before it started (null). Pure. */
export function erasureRefusalReason(endsOn: string | null, retentionYears: number): string {
  return endsOn ? t("refusalRunning", { endsOn: polishDay(endsOn), years: retentionYears }) : t("refusalNotStarted", { years: retentionYears });
}

/**
 * Carries out the erasure request `requestId` (privacy.requests): an open ERASURE request about a
 * person of the tenant (a foreign or missing id is NOT_FOUND; another kind, a closed request or one
 * without a person is INVALID_STATE). Refuses it, or anonymises the person and completes it; either
 * way the request is closed and audited (subject_request.refuse / .complete, and client.anonymise).
 */
export async function carryOutErasure(ctx: TContext, rawInput: TErasureInput): Promise<TErasureResult> {
  await assertCan(ctx, "privacy.requests");
  const { requestId } = parseInput(ZErasureInput, rawInput);
  assertId(requestId, "SubjectRequest");
  const today = todayInPoland();
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const request = await loadRequestForUpdate(tx, ctx, requestId);
    if (request.kind !== "ERASURE") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "notErasure" } });
    if (request.status !== "OPEN") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "requestClosed" } });
    const client = requestClient(request);

    const tenant = await tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { lastPaymentOn: true, retentionYears: true } });
    if (!tenant) throw notFound("Tenant");
    const ends = retentionEndsOn(tenant);
    const endsOn = ends ? isoDate(ends) : null;
    if (endsOn === null || endsOn >= today) {
      const reason = erasureRefusalReason(endsOn, tenant.retentionYears);
      await closeRequestIn(tx, ctx, request, "REFUSED", reason);
      return { status: "REFUSED", reason, retentionEndsOn: endsOn };
    }

    // Anonymised before the request is closed: the closing audit row is written after the free-text
    // pass and holds no name (the outcome names none).
    await anonymiseClients(tx, ctx, [client.id], "erasureRequest");
    const outcome = t("completed", { date: polishDay(today) });
    await closeRequestIn(tx, ctx, request, "COMPLETED", outcome);
    return { status: "COMPLETED", outcome };
  });
}
