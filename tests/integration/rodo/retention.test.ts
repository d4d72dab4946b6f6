import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { todayInPoland } from "@/lib/dates";
import { runNightlyChecks } from "@/lib/domain/notifications/checks";
import { carryOutErasure } from "@/lib/domain/privacy/erasure";
import { createSubjectRequest } from "@/lib/domain/privacy/requests";
import {
  ANONYMISE_BATCH,
  approveRetentionReviews,
  getRetentionPage,
  handleAnonymiseJob,
  keepRetentionReview,
  listRetentionReviews,
} from "@/lib/domain/privacy/retention";
import { auditRows, contextFor, createClient, createTenant, createUser, ownerQuery, type TClientRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * Issue 17 §4–5: once the retention period has ended (31 December of the last payment's year + 5
 * years; today is after it), the nightly job lists every person not yet anonymised — once — for the
 * IOD, who approves their anonymisation (run by a background job) or keeps them with a reason. An
 * erasure request is refused with the legal reason while the period runs, and carried out as an
 * anonymisation once it has ended.
 */

/** A last payment whose retention ended on 31.12.2025 (before today), and one whose runs until 31.12.2029. */
const ENDED = "2020-06-30";
const RUNNING = "2024-03-10";

let tenant: TTenantRow;
let iod: TUserRow;
let iodCtx: TContext;
let manager: TUserRow;
let clients: TClientRow[];

const setLastPayment = (tenantId: string, day: string | null) => ownerQuery(`UPDATE tenant SET last_payment_on = $2::date WHERE id = $1`, [tenantId, day]);
const reviews = (tenantId: string) =>
  ownerQuery<{
    id: string;
    client_id: string;
    retention_ended_on: string;
    decision: string | null;
    reason: string | null;
    decided_by_id: string | null;
    anonymised_at: Date | null;
  }>(
    `SELECT id, client_id, retention_ended_on::text, decision::text, reason, decided_by_id, anonymised_at FROM retention_review WHERE tenant_id = $1 ORDER BY client_id`,
    [tenantId],
  );
const reviewOf = async (clientId: string) => (await reviews(tenant.id)).find((r) => r.client_id === clientId)?.id ?? "";
const clientName = async (clientId: string) => (await ownerQuery<{ name: string }>(`SELECT name FROM client WHERE id = $1`, [clientId]))[0]?.name;
const anonymiseJobs = () => ownerQuery<{ data: Record<string, unknown> }>(`SELECT data FROM pgboss.job WHERE name = 'privacy.anonymise' ORDER BY created_on`);
async function runQueuedAnonymisation(): Promise<void> {
  for (const job of await anonymiseJobs()) await handleAnonymiseJob(job.data);
}

beforeEach(async () => {
  tenant = await createTenant();
  iod = await createUser(tenant, { role: "IOD", name: "Iwona Inspektor" });
  iodCtx = contextFor(iod);
  manager = await createUser(tenant, { role: "MANAGER" });
  clients = [
    await createClient(tenant, { name: "Anna Pierwsza" }),
    await createClient(tenant, { name: "Bogdan Drugi" }),
    await createClient(tenant, { kind: "NGO", name: "Fundacja Trzecia" }),
  ];
});

describe("the nightly listing", () => {
  it("lists nobody while no last payment is recorded, nor while the period runs", async () => {
    await runNightlyChecks(tenant.id);
    await setLastPayment(tenant.id, RUNNING);
    await runNightlyChecks(tenant.id);
    expect(await listRetentionReviews(tenant.id)).toEqual({ listed: 0, notified: 0 });

    expect(await reviews(tenant.id)).toEqual([]);
    expect((await auditRows(tenant.id)).filter((r) => r.action === "retention.list")).toEqual([]);
  });

  it("once it has ended, lists every client not yet anonymised exactly once, audits the count and tells the active IODs", async () => {
    const inactiveIod = await createUser(tenant, { role: "IOD", active: false });
    await ownerQuery(`UPDATE client SET anonymised_at = now(), name = 'Osoba zanonimizowana 00000000' WHERE id = $1`, [clients[2]?.id]);
    const other = await createTenant();
    await createClient(other, { name: "Cudzy Klient" });
    await setLastPayment(tenant.id, ENDED);

    await runNightlyChecks(tenant.id);
    await runNightlyChecks(tenant.id);

    const listed = await reviews(tenant.id);
    expect(listed.map((r) => r.client_id).sort()).toEqual([clients[0]?.id, clients[1]?.id].sort());
    expect(listed.every((r) => r.retention_ended_on === "2025-12-31" && r.decision === null)).toBe(true);
    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "retention.list");
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: null, entity_type: "Tenant", entity_id: tenant.id, after: { retentionListed: 2, retentionEndedOn: "2025-12-31" } }),
    ]);
    const notices = await ownerQuery<{ user_id: string; href: string; params: unknown }>(
      `SELECT user_id, href, params FROM notification WHERE tenant_id = $1 AND kind = 'retention_review_due'`,
      [tenant.id],
    );
    expect(notices).toEqual([{ user_id: iod.id, href: "/privacy/retention", params: { count: 2, endedOn: "2025-12-31" } }]);
    expect(notices.some((n) => n.user_id === inactiveIod.id || n.user_id === manager.id)).toBe(false);
    expect(await reviews(other.id)).toEqual([]);

    // A client registered later is listed on a later night, alone.
    const late = await createClient(tenant, { name: "Celina Późna" });
    expect(await listRetentionReviews(tenant.id, new Date(Date.now() + 24 * 3600 * 1000))).toMatchObject({ listed: 1 });
    expect((await reviews(tenant.id)).map((r) => r.client_id)).toContain(late.id);
  });
});

describe("the IOD's decisions", () => {
  beforeEach(async () => {
    await setLastPayment(tenant.id, ENDED);
    await listRetentionReviews(tenant.id);
  });

  it("an approval is audited and queued; the background job anonymises; the page shows the progress and who decided", async () => {
    const before = await getRetentionPage(iodCtx);
    expect(before.period).toEqual({ lastPaymentOn: ENDED, retentionYears: 5, endsOn: "2025-12-31", ended: true });
    expect(before.pending.total).toBe(3);
    expect(before.progress).toEqual({ pending: 3, approved: 0, anonymised: 0, kept: 0 });

    const reviewId = await reviewOf(clients[0]?.id ?? "");
    expect(await approveRetentionReviews(iodCtx, { reviewIds: [reviewId] })).toEqual({ approved: 1 });
    expect((await auditRows(tenant.id)).filter((r) => r.action === "retention.approve")).toEqual([
      expect.objectContaining({ actor_id: iod.id, entity_type: "Client", entity_id: clients[0]?.id, after: { retentionEndedOn: "2025-12-31" } }),
    ]);
    // Approved but not yet run: nothing is anonymised in the request itself.
    expect(await clientName(clients[0]?.id ?? "")).toBe("Anna Pierwsza");
    const waiting = await getRetentionPage(iodCtx);
    expect(waiting.progress).toEqual({ pending: 2, approved: 1, anonymised: 0, kept: 0 });
    expect(waiting.decided.items).toEqual([expect.objectContaining({ id: reviewId, decision: "APPROVED", decidedBy: "Iwona Inspektor", anonymisedAt: null })]);
    expect((await anonymiseJobs()).map((j) => j.data)).toEqual([{ tenantId: tenant.id }]);

    await runQueuedAnonymisation();

    expect(await clientName(clients[0]?.id ?? "")).toMatch(/^Osoba zanonimizowana /);
    expect(await clientName(clients[1]?.id ?? "")).toBe("Bogdan Drugi");
    const done = await getRetentionPage(iodCtx);
    expect(done.progress).toEqual({ pending: 2, approved: 1, anonymised: 1, kept: 0 });
    expect(done.decided.items[0]?.anonymisedAt).toBeInstanceOf(Date);
    expect((await auditRows(tenant.id)).filter((r) => r.action === "client.anonymise").map((r) => [r.entity_id, r.actor_id])).toEqual([
      [clients[0]?.id, iod.id],
    ]);
  });

  it("approving everyone pending needs the count the confirmation named; the job works through them in batches", async () => {
    const more = [];
    for (let i = 0; i < ANONYMISE_BATCH; i++) more.push(await createClient(tenant, { name: `Osoba Kolejna ${i}` }));
    await listRetentionReviews(tenant.id, new Date(Date.now() + 24 * 3600 * 1000));
    const total = 3 + ANONYMISE_BATCH;
    const before = await tenantSnapshot(tenant.id);

    const stale = await appErrorOf(approveRetentionReviews(iodCtx, { all: true, expected: 3 }));
    expect(stale).toMatchObject({ code: "CONFLICT", fieldErrors: { _form: "pendingChanged" }, params: { count: total } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);

    expect(await approveRetentionReviews(iodCtx, { all: true, expected: total })).toEqual({ approved: total });
    await runQueuedAnonymisation();

    const names = await ownerQuery<{ name: string }>(`SELECT name FROM client WHERE tenant_id = $1`, [tenant.id]);
    expect(names.filter((n) => !n.name.startsWith("Osoba zanonimizowana") && !n.name.startsWith("Klient zanonimizowany"))).toEqual([]);
    expect((await getRetentionPage(iodCtx)).progress).toEqual({ pending: 0, approved: total, anonymised: total, kept: 0 });
  });

  it("keeping needs a reason and is audited; a decided review cannot be decided again", async () => {
    const reviewId = await reviewOf(clients[1]?.id ?? "");
    expect((await appErrorOf(keepRetentionReview(iodCtx, reviewId, { reason: "  " }))).fieldErrors).toEqual({ reason: "required" });

    await keepRetentionReview(iodCtx, reviewId, { reason: "Kontrola projektu w toku" });

    const [kept] = (await reviews(tenant.id)).filter((r) => r.id === reviewId);
    expect(kept).toMatchObject({ decision: "KEPT", reason: "Kontrola projektu w toku", decided_by_id: iod.id, anonymised_at: null });
    expect((await auditRows(tenant.id)).filter((r) => r.action === "retention.keep")).toEqual([
      expect.objectContaining({ entity_id: clients[1]?.id, after: { reason: "Kontrola projektu w toku", retentionEndedOn: "2025-12-31" } }),
    ]);
    expect(await appErrorOf(keepRetentionReview(iodCtx, reviewId, { reason: "Znowu" }))).toMatchObject({
      code: "INVALID_STATE",
      fieldErrors: { _form: "alreadyDecided" },
    });
    expect(await appErrorOf(approveRetentionReviews(iodCtx, { reviewIds: [reviewId] }))).toMatchObject({ code: "INVALID_STATE" });
    const page = await getRetentionPage(iodCtx);
    expect(page.progress).toEqual({ pending: 2, approved: 0, anonymised: 0, kept: 1 });
    expect(page.decided.items).toEqual([expect.objectContaining({ decision: "KEPT", reason: "Kontrola projektu w toku", decidedBy: "Iwona Inspektor" })]);
    expect(await anonymiseJobs()).toEqual([]);
  });

  it("are the IOD's alone, and another tenant's review answers like a missing one", async () => {
    const reviewId = await reviewOf(clients[0]?.id ?? "");
    for (const role of ["MANAGER", "ADMIN", "AUDITOR", "KEY_ADVISOR"] as const) {
      const ctx = contextFor(await createUser(tenant, { role }));
      expect((await appErrorOf(getRetentionPage(ctx))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(approveRetentionReviews(ctx, { reviewIds: [reviewId] }))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(keepRetentionReview(ctx, reviewId, { reason: "Powód" }))).code).toBe("FORBIDDEN");
    }
    const other = await createTenant();
    const otherIod = contextFor(await createUser(other, { role: "IOD" }));
    const before = await tenantSnapshot(tenant.id);
    for (const id of [reviewId, randomUUID()]) {
      expect((await appErrorOf(approveRetentionReviews(otherIod, { reviewIds: [id] }))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(keepRetentionReview(otherIod, id, { reason: "Powód" }))).code).toBe("NOT_FOUND");
    }
    expect((await appErrorOf(keepRetentionReview(otherIod, "not-a-uuid", { reason: "Powód" }))).code).toBe("NOT_FOUND");
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("the page costs at most 10 statements, the session check included", async () => {
    await approveRetentionReviews(iodCtx, { reviewIds: [await reviewOf(clients[0]?.id ?? "")] });
    await keepRetentionReview(iodCtx, await reviewOf(clients[1]?.id ?? ""), { reason: "Spór sądowy" });
    const statements = await pageStatements(iod, (ctx) => getRetentionPage(ctx, { page: 1, decidedPage: 1 }));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
  });
});

describe("erasure on request", () => {
  const erasureRequest = async (clientId: string, kind: "ERASURE" | "ACCESS" = "ERASURE") =>
    (await createSubjectRequest(iodCtx, { kind, requesterName: "Anna Pierwsza", clientId, receivedOn: todayInPoland() })).id;
  const requestRow = async (id: string) =>
    (
      await ownerQuery<{ status: string; outcome: string | null; closed_by_id: string | null }>(
        `SELECT status::text, outcome, closed_by_id FROM subject_request WHERE id = $1`,
        [id],
      )
    )[0];

  it("is refused with the legal reason while retention has not started, and while it runs", async () => {
    const clientId = clients[0]?.id ?? "";
    const first = await erasureRequest(clientId);
    const notStarted = await carryOutErasure(iodCtx, { requestId: first });
    expect(notStarted).toMatchObject({ status: "REFUSED", retentionEndsOn: null });
    if (notStarted.status !== "REFUSED") throw new Error("refused above");
    expect(notStarted.reason).toContain("art. 17 ust. 3 lit. b RODO");
    expect(notStarted.reason).toContain("art. 82 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2021/1060");
    expect(notStarted.reason).toContain("nie rozpoczął biegu");
    expect(await requestRow(first)).toEqual({ status: "REFUSED", outcome: notStarted.reason, closed_by_id: iod.id });

    await setLastPayment(tenant.id, RUNNING);
    const second = await erasureRequest(clientId);
    const running = await carryOutErasure(iodCtx, { requestId: second });
    expect(running).toMatchObject({ status: "REFUSED", retentionEndsOn: "2029-12-31" });
    if (running.status !== "REFUSED") throw new Error("refused above");
    expect(running.reason).toContain("Okres przechowywania kończy się 31.12.2029 r.");
    expect(running.reason).toContain("art. 17 ust. 3 lit. b RODO");

    expect(await clientName(clientId)).toBe("Anna Pierwsza");
    const audit = await auditRows(tenant.id);
    expect(audit.filter((r) => r.action === "subject_request.refuse").map((r) => r.entity_id)).toEqual([first, second]);
    expect(audit.filter((r) => r.action === "client.anonymise")).toEqual([]);
  });

  it("anonymises the person at once and completes the request once retention has ended", async () => {
    const clientId = clients[0]?.id ?? "";
    await setLastPayment(tenant.id, ENDED);
    const requestId = await erasureRequest(clientId);

    const result = await carryOutErasure(iodCtx, { requestId });

    expect(result).toMatchObject({ status: "COMPLETED" });
    expect(await clientName(clientId)).toMatch(/^Osoba zanonimizowana /);
    expect(await requestRow(requestId)).toMatchObject({ status: "COMPLETED", closed_by_id: iod.id });
    const audit = await auditRows(tenant.id);
    expect(audit.find((r) => r.action === "client.anonymise")).toMatchObject({ entity_id: clientId, actor_id: iod.id, after: { reason: "erasureRequest" } });
    expect(audit.find((r) => r.action === "subject_request.complete")).toMatchObject({ entity_id: requestId });
    // The request's register names the placeholder, not the person.
    expect(JSON.stringify(await ownerQuery(`SELECT * FROM subject_request WHERE tenant_id = $1`, [tenant.id]))).not.toContain("Anna Pierwsza");
    expect(JSON.stringify(audit)).not.toContain("Anna Pierwsza");
  });

  it("acts only on an open erasure request of the caller's tenant, and only for the IOD", async () => {
    const clientId = clients[0]?.id ?? "";
    const access = await erasureRequest(clientId, "ACCESS");
    expect(await appErrorOf(carryOutErasure(iodCtx, { requestId: access }))).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "notErasure" } });
    const refused = await erasureRequest(clientId);
    await carryOutErasure(iodCtx, { requestId: refused });
    expect(await appErrorOf(carryOutErasure(iodCtx, { requestId: refused }))).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "requestClosed" } });

    const open = await erasureRequest(clientId);
    expect((await appErrorOf(carryOutErasure(contextFor(manager), { requestId: open }))).code).toBe("FORBIDDEN");
    const other = await createTenant();
    const otherIod = contextFor(await createUser(other, { role: "IOD" }));
    for (const id of [open, randomUUID(), "not-a-uuid"]) expect((await appErrorOf(carryOutErasure(otherIod, { requestId: id }))).code).toBe("NOT_FOUND");
    expect(await requestRow(open)).toMatchObject({ status: "OPEN" });
  });
});
