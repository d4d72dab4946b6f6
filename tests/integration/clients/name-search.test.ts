import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { clientNameSearchStatements } from "@/lib/domain/clients/find-clients";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { findClients } from "@/lib/domain/clients/service";
import {
  contextFor,
  createClient as insertClient,
  createOffice,
  createTenant,
  createUser,
  ownerQuery,
  type TClientKindValue,
  type TOfficeRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";

/**
 * Issue 12 / docs/decisions/011: a name fragment of three letters or more is searched through
 * `client_name_search`, a SECURITY DEFINER function owned by a role that bypasses row-level
 * security, so that the trigram index serves it. The answers must stay those of the plain
 * "contains" search, and the function must stay inside the transaction's tenant.
 */
const APP_DATABASE_URL = process.env.APP_DATABASE_URL ?? "";
const OWNER_DATABASE_URL = process.env.DATABASE_URL ?? "";

let tenant: TTenantRow;
let otherTenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let office: TOfficeRow;
let ctx: TContext;
let app: pg.Client;

beforeAll(async () => {
  app = new pg.Client({ connectionString: APP_DATABASE_URL });
  await app.connect();
  const [me] = (await app.query<{ user: string }>("SELECT current_user AS user")).rows;
  expect(me?.user).toBe("owes_app");
});

afterAll(async () => {
  await app.end();
});

/** Names that exercise folding, wildcards in the query and the backslash (LIKE's escape character). */
const NAMES: [string, TClientKindValue][] = [
  ["Anna Kowalska", "PERSON"],
  ["Jan Kowalski", "PERSON"],
  ["Piotr Kowalczyk", "PERSON"],
  ["Zofia Zając", "PERSON"],
  ["Anna_Kowalska", "PERSON"],
  ["Łódź Spółdzielnia Socjalna", "SOCIAL_COOPERATIVE"],
  ["Spółdzielnia Pracy Łódzka", "OTHER_COOPERATIVE"],
  ["Fundacja 100% Pomocy", "NGO"],
  ["Fundacja 1000 Pomysłów", "NGO"],
  ["Fundacja A\\B Centrum", "NGO"],
  ["Fundacja Ab Centrum", "NGO"],
  ["Stowarzyszenie Kowalówka", "NGO"],
];

beforeEach(async () => {
  tenant = await createTenant();
  otherTenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  office = await createOffice(tenant);
  ctx = contextFor(manager);
  // Each name twice in various states; the same names in the other tenant.
  for (const [i, [name, kind]] of NAMES.entries()) {
    await insertClient(tenant, { name, kind, officeId: i % 2 ? office.id : null });
    await insertClient(tenant, i % 3 ? { name, kind, status: "CLOSED" } : { name, kind, keyAdvisorId: advisor.id });
    await insertClient(otherTenant, { name, kind });
  }
});

type TFilters = { kind?: TClientKindValue; status?: "WAITING" | "ACTIVE" | "CLOSED"; officeId?: string; advisorId?: string };

/** The expected answer, written independently of LIKE: strpos on the folded name, in the list's order. */
async function expectedIds(tenantId: string, q: string, filters: TFilters = {}): Promise<string[]> {
  const rows = await ownerQuery<{ id: string }>(
    `SELECT id FROM client
      WHERE tenant_id = $1 AND strpos(name_normalized, $2) > 0
        AND ($3::text IS NULL OR kind::text = $3) AND ($4::text IS NULL OR status::text = $4)
        AND ($5::uuid IS NULL OR office_id = $5)
        AND ($6::text IS NULL OR ($6 = 'none' AND key_advisor_id IS NULL) OR key_advisor_id::text = $6)
      ORDER BY name_normalized, id`,
    [tenantId, foldForSearch(q), filters.kind ?? null, filters.status ?? null, filters.officeId ?? null, filters.advisorId ?? null],
  );
  return rows.map((r) => r.id);
}

/** Every page of a search, two at a time, and the page after the last. */
async function allPages(q: string, filters: TFilters = {}) {
  const first = await findClients(ctx, { q, pageSize: 2, ...filters });
  const ids = first.items.map((c) => c.id);
  for (let page = 2; page <= first.pageCount; page++) {
    const next = await findClients(ctx, { q, pageSize: 2, page, ...filters });
    expect(next.total, `${q} page ${page}`).toBe(first.total);
    ids.push(...next.items.map((c) => c.id));
  }
  const beyond = await findClients(ctx, { q, pageSize: 2, page: first.pageCount + 1, ...filters });
  return { ids, total: first.total, beyond };
}

describe("findClients by a name fragment (through client_name_search)", () => {
  const FRAGMENTS = ["kowal", "KOWALSKA", "lodz", "ŁÓDŹ", "zajac", "ZAJĄC", "spółdz", "100%", "na_kow", "cja a\\b", "fundacja", "nikogo"];

  it.each(FRAGMENTS)("answers %j like a plain 'contains', on every page, with the total", async (q) => {
    const expected = await expectedIds(tenant.id, q);
    const { ids, total, beyond } = await allPages(q);
    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
    expect(beyond).toMatchObject({ items: [], total: expected.length });
  });

  it("treats %, _ and \\ in the fragment as text", async () => {
    const names = async (q: string) => (await findClients(ctx, { q })).items.map((c) => c.name);
    expect(new Set(await names("100%"))).toEqual(new Set(["Fundacja 100% Pomocy"]));
    expect(new Set(await names("na_kow"))).toEqual(new Set(["Anna_Kowalska"]));
    expect(new Set(await names("cja a\\b"))).toEqual(new Set(["Fundacja A\\B Centrum"]));
    expect(await names("fund%cja")).toEqual([]);
  });

  it("applies the kind, status, office and advisor filters before paging", async () => {
    const cases: [string, TFilters][] = [
      ["kowal", { kind: "PERSON" }],
      ["kowal", { kind: "NGO" }],
      ["fundacja", { status: "CLOSED" }],
      ["fundacja", { status: "ACTIVE" }],
      ["kowal", { officeId: office.id }],
      ["kowal", { advisorId: advisor.id }],
      ["kowal", { advisorId: "none", status: "WAITING" }],
      ["spoldz", { kind: "OTHER_COOPERATIVE", status: "CLOSED" }],
    ];
    for (const [q, filters] of cases) {
      const expected = await expectedIds(tenant.id, q, filters);
      const { ids, total } = await allPages(q, filters);
      expect({ q, filters, ids }).toEqual({ q, filters, ids: expected });
      expect(total).toBe(expected.length);
    }
  });

  it("lists the same columns as any list, and whether the caller may open each client", async () => {
    const page = await findClients(contextFor(advisor), { q: "kowalska" });
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(Object.keys(item).sort()).toEqual(["canOpen", "id", "keyAdvisor", "kind", "name", "office", "status", "town"]);
      expect(item.canOpen).toBe(item.keyAdvisor?.id === advisor.id);
    }
  });

  it("never answers with another tenant's clients, nor counts them", async () => {
    const theirs = new Set((await ownerQuery<{ id: string }>(`SELECT id FROM client WHERE tenant_id = $1`, [otherTenant.id])).map((r) => r.id));
    for (const q of FRAGMENTS) {
      const { ids, total } = await allPages(q);
      expect(ids.filter((id) => theirs.has(id)), q).toEqual([]);
      expect(total, q).toBe((await expectedIds(tenant.id, q)).length);
    }
    const other = await findClients(contextFor(await createUser(otherTenant, { role: "MANAGER" })), { q: "kowal" });
    expect(other.items.every((c) => theirs.has(c.id))).toBe(true);
    expect(other.total).toBe((await expectedIds(otherTenant.id, "kowal")).length);
  });

  it("goes through the function for three letters or more, and keeps LIKE below that and for a scoped caller", async () => {
    await ownerQuery(`REVOKE EXECUTE ON FUNCTION client_name_search(text) FROM owes_app`);
    try {
      await expect(findClients(ctx, { q: "kowal" })).rejects.toThrow(/permission denied for function client_name_search/);
      expect((await findClients(ctx, { q: "ko" })).total).toBe((await expectedIds(tenant.id, "ko")).length);
      expect((await findClients(ctx, { q: "_" })).total).toBe((await expectedIds(tenant.id, "_")).length);
      // The service form narrows to clients one may log for: an advisor's are theirs.
      const scoped = await findClients(contextFor(advisor), { q: "kowal" }, { scopedTo: "services.log" });
      expect(scoped.items.map((c) => c.id)).toEqual(await expectedIds(tenant.id, "kowal", { advisorId: advisor.id }));
    } finally {
      await ownerQuery(`GRANT EXECUTE ON FUNCTION client_name_search(text) TO owes_app`);
    }
    expect((await findClients(ctx, { q: "kowal" })).total).toBe((await expectedIds(tenant.id, "kowal")).length);
  });
});

describe("client_name_search called directly by the app role", () => {
  async function inTenant<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
    await app.query("BEGIN");
    try {
      if (tenantId !== null) await app.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
      return await work();
    } finally {
      await app.query("ROLLBACK");
    }
  }
  const search = async (fragment: string) => (await app.query<{ id: string }>(`SELECT id FROM client_name_search($1)`, [fragment])).rows.map((r) => r.id);
  const idsOf = async (tenantId: string) => (await ownerQuery<{ id: string }>(`SELECT id FROM client WHERE tenant_id = $1`, [tenantId])).map((r) => r.id);

  it("returns nothing without a tenant, even for an empty fragment", async () => {
    expect(await inTenant(null, () => search(""))).toEqual([]);
    expect(await inTenant(null, () => search("kowal"))).toEqual([]);
    // After a transaction-local setting the value reads as '' on the connection: still no tenant.
    expect(await inTenant("", () => search(""))).toEqual([]);
  });

  it("with tenant A set returns only tenant A's clients", async () => {
    const ours = await idsOf(tenant.id);
    expect(new Set(await inTenant(tenant.id, () => search("")))).toEqual(new Set(ours));
    const found = await inTenant(tenant.id, () => search("kowal"));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((id) => ours.includes(id))).toBe(true);
    expect(new Set(await inTenant(otherTenant.id, () => search("kowal")))).toEqual(new Set(await expectedIds(otherTenant.id, "kowal")));
  });

  it("takes the tenant from nowhere but the transaction: one text argument, owner bypassing RLS with nothing else", async () => {
    const [fn] = await ownerQuery<{ args: string; owner: string; secdef: boolean; config: string[]; executors: string[] }>(
      `SELECT pg_get_function_identity_arguments(p.oid) AS args, p.proowner::regrole::text AS owner, p.prosecdef AS secdef,
              p.proconfig AS config,
              (SELECT array_agg(a.grantee::regrole::text ORDER BY a.grantee::regrole::text) FROM aclexplode(p.proacl) a WHERE a.privilege_type = 'EXECUTE') AS executors
         FROM pg_proc p WHERE p.proname = 'client_name_search'`,
    );
    expect(fn).toEqual({ args: "p_fragment text", owner: "owes_search", secdef: true, config: ["search_path=public, pg_temp"], executors: ["owes_app", "owes_search"] });
    const [role] = await ownerQuery(`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'owes_search'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: true, rolcanlogin: false });
    const [grants] = await ownerQuery(
      `SELECT has_table_privilege('owes_search', 'client', 'SELECT') AS whole_table,
              has_column_privilege('owes_search', 'client', 'name_normalized', 'SELECT') AS name,
              has_column_privilege('owes_search', 'client', 'pesel', 'SELECT') AS pesel,
              has_any_column_privilege('owes_search', 'client_person', 'SELECT') AS people,
              has_table_privilege('owes_search', 'client', 'UPDATE') AS "update",
              pg_has_role('owes_app', 'owes_search', 'MEMBER') AS app_member`,
    );
    expect(grants).toEqual({ whole_table: false, name: true, pesel: false, people: false, update: false, app_member: false });
  });
});

describe("the plan", () => {
  /** Plans of the statements `work` runs, nested ones included (auto_explain), as the app role with the tenant set. */
  async function plansAsApp(work: (db: pg.Client) => Promise<unknown>): Promise<string> {
    const db = new pg.Client({ connectionString: OWNER_DATABASE_URL });
    await db.connect();
    const notices: string[] = [];
    db.on("notice", (notice) => notices.push(notice.message ?? ""));
    try {
      await db.query(`LOAD 'auto_explain'`);
      await db.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = 'notice'`);
      await db.query(`SET ROLE owes_app`);
      await db.query("BEGIN");
      await db.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.id]);
      await work(db);
      await db.query("ROLLBACK");
      return notices.join("\n");
    } finally {
      await db.end();
    }
  }

  beforeEach(async () => {
    // Enough clients in the tenant that reading them all costs more than the index, as at any real size.
    await ownerQuery(
      `INSERT INTO client (id, tenant_id, kind, name, name_normalized, status, waiting_since, updated_at)
       SELECT gen_random_uuid(), $1, 'PERSON', 'Klient ' || n, 'klient ' || n, 'WAITING', now(), now() FROM generate_series(1, 20000) n`,
      [tenant.id],
    );
    await ownerQuery(`ANALYZE client`);
  });

  it("uses the trigram index for findClients' statement, where LIKE under row-level security cannot", async () => {
    const statement = clientNameSearchStatements("zajac", {}, { page: 1, pageSize: 25 }).rows;
    const viaFunction = await plansAsApp((db) => db.query(statement.text, statement.values));
    expect(viaFunction).toContain("client_name_trgm_idx");

    const direct = await plansAsApp((db) => db.query(`SELECT id FROM client WHERE name_normalized LIKE '%zajac%' ORDER BY name_normalized, id LIMIT 25`));
    expect(direct).not.toContain("client_name_trgm_idx");
  });
});
