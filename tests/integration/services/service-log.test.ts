import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import {
  deleteService,
  getPathImplementation,
  getServiceForEdit,
  getServiceFormOptions,
  getTimesheet,
  listClientServices,
  listOwnServices,
  listTimesheetUsers,
  logService,
  updateService,
} from "@/lib/domain/services/service";
import { addTeamMember, getClientTeam, removeTeamMember } from "@/lib/domain/clients/service";
import { updateTenantPolicy } from "@/lib/domain/tenancy/service";
import {
  auditRows,
  contextFor,
  countRows,
  createClient,
  createPartner,
  createTenant,
  createUser,
  ownerQuery,
  type TClientRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { backdateCreation, polishDaysAgo, serviceInput, serviceRow } from "@/tests/factories/services";
import { openPathAt, planAction } from "@/tests/factories/paths";

/**
 * Issue 6: the consultation log — one record per meeting with a participation per client, the
 * rules of who may log and change what, idempotent submits, and what the views and timesheets sum.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let coordinator: TUserRow;
let advisor: TUserRow;
let otherAdvisor: TUserRow;
let animator: TUserRow;
let clients: TClientRow[];
let advisorCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  const otherPartner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: "Anna Doradczyni" });
  otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: otherPartner.id, name: "Olga Inna" });
  animator = await createUser(tenant, { role: "ANIMATOR", partnerId: partner.id, name: "Adam Animator" });
  clients = [];
  for (let i = 0; i < 5; i++) clients.push(await createClient(tenant, { keyAdvisorId: advisor.id, name: `Klient ${i + 1}` }));
  advisorCtx = contextFor(advisor);
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("logging a service", () => {
  it("records a group session with 5 clients as 1 record with 5 participations, delivered by two users", async () => {
    const input = serviceInput(ids(clients), { form: "GROUP", supportType: "TRAINING", durationMinutes: 120, providerIds: [advisor.id, animator.id] });
    const result = await logService(advisorCtx, input);

    expect(result).toMatchObject({ created: true });
    expect(await countRows("service_record", tenant.id)).toBe(1);
    expect(await countRows("service_participation", tenant.id)).toBe(5);
    const row = await serviceRow(result.id);
    expect(row).toMatchObject({ duration_minutes: 120, support_type: "TRAINING", deleted_at: null });
    expect(row?.client_ids).toEqual(ids(clients).sort());
    expect(row?.provider_ids).toEqual([advisor.id, animator.id].sort());
    const audit = await auditRows(tenant.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "service.create", entity_id: result.id, actor_id: advisor.id });
    expect(audit[0]?.after).toMatchObject({ durationMinutes: 120, clientIds: input.clientIds });

    // Each client's history holds the one session; both providers see it in their day.
    for (const client of clients) {
      const history = await listClientServices(advisorCtx, client.id, {});
      expect(history).toMatchObject({ total: 1, minutes: 120, items: [{ id: result.id }] });
    }
    const animatorDay = await listOwnServices(contextFor(animator), {});
    expect(animatorDay).toMatchObject({ count: 1, minutes: 120 });
    expect(animatorDay.days[0]?.records[0]?.clients.map((c) => c.name)).toEqual(["Klient 1", "Klient 2", "Klient 3", "Klient 4", "Klient 5"]);
  });

  it("defaults the delivering user to the one logging, and needs only date, duration, type and client", async () => {
    const { id } = await logService(advisorCtx, {
      idempotencyKey: randomUUID(),
      date: polishDaysAgo(1),
      durationMinutes: 45,
      supportType: "INFORMATION",
      clientIds: [clients[0]?.id ?? ""],
    });
    expect(await serviceRow(id)).toMatchObject({ provider_ids: [advisor.id], client_ids: [clients[0]?.id] });
    const [record] = await ownerQuery<{ form: string; channel: string; start_time: string | null }>(`SELECT form, channel, start_time FROM service_record WHERE id = $1`, [id]);
    expect(record).toEqual({ form: "INDIVIDUAL", channel: "IN_PERSON", start_time: null });
  });

  it("refuses bad input with a message per field and writes nothing", async () => {
    const inactive = await createUser(tenant, { role: "SPECIALIST", active: false });
    const before = await tenantSnapshot(tenant.id);
    const cases: [Partial<Parameters<typeof serviceInput>[1]>, Record<string, string>][] = [
      [{ durationMinutes: 4 }, { durationMinutes: "durationRange" }],
      [{ durationMinutes: 601 }, { durationMinutes: "durationRange" }],
      [{ date: polishDaysAgo(-1) }, { date: "dateInFuture" }],
      [{ startTime: "25:00" }, { startTime: "invalidTime" }],
      [{ supportType: "SPECIALIST_ADVISORY" }, { specialistArea: "specialistAreaRequired" }],
      [{ form: "E_SUPPORT", channel: "IN_PERSON" }, { channel: "eSupportNotInPerson" }],
      [{ clientIds: [] }, { clientIds: "chooseClient" }],
    ];
    for (const [overrides, fieldErrors] of cases) {
      const error = await appErrorOf(logService(advisorCtx, { ...serviceInput([clients[0]?.id ?? ""]), ...overrides }));
      expect({ code: error.code, fieldErrors: error.fieldErrors }, JSON.stringify(overrides)).toEqual({ code: "VALIDATION_FAILED", fieldErrors });
    }
    const individualForTwo = await appErrorOf(logService(advisorCtx, serviceInput(ids(clients.slice(0, 2)), { form: "INDIVIDUAL" })));
    expect(individualForTwo.fieldErrors).toEqual({ clientIds: "individualOneClient" });
    const inactiveProvider = await appErrorOf(logService(advisorCtx, serviceInput([clients[0]?.id ?? ""], { providerIds: [inactive.id] })));
    expect(inactiveProvider.fieldErrors).toEqual({ providerIds: "notAProvider" });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("accepts 5 and 600 minutes and today's date", async () => {
    await expect(logService(advisorCtx, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 5 }))).resolves.toMatchObject({ created: true });
    await expect(logService(advisorCtx, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 600, date: polishDaysAgo(0) }))).resolves.toMatchObject({
      created: true,
    });
  });
});

describe("who may log", () => {
  it("refuses an auditor, and audits the refusal", async () => {
    const auditor = await createUser(tenant, { role: "AUDITOR" });
    const error = await appErrorOf(logService(contextFor(auditor), serviceInput([clients[0]?.id ?? ""])));
    expect(error.code).toBe("FORBIDDEN");
    expect(await countRows("service_record", tenant.id)).toBe(0);
    expect(await auditRows(tenant.id)).toEqual([expect.objectContaining({ action: "auth.forbidden", entity_id: "services.log", actor_id: auditor.id })]);
  });

  it("refuses a key advisor logging for a client outside their team, even naming its advisor as the deliverer: the client does not exist for them", async () => {
    const foreignClient = await createClient(tenant, { keyAdvisorId: otherAdvisor.id });
    const error = await appErrorOf(logService(advisorCtx, serviceInput([foreignClient.id], { providerIds: [otherAdvisor.id] })));
    const missing = await appErrorOf(logService(advisorCtx, serviceInput([randomUUID()], { providerIds: [otherAdvisor.id] })));
    expect({ code: error.code, message: error.message }).toEqual({ code: missing.code, message: missing.message });
    expect(error.code).toBe("NOT_FOUND");
    expect(await countRows("service_record", tenant.id)).toBe(0);
    const [refusal] = await auditRows(tenant.id);
    expect(refusal).toMatchObject({ action: "auth.forbidden", actor_id: advisor.id, after: expect.objectContaining({ clientId: foreignClient.id, reason: "needToKnow" }) });

    // A group mixing served and unserved clients is refused whole.
    const mixed = await appErrorOf(logService(advisorCtx, serviceInput([clients[0]?.id ?? "", foreignClient.id], { providerIds: [otherAdvisor.id] })));
    expect(mixed.code).toBe("NOT_FOUND");
    expect(await countRows("service_participation", tenant.id)).toBe(0);
  });

  it("lets an animator log only for the clients of their team, and a key advisor log a specialist's service for their own client", async () => {
    const foreignClient = await createClient(tenant, { keyAdvisorId: otherAdvisor.id });
    const specialist = await createUser(tenant, { role: "SPECIALIST" });
    const group = serviceInput([foreignClient.id, clients[0]?.id ?? ""], { supportType: "ANIMATION" });
    // Delivering the session does not make them the clients' team (the rule used to be circular).
    expect((await appErrorOf(logService(contextFor(animator), group))).code).toBe("NOT_FOUND");
    for (const client of [foreignClient, clients[0]]) {
      await addTeamMember(contextFor(manager), client?.id ?? "", { userId: animator.id, role: "ANIMATOR", startsOn: polishDaysAgo(0) });
    }
    await expect(logService(contextFor(animator), group)).resolves.toMatchObject({ created: true });
    await expect(
      logService(advisorCtx, serviceInput([clients[1]?.id ?? ""], { supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL", providerIds: [specialist.id] })),
    ).resolves.toMatchObject({ created: true });
    // The specialist sees the advisory they delivered in their own day, though someone else logged it.
    expect(await listOwnServices(contextFor(specialist), {})).toMatchObject({ count: 1 });
  });

  it("keeps a group session's participants editable by its author after they leave a client's team, but adds no one outside it", async () => {
    const manage = contextFor(manager);
    const animatorCtx = contextFor(animator);
    const members = [];
    for (const client of clients.slice(0, 2)) {
      members.push(await addTeamMember(manage, client.id, { userId: animator.id, role: "ANIMATOR", startsOn: polishDaysAgo(0) }));
    }
    const { id } = await logService(animatorCtx, serviceInput(ids(clients.slice(0, 2)), { supportType: "ANIMATION" }));
    await removeTeamMember(manage, clients[1]?.id ?? "", members[1]?.id ?? "");

    await expect(updateService(animatorCtx, id, serviceInput(ids(clients.slice(0, 2)), { supportType: "ANIMATION", durationMinutes: 120 }))).resolves.toEqual({ id });
    const added = await appErrorOf(updateService(animatorCtx, id, serviceInput(ids(clients.slice(0, 3)), { supportType: "ANIMATION" })));
    expect(added.code).toBe("NOT_FOUND");
    expect(await serviceRow(id)).toMatchObject({ duration_minutes: 120, client_ids: ids(clients.slice(0, 2)).sort() });
  });

  it("lets a coordinator log for their own partner's advisors' clients only, and a manager for anyone", async () => {
    const foreignClient = await createClient(tenant, { keyAdvisorId: otherAdvisor.id });
    const coordinatorCtx = contextFor(coordinator);
    await expect(logService(coordinatorCtx, serviceInput([clients[0]?.id ?? ""], { providerIds: [advisor.id] }))).resolves.toMatchObject({ created: true });
    expect((await appErrorOf(logService(coordinatorCtx, serviceInput([foreignClient.id], { providerIds: [otherAdvisor.id] })))).code).toBe("NOT_FOUND");
    await expect(logService(contextFor(manager), serviceInput([foreignClient.id], { providerIds: [otherAdvisor.id] }))).resolves.toMatchObject({ created: true });
  });
});

describe("idempotency", () => {
  it("turns 10 parallel submits with one key into 1 record, and all of them answer with it", async () => {
    const input = serviceInput(ids(clients.slice(0, 3)), { form: "GROUP" });
    const results = await Promise.all(Array.from({ length: 10 }, () => logService(advisorCtx, input)));

    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await countRows("service_record", tenant.id)).toBe(1);
    expect(await countRows("service_participation", tenant.id)).toBe(3);
    expect((await auditRows(tenant.id)).filter((r) => r.action === "service.create")).toHaveLength(1);

    // A new form (a new key) for another meeting is a new record.
    await logService(advisorCtx, { ...input, idempotencyKey: randomUUID(), startTime: "14:00" });
    expect(await countRows("service_record", tenant.id)).toBe(2);
  });

  it("does not hand one user's record to another who sends the same key", async () => {
    const input = serviceInput([clients[0]?.id ?? ""]);
    await logService(advisorCtx, input);
    const error = await appErrorOf(logService(contextFor(manager), input));
    expect(error.code).toBe("CONFLICT");
    expect(await countRows("service_record", tenant.id)).toBe(1);
  });
});

describe("possible duplicates (the same meeting entered again with a new form)", () => {
  it("refuses a new key with the same facts as the author's live record, writing nothing; a confirmed one is saved and audited as an override", async () => {
    const first = await logService(advisorCtx, serviceInput([clients[0]?.id ?? ""]));
    const before = await tenantSnapshot(tenant.id);

    // The back button and the form filled in again: a new idempotency key, the same meeting.
    const again = serviceInput([clients[0]?.id ?? ""]);
    const warning = await appErrorOf(logService(advisorCtx, again));
    expect(warning).toMatchObject({
      code: "POSSIBLE_DUPLICATE_SERVICE",
      status: 409,
      params: { serviceId: first.id, date: again.date, topic: "Biznesplan spółdzielni socjalnej" },
    });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);

    const confirmed = await logService(advisorCtx, { ...again, confirmPossibleDuplicate: true });
    expect(confirmed).toMatchObject({ created: true });
    expect(confirmed.id).not.toBe(first.id);
    expect(await countRows("service_record", tenant.id)).toBe(2);
    const audit = (await auditRows(tenant.id)).filter((r) => r.entity_id === confirmed.id);
    expect(audit.map((r) => r.action).sort()).toEqual(["service.create", "service.duplicate_override"]);
    expect(audit.find((r) => r.action === "service.duplicate_override")?.after).toEqual({ possibleDuplicateOfId: first.id });

    // A repeated submit of the confirmed form still answers with its record, without a warning.
    expect(await logService(advisorCtx, { ...again, confirmPossibleDuplicate: true })).toEqual({ id: confirmed.id, created: false });
  });

  it("answers a repeated submit (the same key) with the first record and no warning, even without the confirmation", async () => {
    const input = serviceInput([clients[0]?.id ?? ""]);
    const first = await logService(advisorCtx, input);
    expect(await logService(advisorCtx, input)).toEqual({ id: first.id, created: false });
    expect(await logService(advisorCtx, { ...input, confirmPossibleDuplicate: true })).toEqual({ id: first.id, created: false });
    expect(await countRows("service_record", tenant.id)).toBe(1);
  });

  it("warns for a group session sharing any client; not for another duration, type, date, start time, client, author, or a deleted record", async () => {
    const group = await logService(advisorCtx, serviceInput(ids(clients.slice(0, 3)), { form: "GROUP" }));
    // One participant more or fewer is still most likely the same session.
    expect(await appErrorOf(logService(advisorCtx, serviceInput(ids(clients.slice(2, 4)), { form: "GROUP" })))).toMatchObject({
      code: "POSSIBLE_DUPLICATE_SERVICE",
      params: { serviceId: group.id },
    });
    // No start time on the new entry: the time cannot tell the meetings apart.
    expect((await appErrorOf(logService(advisorCtx, serviceInput([clients[0]?.id ?? ""], { startTime: "" })))).code).toBe("POSSIBLE_DUPLICATE_SERVICE");

    const single = [clients[4]?.id ?? ""];
    await logService(advisorCtx, serviceInput(single));
    const differing: Partial<Parameters<typeof serviceInput>[1]>[] = [
      { durationMinutes: 45 },
      { supportType: "INFORMATION" },
      { date: polishDaysAgo(1) },
      { startTime: "12:30" },
    ];
    for (const overrides of differing) {
      await expect(logService(advisorCtx, serviceInput(single, overrides)), JSON.stringify(overrides)).resolves.toMatchObject({ created: true });
    }
    await expect(logService(advisorCtx, serviceInput([clients[3]?.id ?? ""])), "another client").resolves.toMatchObject({ created: true });
    // Another author logging the same meeting (e.g. the co-deliverer) is not warned about the advisor's record.
    await expect(logService(contextFor(manager), serviceInput(single)), "another author").resolves.toMatchObject({ created: true });

    // A deleted record no longer counts.
    const own = await logService(advisorCtx, serviceInput(single, { durationMinutes: 90 }));
    await deleteService(advisorCtx, own.id, { reason: "Pomyłka" });
    await expect(logService(advisorCtx, serviceInput(single, { durationMinutes: 90 })), "after delete").resolves.toMatchObject({ created: true });
  });

  it("lets exactly one of two parallel entries of the same meeting through, the other is warned", async () => {
    const results = await Promise.allSettled([logService(advisorCtx, serviceInput([clients[0]?.id ?? ""])), logService(advisorCtx, serviceInput([clients[0]?.id ?? ""]))]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason).toMatchObject({ code: "POSSIBLE_DUPLICATE_SERVICE" });
    expect(await countRows("service_record", tenant.id)).toBe(1);
  });
});

describe("editing and deleting", () => {
  it("lets the author and a manager edit within the edit window, auditing before and after", async () => {
    const { id } = await logService(advisorCtx, serviceInput([clients[0]?.id ?? ""]));
    await updateService(advisorCtx, id, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 90, topic: "Statut spółdzielni" }));
    expect(await serviceRow(id)).toMatchObject({ duration_minutes: 90 });
    await updateService(contextFor(manager), id, serviceInput(ids(clients.slice(0, 2)), { form: "GROUP", durationMinutes: 75 }));
    expect(await serviceRow(id)).toMatchObject({ duration_minutes: 75, client_ids: ids(clients.slice(0, 2)).sort() });

    const updates = (await auditRows(tenant.id)).filter((r) => r.action === "service.update");
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({ actor_id: advisor.id, before: expect.objectContaining({ durationMinutes: 60 }), after: expect.objectContaining({ durationMinutes: 90 }) });
    expect(updates[1]).toMatchObject({ actor_id: manager.id, after: expect.objectContaining({ clientIds: ids(clients.slice(0, 2)) }) });
  });

  it("refuses anyone else, even another provider of the record", async () => {
    const { id } = await logService(advisorCtx, serviceInput([clients[0]?.id ?? ""], { providerIds: [advisor.id, animator.id] }));
    const before = await tenantSnapshot(tenant.id);
    expect((await appErrorOf(updateService(contextFor(animator), id, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 30 })))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(deleteService(contextFor(coordinator), id, { reason: "x" }))).code).toBe("FORBIDDEN");
    const after = await tenantSnapshot(tenant.id);
    expect({ ...after, audit_log: [] }).toEqual({ ...before, audit_log: [] });
    expect((after.audit_log?.length ?? 0) - (before.audit_log?.length ?? 0)).toBe(2);
  });

  it("closes editing and deleting after the tenant's edit window, for the author and a manager alike", async () => {
    const { id } = await logService(advisorCtx, serviceInput([clients[0]?.id ?? ""]));
    await backdateCreation(id, 29);
    await expect(updateService(advisorCtx, id, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 50 }))).resolves.toEqual({ id });

    await backdateCreation(id, 31);
    for (const ctx of [advisorCtx, contextFor(manager)]) {
      expect(await appErrorOf(updateService(ctx, id, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 40 })))).toMatchObject({
        code: "EDIT_WINDOW_CLOSED",
        params: { days: 30 },
      });
      expect((await appErrorOf(deleteService(ctx, id, { reason: "Pomyłka" }))).code).toBe("EDIT_WINDOW_CLOSED");
    }
    expect(await serviceRow(id)).toMatchObject({ duration_minutes: 50, deleted_at: null });

    // The window is the tenant's policy, set by a manager.
    const managerCtx = contextFor(manager);
    await expect(updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 15, serviceEditWindowDays: 366 })).rejects.toMatchObject({
      fieldErrors: { serviceEditWindowDays: "editWindowRange" },
    });
    await updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 15, serviceEditWindowDays: 60 });
    expect((await auditRows(tenant.id)).at(-1)).toMatchObject({
      action: "tenant.policy_update",
      before: { maxClientsPerAdvisor: 15, serviceEditWindowDays: 30 },
      after: { maxClientsPerAdvisor: 15, serviceEditWindowDays: 60 },
    });
    await expect(updateService(advisorCtx, id, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 40 }))).resolves.toEqual({ id });
  });

  it("deletes by leaving a tombstone that drops out of every view, total and further change", async () => {
    const { id } = await logService(advisorCtx, serviceInput([clients[0]?.id ?? ""]));
    expect((await appErrorOf(deleteService(advisorCtx, id, { reason: "  " }))).fieldErrors).toEqual({ reason: "required" });
    await deleteService(advisorCtx, id, { reason: "Wpisane dwa razy" });

    const row = await serviceRow(id);
    expect(row).toMatchObject({ delete_reason: "Wpisane dwa razy", client_ids: [clients[0]?.id] });
    expect(row?.deleted_at).toBeInstanceOf(Date);
    expect(await listOwnServices(advisorCtx, {})).toMatchObject({ count: 0, minutes: 0 });
    expect(await listClientServices(advisorCtx, clients[0]?.id ?? "", {})).toMatchObject({ total: 0, minutes: 0 });
    expect(await getTimesheet(advisorCtx, { month: polishDaysAgo(0).slice(0, 7) })).toMatchObject({ count: 0, minutes: 0 });
    expect((await appErrorOf(getServiceForEdit(advisorCtx, id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(updateService(advisorCtx, id, serviceInput([clients[0]?.id ?? ""])))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(deleteService(advisorCtx, id, { reason: "x" }))).code).toBe("NOT_FOUND");
    const deletion = (await auditRows(tenant.id)).find((r) => r.action === "service.delete");
    expect(deletion).toMatchObject({ entity_id: id, before: expect.objectContaining({ durationMinutes: 60 }), after: { reason: "Wpisane dwa razy" } });
  });
});

describe("plan actions", () => {
  it("links a service to an action of the client's approved plan, shows it on the implementation, and refuses another client's action", async () => {
    const coordinatorCtx = contextFor(coordinator);
    const [first, second] = clients;
    if (!first || !second) throw new Error("setup");
    const { pathId, versionId } = await openPathAt(advisorCtx, coordinatorCtx, first.id, "IMPLEMENTATION", {
      actions: [planAction({ supportType: "ADVISORY", description: "Biznesplan" }), planAction({ supportType: "TRAINING", description: "Szkolenie" })],
    });
    await openPathAt(advisorCtx, coordinatorCtx, second.id, "IDENTIFICATION");
    const [action] = await ownerQuery<{ id: string }>(`SELECT id FROM path_plan_action WHERE plan_version_id = $1 ORDER BY position LIMIT 1`, [versionId]);
    if (!action) throw new Error("setup");

    const before = await tenantSnapshot(tenant.id);
    const refused = await appErrorOf(logService(advisorCtx, serviceInput([second.id], { planActionIds: { [second.id]: action.id } })));
    expect(refused).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { [`planActionIds.${second.id}`]: "planActionNotOnClientPath" } });
    const foreign = await appErrorOf(logService(advisorCtx, serviceInput([first.id], { planActionIds: { [first.id]: randomUUID() } })));
    expect(foreign.code).toBe("NOT_FOUND");
    expect(await tenantSnapshot(tenant.id)).toEqual(before);

    const linked = await logService(advisorCtx, serviceInput([first.id], { durationMinutes: 60, planActionIds: { [first.id]: action.id } }));
    const unlinked = await logService(advisorCtx, serviceInput([first.id], { durationMinutes: 30, supportType: "INFORMATION" }));
    const implementation = await getPathImplementation(advisorCtx, pathId);
    expect(implementation.actions.map((a) => ({ description: a.description, services: a.services.map((s) => s.id), minutes: a.minutes }))).toEqual([
      { description: "Biznesplan", services: [linked.id], minutes: 60 },
      { description: "Szkolenie", services: [], minutes: 0 },
    ]);
    expect(implementation.otherServices.map((s) => s.id)).toEqual([unlinked.id]);
    expect(implementation.minutes).toBe(90);
  });

  it("keeps services under an action the revised plan carries over at the same place, and the rest under other services", async () => {
    const coordinatorCtx = contextFor(coordinator);
    const [first] = clients;
    if (!first) throw new Error("setup");
    const advisory = planAction({ supportType: "ADVISORY", description: "Biznesplan" });
    const training = planAction({ supportType: "TRAINING", description: "Szkolenie" });
    const { pathId, versionId } = await openPathAt(advisorCtx, coordinatorCtx, first.id, "IMPLEMENTATION", { actions: [advisory, training] });
    const v1 = await ownerQuery<{ id: string }>(`SELECT id FROM path_plan_action WHERE plan_version_id = $1 ORDER BY position`, [versionId]);
    const onAdvisory = await logService(advisorCtx, serviceInput([first.id], { planActionIds: { [first.id]: v1[0]?.id ?? "" } }));
    const onTraining = await logService(advisorCtx, serviceInput([first.id], { supportType: "TRAINING", planActionIds: { [first.id]: v1[1]?.id ?? "" } }));

    // Version 2: the advisory goes on (reworded, now done), the training becomes coaching.
    const { decidePlan, savePlan, submitPlan } = await import("@/lib/domain/paths/service");
    const [v1row] = await ownerQuery<{ revision: number }>(`SELECT revision FROM path_plan_version WHERE id = $1`, [versionId]);
    const v2 = await savePlan(advisorCtx, pathId, {
      versionId,
      baseRevision: v1row?.revision ?? 0,
      summary: null,
      actions: [{ ...advisory, description: "Biznesplan i budżet", status: "DONE" }, planAction({ supportType: "COACHING", description: "Mentoring" })],
    });
    await submitPlan(advisorCtx, pathId, { versionId: v2.versionId, baseRevision: v2.revision });
    await decidePlan(coordinatorCtx, pathId, v2.versionId, { decision: "APPROVE" });

    const implementation = await getPathImplementation(advisorCtx, pathId);
    expect(implementation.planNumber).toBe(2);
    expect(implementation.actions.map((a) => [a.description, a.services.map((s) => s.id)])).toEqual([
      ["Biznesplan i budżet", [onAdvisory.id]],
      ["Mentoring", []],
    ]);
    expect(implementation.otherServices.map((s) => s.id)).toEqual([onTraining.id]);

    // Editing keeps an existing link to the superseded action, but a new link must be to the approved plan.
    await updateService(advisorCtx, onAdvisory.id, serviceInput([first.id], { durationMinutes: 75, planActionIds: { [first.id]: v1[0]?.id ?? "" } }));
    expect(await serviceRow(onAdvisory.id)).toMatchObject({ duration_minutes: 75 });
    expect((await getServiceForEdit(advisorCtx, onAdvisory.id)).linkedActions).toEqual([expect.objectContaining({ id: v1[0]?.id, clientId: first.id })]);
    const relinked = await appErrorOf(updateService(advisorCtx, onTraining.id, serviceInput([first.id], { planActionIds: { [first.id]: v1[0]?.id ?? "" } })));
    expect(relinked.fieldErrors).toEqual({ [`planActionIds.${first.id}`]: "planActionNotOnClientPath" });
  });

  it("refuses an action of a plan that is not approved", async () => {
    const [first] = clients;
    if (!first) throw new Error("setup");
    const { pathId } = await openPathAt(advisorCtx, contextFor(coordinator), first.id, "PLAN");
    const { savePlan } = await import("@/lib/domain/paths/service");
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: null, actions: [planAction()] });
    const [action] = await ownerQuery<{ id: string }>(`SELECT id FROM path_plan_action WHERE plan_version_id = $1`, [draft.versionId]);
    const error = await appErrorOf(logService(advisorCtx, serviceInput([first.id], { planActionIds: { [first.id]: action?.id ?? "" } })));
    expect(error.fieldErrors).toEqual({ [`planActionIds.${first.id}`]: "planActionNotOnClientPath" });
  });
});

describe("views and timesheets", () => {
  it("shows the advisor's day and week with totals, and a client's history filtered by type and period", async () => {
    const [first] = clients;
    if (!first) throw new Error("setup");
    const today = polishDaysAgo(0);
    await logService(advisorCtx, serviceInput([first.id], { durationMinutes: 60, startTime: "12:00" }));
    await logService(advisorCtx, serviceInput([first.id], { durationMinutes: 30, startTime: "08:30", supportType: "INFORMATION" }));
    await logService(advisorCtx, serviceInput([first.id], { durationMinutes: 45, date: polishDaysAgo(40), supportType: "COACHING" }));
    // Someone else's work with the same client (the animator on the client's team) is not in the advisor's day.
    await addTeamMember(contextFor(manager), first.id, { userId: animator.id, role: "ANIMATOR", startsOn: today });
    await logService(contextFor(animator), serviceInput([first.id], { durationMinutes: 120, supportType: "ANIMATION" }));

    const day = await listOwnServices(advisorCtx, { date: today });
    expect(day).toMatchObject({ count: 2, minutes: 90 });
    expect(day.days[0]?.records.map((r) => r.startTime)).toEqual(["08:30", "12:00"]);
    const week = await listOwnServices(advisorCtx, { date: today, view: "week" });
    expect(week.days).toHaveLength(7);
    expect(week.days.find((d) => d.date === today)).toMatchObject({ minutes: 90 });
    expect(week.minutes).toBe(90);

    expect(await listClientServices(advisorCtx, first.id, {})).toMatchObject({ total: 4, minutes: 255 });
    expect(await listClientServices(advisorCtx, first.id, { supportType: "COACHING" })).toMatchObject({ total: 1, minutes: 45 });
    expect(await listClientServices(advisorCtx, first.id, { from: polishDaysAgo(7), to: today })).toMatchObject({ total: 3, minutes: 210 });
    const paged = await listClientServices(advisorCtx, first.id, { pageSize: 2, page: 2 });
    expect(paged).toMatchObject({ total: 4, pageCount: 2 });
    // Newest first: today 12:00 (60), 10:00 (the animator's 120), 08:30 (30), then 40 days ago (45).
    expect(paged.items.map((i) => i.durationMinutes)).toEqual([30, 45]);
  });

  it("sums a month per user: a group session once in the total, in full for every client, and by support type", async () => {
    const month = polishDaysAgo(0).slice(0, 7);
    const [a, b, c] = clients;
    if (!a || !b || !c) throw new Error("setup");
    await logService(advisorCtx, serviceInput([a.id, b.id, c.id], { form: "GROUP", durationMinutes: 90, supportType: "TRAINING" }));
    await logService(advisorCtx, serviceInput([a.id], { durationMinutes: 60 }));
    await logService(advisorCtx, serviceInput([b.id], { durationMinutes: 30 }));
    // Last month's work is not in this month's sheet.
    await logService(advisorCtx, serviceInput([c.id], { durationMinutes: 45, date: polishDaysAgo(40) }));

    const sheet = await getTimesheet(advisorCtx, { month });
    expect(sheet).toMatchObject({ user: { id: advisor.id }, count: 3, minutes: 180 });
    // Each type with its names in the tenant's catalogue.
    expect(sheet.byType).toEqual([
      { supportType: "ADVISORY", supportTypeNames: { name: "Doradztwo", nameEn: "Advisory" }, count: 2, minutes: 90 },
      { supportType: "TRAINING", supportTypeNames: { name: "Szkolenie", nameEn: "Training" }, count: 1, minutes: 90 },
    ]);
    expect(sheet.byClient.map((r) => [r.name, r.minutes])).toEqual([
      ["Klient 1", 150],
      ["Klient 2", 120],
      ["Klient 3", 90],
    ]);
    expect(sheet.byDay).toEqual([{ date: polishDaysAgo(0), count: 3, minutes: 180 }]);
    const users = await listTimesheetUsers(contextFor(manager), month);
    expect(users.find((u) => u.id === advisor.id)).toMatchObject({ count: 3, minutes: 180 });
  });

  it("shows others' hours only to a manager, an auditor, and a coordinator for their own partner's staff", async () => {
    const month = polishDaysAgo(0).slice(0, 7);
    const auditor = await createUser(tenant, { role: "AUDITOR" });
    await expect(getTimesheet(contextFor(manager), { month, userId: advisor.id })).resolves.toMatchObject({ user: { id: advisor.id } });
    await expect(getTimesheet(contextFor(auditor), { month, userId: advisor.id })).resolves.toMatchObject({ user: { id: advisor.id } });
    await expect(getTimesheet(contextFor(coordinator), { month, userId: advisor.id })).resolves.toMatchObject({ user: { id: advisor.id } });
    expect((await appErrorOf(getTimesheet(contextFor(coordinator), { month, userId: otherAdvisor.id }))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(getTimesheet(advisorCtx, { month, userId: animator.id }))).code).toBe("FORBIDDEN");
    expect((await listTimesheetUsers(advisorCtx, month)).map((u) => u.id)).toEqual([advisor.id]);
    expect((await listTimesheetUsers(contextFor(coordinator), month)).map((u) => u.id).sort()).toEqual([advisor.id, animator.id, coordinator.id].sort());
  });
});

describe("the entry form's options", () => {
  it("offers the advisor's active clients and the clients they served lately, with the actions of each one's approved plan", async () => {
    const [first] = clients;
    if (!first) throw new Error("setup");
    const served = await createClient(tenant, { keyAdvisorId: otherAdvisor.id, name: "Obsłużony niedawno" });
    const long = await createClient(tenant, { keyAdvisorId: otherAdvisor.id, name: "Obsłużony dawno" });
    const stranger = await createClient(tenant, { keyAdvisorId: otherAdvisor.id, name: "Nieobsługiwany" });
    const left = await createClient(tenant, { keyAdvisorId: otherAdvisor.id, name: "Zespół opuszczony" });
    const manage = contextFor(manager);
    for (const client of [served, long, left]) {
      await addTeamMember(manage, client.id, { userId: advisor.id, role: "ADVISOR", startsOn: polishDaysAgo(200) });
    }
    await logService(advisorCtx, serviceInput([served.id], { date: polishDaysAgo(10) }));
    await logService(advisorCtx, serviceInput([long.id], { date: polishDaysAgo(120) }));
    await logService(advisorCtx, serviceInput([left.id], { date: polishDaysAgo(5) }));
    // Leaving a client's team takes them off the list, however recently they were served.
    const leftMember = (await getClientTeam(manage, left.id)).members[0];
    await removeTeamMember(manage, left.id, leftMember?.id ?? "");
    const longMember = (await getClientTeam(manage, long.id)).members[0];
    await removeTeamMember(manage, long.id, longMember?.id ?? "");
    const { versionId } = await openPathAt(advisorCtx, contextFor(coordinator), first.id, "IMPLEMENTATION");

    const options = await getServiceFormOptions(advisorCtx);
    const names = options.clients.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([...clients.map((c) => c.name), "Obsłużony niedawno"]));
    expect(names).not.toContain("Obsłużony dawno");
    expect(names).not.toContain("Nieobsługiwany");
    expect(names).not.toContain("Zespół opuszczony");
    const [action] = await ownerQuery<{ id: string }>(`SELECT id FROM path_plan_action WHERE plan_version_id = $1`, [versionId]);
    expect(options.planActions).toEqual([expect.objectContaining({ id: action?.id, clientId: first.id })]);
    // A client named explicitly (the client page) comes first — if the caller may log for them; a
    // client outside their scope does not exist for them.
    expect((await getServiceFormOptions(advisorCtx, [served.id])).clients[0]).toEqual({ id: served.id, name: "Obsłużony niedawno" });
    expect((await appErrorOf(getServiceFormOptions(advisorCtx, [stranger.id]))).code).toBe("NOT_FOUND");
    expect(options.providers.map((p) => p.id)).toEqual(expect.arrayContaining([advisor.id, animator.id, coordinator.id, manager.id]));
  });
});

describe("other tenants' ids inside the input", () => {
  it("answers NOT_FOUND for a foreign client, provider, plan action or timesheet user, writing nothing", async () => {
    const other = await createTenant();
    const foreignAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
    const foreignClient = await createClient(other, { keyAdvisorId: foreignAdvisor.id });
    const foreignManager = await createUser(other, { role: "MANAGER" });
    const { versionId } = await openPathAt(contextFor(foreignAdvisor), contextFor(foreignManager), foreignClient.id, "IMPLEMENTATION");
    const [foreignAction] = await ownerQuery<{ id: string }>(`SELECT id FROM path_plan_action WHERE plan_version_id = $1`, [versionId]);
    const own = clients[0]?.id ?? "";
    const managerCtx = contextFor(manager);
    const before = await tenantSnapshot(tenant.id);
    const beforeOther = await tenantSnapshot(other.id);

    const attempts = [
      () => logService(managerCtx, serviceInput([foreignClient.id])),
      () => logService(managerCtx, serviceInput([own, foreignClient.id], { form: "GROUP" })),
      () => logService(managerCtx, serviceInput([own], { providerIds: [foreignAdvisor.id] })),
      () => logService(managerCtx, serviceInput([own], { planActionIds: { [own]: foreignAction?.id ?? "" } })),
      () => getTimesheet(managerCtx, { month: polishDaysAgo(0).slice(0, 7), userId: foreignAdvisor.id }),
    ];
    for (const attempt of attempts) expect((await appErrorOf(attempt())).code).toBe("NOT_FOUND");
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
    expect(await tenantSnapshot(other.id)).toEqual(beforeOther);
  });
});
