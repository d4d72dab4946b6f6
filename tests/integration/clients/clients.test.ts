import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { addTeamMember, createClient, findClients, getClient, getClientHistory, getClientTeam, removeTeamMember, updateClient } from "@/lib/domain/clients/service";
import { addDays, todayInPoland } from "@/lib/dates";
import type { TClientInput } from "@/lib/domain/clients/schemas";
import { isAppError } from "@/lib/errors";
import {
  auditRows,
  contextFor,
  countRows,
  createClient as insertClient,
  createOffice,
  createTenant,
  createUser,
  ownerPool,
  ownerQuery,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { waitForLockWaiter } from "@/tests/factories/db";

/** Issue 4 / SPEC §3.5: the client registry — identifiers, duplicates, special-category data, search. */

let tenant: TTenantRow;
let advisor: TUserRow;
let ctx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  advisor = await createUser(tenant, { role: "MANAGER", name: "Karol Doradca" });
  ctx = contextFor(advisor);
});

const ngo = (overrides: Partial<TClientInput> = {}): TClientInput => ({ kind: "NGO", name: "Fundacja Razem", ...overrides });

describe("createClient", () => {
  it("registers a client in the queue with their people in the order given, and audits it", async () => {
    const before = Date.now();
    const created = await createClient(ctx, {
      ...ngo({ nip: "526-025-02-74", town: "Busko-Zdrój", voivodeship: "świętokrzyskie", kpresSpheres: ["SOLIDARITY_OF_GENERATIONS"] }),
      people: [
        { role: "REPRESENTATIVE", name: "Zofia Prezes", function: "prezes zarządu" },
        { role: "REPRESENTATIVE", name: "Adam Skarbnik", function: "skarbnik" },
        { role: "REPRESENTATIVE", name: "Beata Członek" },
      ],
    });

    expect(created).toMatchObject({ name: "Fundacja Razem", nip: "5260250274", status: "WAITING", keyAdvisor: null, hasDisability: false });
    expect(created.waitingSince?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(created.people.map((p) => p.name)).toEqual(["Zofia Prezes", "Adam Skarbnik", "Beata Członek"]);
    const [stored] = await ownerQuery<{ name_normalized: string; town_normalized: string; tenant_id: string }>(
      `SELECT name_normalized, town_normalized, tenant_id FROM client WHERE id = $1`,
      [created.id],
    );
    expect(stored).toEqual({ name_normalized: "fundacja razem", town_normalized: "busko-zdroj", tenant_id: tenant.id });

    const rows = await auditRows(tenant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "client.create", entity_type: "Client", entity_id: created.id, actor_id: advisor.id });
    expect(rows[0]?.after).toMatchObject({ name: "Fundacja Razem", nip: "5260250274", people: [{ name: "Zofia Prezes" }, {}, {}] });
  });

  it("never writes a PESEL in clear to the audit trail", async () => {
    const created = await createClient(ctx, { kind: "PERSON", name: "Anna Nowak", pesel: "44051401359" });
    await updateClient(ctx, created.id, { kind: "PERSON", name: "Anna Nowak", pesel: "02270803624" });

    const rows = await auditRows(tenant.id);
    expect(rows).toHaveLength(2);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("44051401359");
    expect(text).not.toContain("02270803624");
    expect(rows.find((r) => r.action === "client.create")?.after).toMatchObject({ pesel: "*******1359" });
    expect(rows.find((r) => r.action === "client.update")).toMatchObject({ before: { pesel: "*******1359" }, after: { pesel: "*******3624" } });
  });

  it("writes nothing when the input is invalid", async () => {
    const before = await tenantSnapshot(tenant.id);
    const error = await appErrorOf(createClient(ctx, { kind: "PERSON", name: "Anna Nowak", pesel: "44051401358", email: "nope" }));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { pesel: "invalidPesel", email: "invalidEmail" } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("refuses an office of another tenant, writing nothing", async () => {
    const foreignOffice = await createOffice(await createTenant());
    const before = await tenantSnapshot(tenant.id);
    const error = await appErrorOf(createClient(ctx, ngo({ officeId: foreignOffice.id })));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { officeId: "unknownOffice" } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("is refused to roles that may only read clients", async () => {
    const animator = await createUser(tenant, { role: "ANIMATOR" });
    const error = await appErrorOf(createClient(contextFor(animator), ngo()));
    expect(error.code).toBe("FORBIDDEN");
    expect(await countRows("client", tenant.id)).toBe(0);
  });
});

describe("duplicate identifiers", () => {
  it("are refused with a link to the client who holds them, and nothing is written", async () => {
    const existing = await insertClient(tenant, { kind: "NGO", name: "Stowarzyszenie Pierwsze", nip: "5260250274" });
    const before = await tenantSnapshot(tenant.id);

    const error = await appErrorOf(createClient(ctx, ngo({ nip: "PL 526-025-02-74", regon: "123456785" })));

    expect(error).toMatchObject({
      code: "DUPLICATE_IDENTIFIER",
      fieldErrors: { nip: "identifierTaken" },
      params: { clientId: existing.id, clientName: "Stowarzyszenie Pierwsze" },
    });
    expect(error.status).toBe(409);
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("name every taken field, for each identifier kind", async () => {
    await insertClient(tenant, { kind: "PERSON", name: "Jan Kowalski", pesel: "44051401359" });
    const a = await insertClient(tenant, { kind: "NGO", name: "Fundacja A", regon: "123456785" });
    const b = await insertClient(tenant, { kind: "NGO", name: "Fundacja B", krs: "0000012345" });

    const pesel = await appErrorOf(createClient(ctx, { kind: "PERSON", name: "Jan Kowalski (2)", pesel: "44051401359" }));
    const both = await appErrorOf(createClient(ctx, ngo({ regon: "123456785", krs: "0000012345" })));

    expect(pesel).toMatchObject({ code: "DUPLICATE_IDENTIFIER", fieldErrors: { pesel: "identifierTaken" }, params: { clientName: "Jan Kowalski" } });
    expect(both).toMatchObject({ code: "DUPLICATE_IDENTIFIER", fieldErrors: { regon: "identifierTaken", krs: "identifierTaken" } });
    // The link names one of the holders (the older; both may share a millisecond).
    expect([a, b].map((c) => ({ clientId: c.id, clientName: c.name }))).toContainEqual(both.params);
    expect(await countRows("client", tenant.id)).toBe(3);
  });

  it("are not shared across tenants", async () => {
    await insertClient(await createTenant(), { kind: "NGO", name: "Obca fundacja", nip: "5260250274" });
    await expect(createClient(ctx, ngo({ nip: "5260250274" }))).resolves.toMatchObject({ nip: "5260250274" });
  });

  it("are refused to all but one of simultaneous saves, each naming the winner", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createClient(ctx, ngo({ name: `Fundacja ${i}`, nip: "5260250274" }))),
    );
    const winners = attempts.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
    const refusals = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason as unknown] : []));

    expect(winners).toHaveLength(1);
    expect(refusals).toHaveLength(5);
    for (const refusal of refusals) {
      expect(isAppError(refusal) && refusal.code).toBe("DUPLICATE_IDENTIFIER");
      expect(isAppError(refusal) && refusal.params).toEqual({ clientId: winners[0]?.id, clientName: winners[0]?.name });
    }
    expect(await countRows("client", tenant.id)).toBe(1);
    expect(await auditRows(tenant.id)).toHaveLength(1);
  });

  it("are refused with the link even when the other save commits between the check and the insert", async () => {
    // The owner inserts the NIP in an open transaction: the service's check cannot see it, its
    // insert waits on the unique index, and fails once the owner commits.
    const owner = await ownerPool().connect();
    try {
      await owner.query("BEGIN");
      const otherId = randomUUID();
      await owner.query(
        `INSERT INTO client (id, tenant_id, kind, name, name_normalized, status, waiting_since, nip, updated_at)
         VALUES ($1, $2, 'NGO', 'Fundacja Szybsza', 'fundacja szybsza', 'WAITING', now(), '5260250274', now())`,
        [otherId, tenant.id],
      );
      const attempt = appErrorOf(createClient(ctx, ngo({ nip: "5260250274" })));
      await waitForLockWaiter();
      await owner.query("COMMIT");

      expect(await attempt).toMatchObject({
        code: "DUPLICATE_IDENTIFIER",
        fieldErrors: { nip: "identifierTaken" },
        params: { clientId: otherId, clientName: "Fundacja Szybsza" },
      });
    } finally {
      owner.release();
    }
    expect(await countRows("client", tenant.id)).toBe(1);
    expect(await auditRows(tenant.id)).toEqual([]);
  });

  it("ignore the client being edited, but not the others", async () => {
    const own = await createClient(ctx, ngo({ nip: "5260250274" }));
    const other = await insertClient(tenant, { kind: "NGO", name: "Inna fundacja", regon: "123456785" });

    await expect(updateClient(ctx, own.id, ngo({ name: "Fundacja Razem II", nip: "5260250274" }))).resolves.toMatchObject({
      name: "Fundacja Razem II",
    });
    const before = await tenantSnapshot(tenant.id);
    const error = await appErrorOf(updateClient(ctx, own.id, ngo({ nip: "5260250274", regon: "123456785" })));
    expect(error).toMatchObject({ code: "DUPLICATE_IDENTIFIER", fieldErrors: { regon: "identifierTaken" }, params: { clientId: other.id } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });
});

describe("the same name in the same town", () => {
  it("is a warning that writes nothing; a confirmed save creates the client and audits the override", async () => {
    const existing = await insertClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Socjalna Razem", town: "Busko-Zdrój" });
    const input: TClientInput = { kind: "SOCIAL_COOPERATIVE", name: "spółdzielnia  socjalna RAZEM", town: "Busko-Zdroj" };
    const before = await tenantSnapshot(tenant.id);

    const warning = await appErrorOf(createClient(ctx, input));
    expect(warning).toMatchObject({
      code: "POSSIBLE_DUPLICATE",
      params: { clientId: existing.id, clientName: "Spółdzielnia Socjalna Razem" },
    });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);

    const created = await createClient(ctx, { ...input, confirmPossibleDuplicate: true });

    expect(created.id).not.toBe(existing.id);
    expect(await countRows("client", tenant.id)).toBe(2);
    const rows = await auditRows(tenant.id);
    expect(rows.map((r) => r.action).sort()).toEqual(["client.create", "client.duplicate_override"]);
    expect(rows.find((r) => r.action === "client.duplicate_override")).toMatchObject({
      entity_id: created.id,
      actor_id: advisor.id,
      after: { possibleDuplicateOfId: existing.id, possibleDuplicateOfName: "Spółdzielnia Socjalna Razem" },
    });
  });

  it("warns all but one of simultaneous saves of the same new client", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => createClient(ctx, ngo({ town: "Pińczów" }))),
    );
    const refusals = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason as unknown] : []));
    expect(refusals).toHaveLength(4);
    for (const refusal of refusals) expect(isAppError(refusal) && refusal.code).toBe("POSSIBLE_DUPLICATE");
    expect(await countRows("client", tenant.id)).toBe(1);
  });

  it("does not warn about another town, or when the town is not given", async () => {
    await insertClient(tenant, { kind: "NGO", name: "Fundacja Razem", town: "Staszów" });
    await expect(createClient(ctx, ngo({ town: "Jędrzejów" }))).resolves.toBeDefined();
    await expect(createClient(ctx, ngo())).resolves.toBeDefined();
    expect((await auditRows(tenant.id)).map((r) => r.action)).toEqual(["client.create", "client.create"]);
  });

  it("warns on an edit that moves a client onto another's name and town, not on later edits of other fields", async () => {
    const existing = await insertClient(tenant, { kind: "NGO", name: "Fundacja Razem", town: "Staszów" });
    const own = await createClient(ctx, ngo({ name: "Fundacja Inna", town: "Staszów" }));

    const warning = await appErrorOf(updateClient(ctx, own.id, ngo({ town: "Staszów" })));
    expect(warning).toMatchObject({ code: "POSSIBLE_DUPLICATE", params: { clientId: existing.id } });

    await updateClient(ctx, own.id, ngo({ town: "Staszów", confirmPossibleDuplicate: true }));
    await updateClient(ctx, own.id, ngo({ town: "Staszów", phone: "600 700 800" }));

    // Rows of one transaction share created_at: compare the actions, not their order.
    expect((await auditRows(tenant.id)).map((r) => r.action).sort()).toEqual([
      "client.create",
      "client.duplicate_override",
      "client.update",
      "client.update",
    ]);
  });
});

describe("updateClient", () => {
  it("replaces the people and audits only what changed", async () => {
    const created = await createClient(ctx, {
      ...ngo({ email: "biuro@razem.pl" }),
      people: [{ role: "REPRESENTATIVE", name: "Zofia Prezes" }],
    });
    const updated = await updateClient(ctx, created.id, {
      ...ngo({ email: "biuro@razem.pl", phone: "41 345 67 89" }),
      people: [
        { role: "REPRESENTATIVE", name: "Adam Nowy" },
        { role: "REPRESENTATIVE", name: "Zofia Prezes", function: "prezes" },
      ],
    });

    expect(updated.people.map((p) => [p.name, p.function])).toEqual([
      ["Adam Nowy", null],
      ["Zofia Prezes", "prezes"],
    ]);
    expect(await countRows("client_person", tenant.id)).toBe(2);
    const rows = await auditRows(tenant.id);
    expect(rows.map((r) => r.action).sort()).toEqual(["client.create", "client.update"]);
    const update = rows.find((r) => r.action === "client.update");
    expect(update?.before && Object.keys(update.before).sort()).toEqual(["people", "phone"]);
    expect(update).toMatchObject({ before: { phone: null }, after: { phone: "41 345 67 89" } });
  });

  it("writes nothing when nothing changed", async () => {
    const created = await createClient(ctx, ngo({ town: "Kielce" }));
    const before = await tenantSnapshot(tenant.id);
    await updateClient(ctx, created.id, ngo({ town: "Kielce" }));
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("writes nothing when the input is invalid", async () => {
    const created = await createClient(ctx, ngo());
    const before = await tenantSnapshot(tenant.id);
    const error = await appErrorOf(updateClient(ctx, created.id, { kind: "PERSON", name: "", people: [{ role: "MEMBER", name: "X" }] }));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { name: "required", "people.0.role": "membersOnlyForGroups" } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("does not change the key advisor or the queue position", async () => {
    const other = await createUser(tenant, { role: "KEY_ADVISOR" });
    const client = await insertClient(tenant, { kind: "NGO", name: "Fundacja Razem", keyAdvisorId: other.id });
    const updated = await updateClient(ctx, client.id, ngo({ notes: "Spotkanie w czwartek" }));
    expect(updated).toMatchObject({ status: "ACTIVE", keyAdvisor: { id: other.id }, notes: "Spotkanie w czwartek" });
  });
});

describe("special-category data", () => {
  it("is shown to a key advisor and hidden from an animator, in the client and in its history", async () => {
    // Both work with the client, as members of their team.
    const keyAdvisor = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    const animator = contextFor(await createUser(tenant, { role: "ANIMATOR" }));
    const created = await createClient(ctx, { kind: "PERSON", name: "Anna Nowak", hasDisability: true });
    for (const member of [keyAdvisor, animator]) {
      await addTeamMember(ctx, created.id, { userId: member.userId, role: "ADVISOR", startsOn: todayInPoland() });
    }

    const forAdvisor = await getClient(keyAdvisor, created.id);
    const forAnimator = await getClient(animator, created.id);

    expect(forAdvisor).toMatchObject({ hasDisability: true, sensitiveHidden: false });
    expect(forAnimator).toMatchObject({ name: "Anna Nowak", sensitiveHidden: true });
    expect(forAnimator).not.toHaveProperty("hasDisability");

    const creation = async (viewer: TContext) => (await getClientHistory(viewer, created.id)).auditEntries.find((e) => e.description.actionKey === "audit.actions.client.create");
    const disability = { labelKey: "audit.fields.hasDisability", before: null, after: { kind: "bool", value: true } };
    expect(await creation(keyAdvisor)).toMatchObject({ description: { changes: expect.arrayContaining([disability]) }, sensitiveHidden: false });
    const forAnimatorEntry = await creation(animator);
    expect(forAnimatorEntry).toMatchObject({ description: { changes: expect.arrayContaining([{ labelKey: "audit.fields.name", before: null, after: { kind: "text", text: "Anna Nowak" } }]) }, sensitiveHidden: true });
    expect(forAnimatorEntry?.description.changes.map((change) => change.labelKey)).not.toContain("audit.fields.hasDisability");
  });
});

describe("findClients", () => {
  it("finds names without Polish letters, in any case", async () => {
    const lodz = await insertClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Łódź Spółdzielnia" });
    await insertClient(tenant, { kind: "NGO", name: "Fundacja Kielce" });

    for (const q of ["lodz", "ŁÓDŹ", "  spoldz ", "dź spół"]) {
      const page = await findClients(ctx, { q });
      expect(page.items.map((c) => c.id), q).toEqual([lodz.id]);
    }
    expect((await findClients(ctx, { q: "warszawa" })).total).toBe(0);
  });

  it("finds a client by a whole identifier, however it is typed", async () => {
    const person = await insertClient(tenant, { kind: "PERSON", name: "Anna Nowak", pesel: "44051401359" });
    const org = await insertClient(tenant, { kind: "NGO", name: "Fundacja", nip: "5260250274", regon: "12345678512347", krs: "0000012345" });

    expect((await findClients(ctx, { q: "44051401359" })).items.map((c) => c.id)).toEqual([person.id]);
    for (const q of ["526-025-02-74", "PL5260250274", "12345678512347", "0000012345"]) {
      expect((await findClients(ctx, { q })).items.map((c) => c.id), q).toEqual([org.id]);
    }
    expect((await findClients(ctx, { q: "5260250273" })).total).toBe(0);
  });

  it("filters by kind, advisor (or none), office and status, and lists only list columns", async () => {
    const office = await createOffice(tenant, { name: "Biuro Staszów" });
    const other = await createUser(tenant, { role: "KEY_ADVISOR", name: "Olga Doradczyni" });
    const assigned = await insertClient(tenant, { kind: "NGO", name: "B Fundacja", keyAdvisorId: other.id, officeId: office.id, town: "Staszów" });
    const waiting = await insertClient(tenant, { kind: "PERSON", name: "A Osoba", officeId: office.id });
    const closed = await insertClient(tenant, { kind: "NGO", name: "C Fundacja", status: "CLOSED" });

    const ids = async (filters: Parameters<typeof findClients>[1]) => (await findClients(ctx, filters)).items.map((c) => c.id);
    expect(await ids({ kind: "NGO" })).toEqual([assigned.id, closed.id]);
    expect(await ids({ advisorId: other.id })).toEqual([assigned.id]);
    expect(await ids({ advisorId: "none" })).toEqual([waiting.id, closed.id]);
    expect(await ids({ officeId: office.id })).toEqual([waiting.id, assigned.id]);
    expect(await ids({ status: "CLOSED" })).toEqual([closed.id]);
    expect(await ids({ kind: "", status: "", advisorId: "", officeId: "" })).toEqual([waiting.id, assigned.id, closed.id]);

    const [item] = (await findClients(ctx, { advisorId: other.id })).items;
    expect(item).toEqual({
      id: assigned.id,
      name: "B Fundacja",
      kind: "NGO",
      status: "ACTIVE",
      town: "Staszów",
      keyAdvisor: { id: other.id, name: "Olga Doradczyni" },
      office: { id: office.id, name: "Biuro Staszów" },
      canOpen: true,
    });
  });

  it("pages on the server in name order and shows only the caller's tenant", async () => {
    const names = ["Ćma", "Alfa", "Żuraw", "Beta", "Celina", "Zeta", "Łania"];
    for (const name of names) await insertClient(tenant, { name });
    await insertClient(await createTenant(), { name: "Alfa obca" });

    const first = await findClients(ctx, { pageSize: 3 });
    const third = await findClients(ctx, { pageSize: 3, page: 3 });

    expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3, pageCount: 3 });
    expect(first.items.map((c) => c.name)).toEqual(["Alfa", "Beta", "Celina"]);
    expect(third.items.map((c) => c.name)).toEqual(["Żuraw"]);
    expect((await findClients(ctx, { pageSize: 3, page: 2 })).items.map((c) => c.name)).toEqual(["Ćma", "Łania", "Zeta"]);
  });

  it("treats LIKE wildcards in the query as text", async () => {
    await insertClient(tenant, { name: "Fundacja 100% Pomocy" });
    await insertClient(tenant, { name: "Fundacja 1000 Pomysłów" });
    expect((await findClients(ctx, { q: "100%" })).items.map((c) => c.name)).toEqual(["Fundacja 100% Pomocy"]);
    expect((await findClients(ctx, { q: "_" })).total).toBe(0);
  });
});

describe("getClient and getClientHistory", () => {
  it("show the office, the key advisor and the people", async () => {
    const office = await createOffice(tenant, { name: "Biuro Busko-Zdrój" });
    const created = await createClient(ctx, {
      kind: "INITIATIVE_GROUP",
      name: "Grupa Inicjatywna Razem",
      officeId: office.id,
      people: [{ role: "MEMBER", name: "Ewa Wiśniewska", email: "EWA@example.pl" }],
    });
    const client = await getClient(ctx, created.id);
    expect(client).toMatchObject({
      office: { id: office.id, name: "Biuro Busko-Zdrój" },
      keyAdvisor: null,
      people: [{ role: "MEMBER", name: "Ewa Wiśniewska", email: "ewa@example.pl" }],
    });
  });

  it("list assignments with the people involved and the client's audit trail, newest first", async () => {
    const first = await createUser(tenant, { role: "KEY_ADVISOR", name: "Piotr Pierwszy" });
    const manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
    const created = await createClient(ctx, ngo());
    await ownerQuery(
      `INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, assigned_by_id, assigned_at, reason, released_at, released_by_id, release_reason)
       VALUES ($1, $2, $3, $4, $5, now() - interval '2 days', 'pierwszy przydział', now() - interval '1 day', $5, 'urlop')`,
      [randomUUID(), tenant.id, created.id, first.id, manager.id],
    );
    await ownerQuery(
      `INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, from_advisor_id, assigned_by_id, assigned_at, reason)
       VALUES ($1, $2, $3, $4, $5, $6, now() - interval '1 day', 'zastępstwo')`,
      [randomUUID(), tenant.id, created.id, advisor.id, first.id, manager.id],
    );
    await updateClient(ctx, created.id, ngo({ notes: "Nowa notatka" }));

    const history = await getClientHistory(ctx, created.id);

    expect(history.id).toBe(created.id);
    expect(history.assignments).toMatchObject([
      {
        advisor: { id: advisor.id, name: "Karol Doradca" },
        fromAdvisor: { id: first.id, name: "Piotr Pierwszy" },
        assignedBy: { name: "Maria Kierownik" },
        reason: { kind: "text", text: "zastępstwo" },
        releasedAt: null,
        releasedBy: null,
      },
      {
        advisor: { name: "Piotr Pierwszy" },
        fromAdvisor: null,
        releasedBy: { name: "Maria Kierownik" },
        releaseReason: { kind: "text", text: "urlop" },
      },
    ]);
    expect(history.auditEntries.map((e) => e.description.actionKey)).toEqual(["audit.actions.client.update", "audit.actions.client.create"]);
    expect(history.auditEntries[0]).toMatchObject({
      actor: { id: advisor.id, name: "Karol Doradca" },
      description: { changes: [{ labelKey: "audit.fields.notes", after: { kind: "text", text: "Nowa notatka" } }] },
    });
  });
});

describe("the client's team", () => {
  it("a key advisor who registers a client joins its team and reads it while it waits, but only the manager edits it", async () => {
    const keyAdvisor = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    const created = await createClient(keyAdvisor, { kind: "PERSON", name: "Jan Kowalczyk" });

    await expect(getClient(keyAdvisor, created.id)).resolves.toMatchObject({ abilities: { canEdit: false, canLogService: true } });
    expect((await appErrorOf(updateClient(keyAdvisor, created.id, { kind: "PERSON", name: "Jan Kowalczyk-Nowak" }))).code).toBe("FORBIDDEN");
    await expect(updateClient(ctx, created.id, { kind: "PERSON", name: "Jan Kowalczyk-Nowak" })).resolves.toMatchObject({ name: "Jan Kowalczyk-Nowak" });
    const actions = (await auditRows(tenant.id)).map((row) => [row.action, row.actor_id]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["client.create", keyAdvisor.userId],
        ["client.team_add", keyAdvisor.userId],
        ["auth.forbidden", keyAdvisor.userId],
        ["client.update", advisor.id],
      ]),
    );
  });

  it("members added by the manager read the record for their period only; a removed member no longer does", async () => {
    const animator = contextFor(await createUser(tenant, { role: "ANIMATOR" }));
    const client = await insertClient(tenant, { kind: "NGO", name: "Fundacja Zespół" });

    expect((await appErrorOf(getClient(animator, client.id))).code).toBe("NOT_FOUND");
    // A period that has not started yet grants nothing.
    const tomorrow = addDays(todayInPoland(), 1);
    const later = await addTeamMember(ctx, client.id, { userId: animator.userId, role: "ANIMATOR", startsOn: tomorrow });
    expect((await appErrorOf(getClient(animator, client.id))).code).toBe("NOT_FOUND");
    await removeTeamMember(ctx, client.id, later.id);

    const member = await addTeamMember(ctx, client.id, { userId: animator.userId, role: "ANIMATOR", startsOn: todayInPoland() });
    await expect(getClient(animator, client.id)).resolves.toMatchObject({ id: client.id, abilities: { canEdit: false, canLogService: true } });
    expect((await appErrorOf(addTeamMember(ctx, client.id, { userId: animator.userId, role: "TRAINER", startsOn: todayInPoland() }))).fieldErrors).toEqual({
      userId: "alreadyOnTeam",
    });
    await expect(getClientTeam(ctx, client.id)).resolves.toMatchObject({ members: [{ id: member.id, user: { id: animator.userId }, role: "ANIMATOR" }], canManage: true });

    await removeTeamMember(ctx, client.id, member.id);
    expect((await appErrorOf(getClient(animator, client.id))).code).toBe("NOT_FOUND");
    const [row] = await ownerQuery<{ removed_by_id: string }>(`SELECT removed_by_id FROM client_team_member WHERE id = $1`, [member.id]);
    expect(row?.removed_by_id).toBe(advisor.id);
    expect((await auditRows(tenant.id)).filter((r) => r.action === "client.team_remove").map((r) => r.before)).toContainEqual(
      expect.objectContaining({ memberId: member.id, userId: animator.userId }),
    );
  });

  it("a coordinator manages the team of their partner's advisors' clients only; others may not at all", async () => {
    const partner = await ownerQuery<{ id: string }>(`INSERT INTO partner (id, tenant_id, name, updated_at) VALUES (gen_random_uuid(), $1, 'P1', now()) RETURNING id`, [tenant.id]);
    const partnerId = partner[0]?.id ?? null;
    const coordinator = contextFor(await createUser(tenant, { role: "COORDINATOR", partnerId }));
    const ownAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId });
    const otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR" });
    const specialist = await createUser(tenant, { role: "SPECIALIST" });
    const ours = await insertClient(tenant, { name: "Nasz klient", keyAdvisorId: ownAdvisor.id });
    const theirs = await insertClient(tenant, { name: "Cudzy klient", keyAdvisorId: otherAdvisor.id });
    const input = { userId: specialist.id, role: "SPECIALIST_ADVISOR" as const, startsOn: todayInPoland() };

    await expect(addTeamMember(coordinator, ours.id, input)).resolves.toMatchObject({ id: expect.any(String) });
    expect((await appErrorOf(addTeamMember(coordinator, theirs.id, input))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(addTeamMember(contextFor(ownAdvisor), ours.id, input))).code).toBe("FORBIDDEN");
    // The key advisor is on the team already.
    expect((await appErrorOf(addTeamMember(coordinator, ours.id, { ...input, userId: ownAdvisor.id }))).fieldErrors).toEqual({ userId: "isKeyAdvisor" });
  });
});
