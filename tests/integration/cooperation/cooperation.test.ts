import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { loadClientExchanges } from "@/lib/domain/cooperation/client-exchanges";
import { getExchangeForEdit, getNewExchangePage } from "@/lib/domain/cooperation/exchange-form";
import { logExchange, updateExchange } from "@/lib/domain/cooperation/exchanges";
import { createInstitution, getInstitutionsPage, setInstitutionRetired, updateInstitution } from "@/lib/domain/cooperation/institutions";
import { getCooperationLogPage } from "@/lib/domain/cooperation/log-page";
import type { TExchangeInput } from "@/lib/domain/cooperation/schemas";
import { getPathPage, getPathTimeline } from "@/lib/domain/paths/service";
import { auditRows, contextFor, countRows, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { insertPath } from "@/tests/factories/path-rows";
import { polishDaysAgo } from "@/tests/factories/services";

/**
 * Cooperation with institutions (issue 14, seed 000): the directory, exchanges about clients
 * (need-to-know), their place on the client's page and the path's timeline, and the log's scope.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let otherAdvisor: TUserRow;
let coordinator: TUserRow;
let managerCtx: TContext;
let advisorCtx: TContext;
let clientId: string;
let otherClientId: string;
let pathId: string;
let pupId: string;

/** An exchange as the form sends it, about `client` (or none), with the PUP, today. */
function exchange(overrides: Partial<TExchangeInput> = {}): TExchangeInput {
  return {
    date: polishDaysAgo(0),
    institutionId: pupId,
    contactPerson: "Jan Kowalski",
    direction: "RECEIVED",
    channel: "EMAIL",
    subject: "Klient zarejestrowany jako bezrobotny od marca",
    clientId,
    documentReference: "PUP-K.1234.2026",
    followUpOn: "",
    ...overrides,
  };
}

beforeEach(async () => {
  tenant = await createTenant();
  const [partnerA, partnerB] = [await createPartner(tenant, { name: "Fundacja A" }), await createPartner(tenant, { name: "Fundacja B" })];
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "Anna Doradczyni", partnerId: partnerA.id });
  otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "Piotr Doradca", partnerId: partnerB.id });
  coordinator = await createUser(tenant, { role: "COORDINATOR", name: "Ewa Koordynatorka", partnerId: partnerA.id });
  managerCtx = contextFor(manager);
  advisorCtx = contextFor(advisor);
  clientId = (await createClient(tenant, { name: "Spółdzielnia Socjalna Razem", keyAdvisorId: advisor.id })).id;
  otherClientId = (await createClient(tenant, { name: "Stowarzyszenie Inny Klient", keyAdvisorId: otherAdvisor.id })).id;
  pathId = (await insertPath(tenant, { clientId, keyAdvisorId: advisor.id, createdById: advisor.id, step: "IMPLEMENTATION" })).id;
  pupId = (await createInstitution(advisorCtx, { name: "PUP w Kielcach", kind: "PUP", town: "Kielce", email: "pup@kielce.example.pl", phone: "41 123 45 67" })).id;
});

describe("the institution directory", () => {
  it("adds an institution and refuses a second one of the same name, whatever its case", async () => {
    const listed = await getInstitutionsPage(managerCtx, {});
    expect(listed.items).toEqual([expect.objectContaining({ id: pupId, name: "PUP w Kielcach", kind: "PUP", town: "Kielce", phone: "41 123 45 67", exchangeCount: 0 })]);

    for (const name of ["PUP w Kielcach", "pup w kielcach  "]) {
      const error = await appErrorOf(createInstitution(managerCtx, { name, kind: "OPS" }));
      expect({ code: error.code, fieldErrors: error.fieldErrors }).toEqual({ code: "ALREADY_EXISTS", fieldErrors: { name: "institutionNameTaken" } });
    }
    const renamedOnto = await appErrorOf(updateInstitution(managerCtx, (await createInstitution(managerCtx, { name: "MOPS Kielce", kind: "OPS" })).id, { name: "PUP W KIELCACH", kind: "OPS" }));
    expect(renamedOnto.fieldErrors).toEqual({ name: "institutionNameTaken" });
    expect(await countRows("institution", tenant.id)).toBe(2);
  });

  it("validates the kind, e-mail and phone next to their fields", async () => {
    const error = await appErrorOf(createInstitution(managerCtx, { name: "ODR Modliszewice", kind: "", email: "odr@", phone: "12" }));
    expect(error.fieldErrors).toEqual({ kind: "chooseInstitutionKind", email: "invalidEmail", phone: "invalidPhone" });
  });

  it("searches by a fragment of the name and by kind, active ones unless asked, a page at a time", async () => {
    await createInstitution(managerCtx, { name: "MOPS w Kielcach", kind: "OPS" });
    await createInstitution(managerCtx, { name: "GOPS Daleszyce", kind: "OPS" });
    const odr = await createInstitution(managerCtx, { name: "ODR Modliszewice", kind: "ODR" });
    await setInstitutionRetired(managerCtx, odr.id, true);

    const names = async (input: Parameters<typeof getInstitutionsPage>[1]) => (await getInstitutionsPage(managerCtx, input)).items.map((i) => i.name);
    expect(await names({ q: "kielc" })).toEqual(["MOPS w Kielcach", "PUP w Kielcach"]);
    expect(await names({ kind: "OPS" })).toEqual(["GOPS Daleszyce", "MOPS w Kielcach"]);
    expect(await names({})).not.toContain("ODR Modliszewice");
    expect(await names({ status: "retired" })).toEqual(["ODR Modliszewice"]);
    const page = await getInstitutionsPage(managerCtx, { status: "all", pageSize: 2, page: 2 });
    expect({ total: page.total, pageCount: page.pageCount, names: page.items.map((i) => i.name) }).toEqual({ total: 4, pageCount: 2, names: ["ODR Modliszewice", "PUP w Kielcach"] });
  });

  it("is kept by managers, coordinators and key advisors only", async () => {
    for (const role of ["ANIMATOR", "SPECIALIST", "AUDITOR", "ADMIN"] as const) {
      const ctx = contextFor(await createUser(tenant, { role }));
      expect((await appErrorOf(createInstitution(ctx, { name: `Instytucja ${role}`, kind: "OTHER" }))).code, role).toBe("FORBIDDEN");
      expect((await appErrorOf(getInstitutionsPage(ctx, {}))).code, role).toBe("FORBIDDEN");
    }
  });

  it("audits creating, editing, retiring and bringing back", async () => {
    await updateInstitution(managerCtx, pupId, { name: "Powiatowy Urząd Pracy w Kielcach", kind: "PUP", town: "Kielce" });
    await setInstitutionRetired(managerCtx, pupId, true);
    await setInstitutionRetired(managerCtx, pupId, true); // already retired: nothing to record
    await setInstitutionRetired(managerCtx, pupId, false);
    const rows = (await auditRows(tenant.id)).filter((r) => r.entity_type === "Institution");
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ["institution.create", advisor.id],
      ["institution.update", manager.id],
      ["institution.retire", manager.id],
      ["institution.restore", manager.id],
    ]);
    expect(rows[0]?.after).toEqual({ name: "PUP w Kielcach", kind: "PUP", town: "Kielce", address: null, email: "pup@kielce.example.pl", phone: "41 123 45 67" });
    expect(rows[1]).toMatchObject({ before: { name: "PUP w Kielcach", email: "pup@kielce.example.pl" }, after: { name: "Powiatowy Urząd Pracy w Kielcach", email: null } });
    expect(rows[2]).toMatchObject({ before: { retired: false }, after: { retired: true } });
  });
});

describe("an exchange about a client", () => {
  it("shows on the client's page and on the timeline of the path open on its date, in date order", async () => {
    const logged = await logExchange(advisorCtx, exchange({ followUpOn: polishDaysAgo(-7) }));
    expect(logged).toEqual({ id: expect.any(String), clientId, pathId });

    const onClient = await tenantTransaction(tenant.id, (tx) => loadClientExchanges(tx, advisorCtx, clientId, { take: 5 }));
    expect(onClient).toEqual({
      total: 1,
      newExchangeHref: `/cooperation/new?clientId=${clientId}`,
      items: [
        expect.objectContaining({
          id: logged.id,
          institution: { id: pupId, name: "PUP w Kielcach", kind: "PUP", retired: false },
          direction: "RECEIVED",
          channel: "EMAIL",
          subject: "Klient zarejestrowany jako bezrobotny od marca",
          contactPerson: "Jan Kowalski",
          documentReference: "PUP-K.1234.2026",
          followUpOn: new Date(`${polishDaysAgo(-7)}T00:00:00Z`),
          authorName: "Anna Doradczyni",
          pathId,
          canEdit: true,
        }),
      ],
    });

    const timeline = await getPathTimeline(advisorCtx, pathId);
    const exchangeEvent = timeline.find((e) => e.kind === "exchange");
    expect(exchangeEvent).toMatchObject({ text: "Klient zarejestrowany jako bezrobotny od marca", actorName: "Anna Doradczyni", exchange: { institution: "PUP w Kielcach", direction: "RECEIVED" } });
    // After the path's opening (its first transition), in time order.
    expect(timeline.map((e) => e.kind)).toEqual(["transition", "exchange"]);
    const page = await getPathPage(advisorCtx, pathId, { tab: "timeline" });
    expect(page.tab).toMatchObject({ name: "timeline", addExchangeHref: `/cooperation/new?clientId=${clientId}`, events: expect.arrayContaining([expect.objectContaining({ kind: "exchange" })]) });
  });

  it("goes on the day it happened among the path's events, even when logged later", async () => {
    await ownerQuery(`UPDATE support_path SET opened_at = now() - interval '20 days' WHERE id = $1`, [pathId]);
    await ownerQuery(`UPDATE path_transition SET at = now() - interval '20 days' WHERE path_id = $1`, [pathId]);
    await ownerQuery(
      `INSERT INTO path_monitoring_entry (id, tenant_id, path_id, author_id, progress, created_at) VALUES ($1, $2, $3, $4, 'Postęp', now() - interval '5 days')`,
      [randomUUID(), tenant.id, pathId, advisor.id],
    );
    await logExchange(advisorCtx, exchange({ date: polishDaysAgo(10), subject: "Starsza wymiana" }));
    await logExchange(advisorCtx, exchange({ date: polishDaysAgo(2), subject: "Nowsza wymiana" }));
    const timeline = await getPathTimeline(advisorCtx, pathId);
    expect(timeline.map((e) => (e.kind === "exchange" ? e.text : e.kind))).toEqual(["transition", "Starsza wymiana", "monitoring", "Nowsza wymiana"]);
  });

  it("lands on the path open on its date: none before the path opened, none after it closed", async () => {
    await ownerQuery(`UPDATE support_path SET opened_at = now() - interval '3 days' WHERE id = $1`, [pathId]);
    const before = await logExchange(advisorCtx, exchange({ date: polishDaysAgo(30) }));
    expect(before.pathId).toBeNull();
    const during = await logExchange(advisorCtx, exchange({ date: polishDaysAgo(1) }));
    expect(during.pathId).toBe(pathId);
    // An exchange without a client is on no path.
    expect((await logExchange(advisorCtx, exchange({ clientId: "" }))).pathId).toBeNull();

    const closedClient = await createClient(tenant, { keyAdvisorId: advisor.id });
    const closed = await insertPath(tenant, { clientId: closedClient.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "CLOSED" });
    await ownerQuery(`UPDATE support_path SET opened_at = now() - interval '40 days', closed_at = now() - interval '10 days' WHERE id = $1`, [closed.id]);
    expect((await logExchange(advisorCtx, exchange({ clientId: closedClient.id, date: polishDaysAgo(20) }))).pathId).toBe(closed.id);
    expect((await logExchange(advisorCtx, exchange({ clientId: closedClient.id, date: polishDaysAgo(2) }))).pathId).toBeNull();
  });

  it("about a client outside the caller's scope is refused like a missing client, audited, and nothing is written", async () => {
    const error = await appErrorOf(logExchange(advisorCtx, exchange({ clientId: otherClientId })));
    const missing = await appErrorOf(logExchange(advisorCtx, exchange({ clientId: randomUUID() })));
    expect({ code: error.code, message: error.message }).toEqual({ code: "NOT_FOUND", message: missing.message });
    expect(await countRows("information_exchange", tenant.id)).toBe(0);
    const refusals = (await auditRows(tenant.id)).filter((r) => r.action === "auth.forbidden");
    expect(refusals).toEqual([expect.objectContaining({ actor_id: advisor.id, after: expect.objectContaining({ clientId: otherClientId, reason: "needToKnow" }) })]);
    // The new-exchange form opened for that client is not found either.
    expect((await appErrorOf(getNewExchangePage(advisorCtx, { clientId: otherClientId }))).code).toBe("NOT_FOUND");
    expect((await getNewExchangePage(advisorCtx, { clientId })).client).toEqual({ id: clientId, name: "Spółdzielnia Socjalna Razem" });
  });

  it("cannot be dated in the future or followed up before it happened", async () => {
    const future = await appErrorOf(logExchange(advisorCtx, exchange({ date: polishDaysAgo(-1) })));
    expect({ code: future.code, fieldErrors: future.fieldErrors }).toEqual({ code: "VALIDATION_FAILED", fieldErrors: { date: "dateInFuture" } });
    const followUp = await appErrorOf(logExchange(advisorCtx, exchange({ date: polishDaysAgo(3), followUpOn: polishDaysAgo(4) })));
    expect(followUp.fieldErrors).toEqual({ followUpOn: "followUpBeforeDate" });
    const empty = await appErrorOf(logExchange(advisorCtx, exchange({ institutionId: "", direction: "", channel: "", subject: " " })));
    expect(empty.fieldErrors).toEqual({ institutionId: "chooseInstitution", direction: "chooseDirection", channel: "chooseChannel", subject: "required" });
    expect(await countRows("information_exchange", tenant.id)).toBe(0);
  });

  it("names only an active institution when new, but keeps a retired one on old exchanges", async () => {
    const old = await logExchange(advisorCtx, exchange());
    await setInstitutionRetired(managerCtx, pupId, true);

    const refused = await appErrorOf(logExchange(advisorCtx, exchange()));
    expect({ code: refused.code, fieldErrors: refused.fieldErrors }).toEqual({ code: "VALIDATION_FAILED", fieldErrors: { institutionId: "institutionRetired" } });
    expect((await getNewExchangePage(advisorCtx, {})).institutions).toEqual([]);

    const onClient = await tenantTransaction(tenant.id, (tx) => loadClientExchanges(tx, advisorCtx, clientId, { take: 5 }));
    expect(onClient.items).toEqual([expect.objectContaining({ id: old.id, institution: expect.objectContaining({ id: pupId, retired: true }) })]);
    // Its edit form still offers it, and an edit may keep it.
    const edit = await getExchangeForEdit(advisorCtx, old.id);
    expect(edit.options.institutions).toEqual([expect.objectContaining({ id: pupId, retired: true })]);
    await updateExchange(advisorCtx, old.id, exchange({ subject: "Poprawiony temat" }));
    expect((await getInstitutionsPage(managerCtx, { status: "retired" })).items).toEqual([expect.objectContaining({ id: pupId, exchangeCount: 1 })]);
  });

  it("is edited by its author or a manager only, audited with before and after", async () => {
    const logged = await logExchange(advisorCtx, exchange());
    const stranger = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    const notAuthor = await appErrorOf(updateExchange(stranger, logged.id, exchange({ clientId: "" })));
    expect(notAuthor.code).toBe("NOT_FOUND");
    expect((await appErrorOf(getExchangeForEdit(contextFor(coordinator), logged.id))).code).toBe("NOT_FOUND");

    await updateExchange(managerCtx, logged.id, exchange({ direction: "SENT", channel: "LETTER", followUpOn: polishDaysAgo(-3) }));
    const rows = (await auditRows(tenant.id)).filter((r) => r.entity_type === "InformationExchange");
    expect(rows.map((r) => [r.action, r.actor_id, r.entity_id])).toEqual([
      ["exchange.create", advisor.id, logged.id],
      ["exchange.update", manager.id, logged.id],
    ]);
    expect(rows[0]?.after).toEqual({
      date: polishDaysAgo(0),
      institutionId: pupId,
      contactPerson: "Jan Kowalski",
      direction: "RECEIVED",
      channel: "EMAIL",
      subject: "Klient zarejestrowany jako bezrobotny od marca",
      clientId,
      pathId,
      documentReference: "PUP-K.1234.2026",
      followUpOn: null,
    });
    expect(rows[1]).toMatchObject({
      before: { direction: "RECEIVED", channel: "EMAIL", followUpOn: null, pathId },
      after: { direction: "SENT", channel: "LETTER", followUpOn: polishDaysAgo(-3), pathId },
    });
    expect((await getExchangeForEdit(managerCtx, logged.id)).values).toMatchObject({ direction: "SENT", channel: "LETTER", clientId });
  });

  it("is refused to roles without cooperation.write", async () => {
    const auditor = contextFor(await createUser(tenant, { role: "AUDITOR" }));
    expect((await appErrorOf(logExchange(auditor, exchange()))).code).toBe("FORBIDDEN");
    expect(await countRows("information_exchange", tenant.id)).toBe(0);
  });
});

describe("another tenant's records", () => {
  it("answer NOT_FOUND like missing ones, and nothing is written", async () => {
    const other = await createTenant();
    const otherAdvisorCtx = contextFor(await createUser(other, { role: "KEY_ADVISOR" }));
    const foreignInstitution = await createInstitution(otherAdvisorCtx, { name: "PUP w Radomiu", kind: "PUP" });
    const foreignClient = await createClient(other, { keyAdvisorId: otherAdvisorCtx.userId });
    const foreignExchange = await logExchange(otherAdvisorCtx, { ...exchange(), institutionId: foreignInstitution.id, clientId: foreignClient.id });

    for (const attempt of [
      () => logExchange(managerCtx, exchange({ institutionId: foreignInstitution.id })),
      () => logExchange(managerCtx, exchange({ clientId: foreignClient.id })),
      () => updateExchange(managerCtx, foreignExchange.id, exchange()),
      () => getExchangeForEdit(managerCtx, foreignExchange.id),
      () => updateInstitution(managerCtx, foreignInstitution.id, { name: "Przejęta", kind: "OTHER" }),
      () => setInstitutionRetired(managerCtx, foreignInstitution.id, true),
    ]) {
      expect((await appErrorOf(attempt())).code).toBe("NOT_FOUND");
    }
    expect(await countRows("information_exchange", tenant.id)).toBe(0);
    const [row] = await ownerQuery<{ name: string; retired_at: Date | null }>(`SELECT name, retired_at FROM institution WHERE id = $1`, [foreignInstitution.id]);
    expect(row).toEqual({ name: "PUP w Radomiu", retired_at: null });
  });
});

describe("the cooperation log", () => {
  let aboutOwn: string;
  let aboutOther: string;
  let byOther: string;

  beforeEach(async () => {
    aboutOwn = (await logExchange(advisorCtx, exchange({ date: polishDaysAgo(3), followUpOn: polishDaysAgo(1) }))).id;
    // Written by partner A's staff about partner B's client (whom the manager may read; the advisor is on their team for now).
    await ownerQuery(
      `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id) VALUES ($1, $2, $3, $4, 'ADVISOR', current_date - 1, $5)`,
      [randomUUID(), tenant.id, otherClientId, advisor.id, manager.id],
    );
    aboutOther = (await logExchange(advisorCtx, exchange({ date: polishDaysAgo(2), clientId: otherClientId, subject: "O kliencie partnera B" }))).id;
    await ownerQuery(`UPDATE client_team_member SET removed_at = now(), removed_by_id = $2 WHERE user_id = $1`, [advisor.id, manager.id]);
    const ops = await createInstitution(managerCtx, { name: "MOPS w Kielcach", kind: "OPS" });
    byOther = (await logExchange(contextFor(otherAdvisor), exchange({ date: polishDaysAgo(1), institutionId: ops.id, clientId: otherClientId, direction: "SENT" }))).id;
  });

  it("shows a manager the centre's exchanges, newest first, with every client named", async () => {
    const log = await getCooperationLogPage(managerCtx, {});
    expect(log.items.map((r) => r.id)).toEqual([byOther, aboutOther, aboutOwn]);
    expect(log.items.map((r) => r.client)).toEqual([
      { kind: "readable", id: otherClientId, name: "Stowarzyszenie Inny Klient" },
      { kind: "readable", id: otherClientId, name: "Stowarzyszenie Inny Klient" },
      { kind: "readable", id: clientId, name: "Spółdzielnia Socjalna Razem" },
    ]);
    expect(log.items.map((r) => r.canEdit)).toEqual([true, true, true]);
  });

  it("shows a coordinator the exchanges about their partner's clients or by their partner's staff, naming only clients they may read", async () => {
    const log = await getCooperationLogPage(contextFor(coordinator), {});
    expect(log.items.map((r) => r.id)).toEqual([aboutOther, aboutOwn]);
    expect(log.items.map((r) => r.client)).toEqual([{ kind: "outOfScope" }, { kind: "readable", id: clientId, name: "Spółdzielnia Socjalna Razem" }]);
    expect(log.total).toBe(2);
    expect(log.items.map((r) => r.canEdit)).toEqual([false, false]);
    // The other partner's coordinator sees the exchanges about their clients, whoever wrote them.
    const coordinatorB = contextFor(await createUser(tenant, { role: "COORDINATOR", partnerId: otherAdvisor.partnerId }));
    expect((await getCooperationLogPage(coordinatorB, {})).items.map((r) => r.id)).toEqual([byOther, aboutOther]);
  });

  it("is refused to roles without cooperation.list", async () => {
    expect((await appErrorOf(getCooperationLogPage(advisorCtx, {}))).code).toBe("FORBIDDEN");
  });

  it("filters by period, institution, kind, direction, client and due follow-ups", async () => {
    const ids = async (input: Parameters<typeof getCooperationLogPage>[1]) => (await getCooperationLogPage(managerCtx, input)).items.map((r) => r.id);
    expect(await ids({ from: polishDaysAgo(2), to: polishDaysAgo(2) })).toEqual([aboutOther]);
    expect(await ids({ institutionId: pupId })).toEqual([aboutOther, aboutOwn]);
    expect(await ids({ kind: "OPS" })).toEqual([byOther]);
    expect(await ids({ direction: "SENT" })).toEqual([byOther]);
    const byClient = await getCooperationLogPage(managerCtx, { clientId });
    expect({ ids: byClient.items.map((r) => r.id), client: byClient.client }).toEqual({ ids: [aboutOwn], client: { id: clientId, name: "Spółdzielnia Socjalna Razem" } });
    expect(await ids({ followUpDue: "1" })).toEqual([aboutOwn]);
    // A later exchange with the same institution about the same client answers the follow-up.
    await logExchange(advisorCtx, exchange({ date: polishDaysAgo(0), subject: "Odpowiedź PUP" }));
    expect(await ids({ followUpDue: true })).toEqual([]);
    // Filters that are not valid, or name nothing of the tenant, are dropped.
    expect((await getCooperationLogPage(managerCtx, { from: "wczoraj", institutionId: randomUUID(), kind: "NOPE" })).total).toBe(4);
  });
});
