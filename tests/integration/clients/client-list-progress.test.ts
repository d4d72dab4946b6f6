import { beforeEach, describe, expect, it } from "vitest";
import { getMyClientsPage } from "@/lib/domain/caseload/service";
import { getClientListPage } from "@/lib/domain/clients/service";
import { deleteService, logService } from "@/lib/domain/services/service";
import { dateOnly } from "@/lib/dates";
import { contextFor, createClient, createTenant, createUser, type TClientRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { insertPath } from "@/tests/factories/path-rows";
import { polishDaysAgo, serviceInput } from "@/tests/factories/services";

/**
 * Issue 13: the client list shows each client's path step and last contact, sorts by name, town
 * and status (the URL's `sort` and `dir`), and filters by step — "has an open path at this step",
 * the condition the manager's dashboard counts — through both of its search paths.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let otherAdvisor: TUserRow;
let alfa: TClientRow;
let gamma: TClientRow;
let delta: TClientRow;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  alfa = await createClient(tenant, { name: "Anna Alfa", town: "Zabrze", keyAdvisorId: advisor.id });
  await createClient(tenant, { name: "Bogdan Beta", town: "Augustów" });
  gamma = await createClient(tenant, { name: "Cezary Gamma", keyAdvisorId: advisor.id });
  delta = await createClient(tenant, { name: "Dorota Delta", town: "Łódź", keyAdvisorId: otherAdvisor.id });
  await insertPath(tenant, { clientId: alfa.id, keyAdvisorId: advisor.id, createdById: manager.id, step: "PLAN" });
  await insertPath(tenant, { clientId: gamma.id, keyAdvisorId: advisor.id, createdById: manager.id, step: "PLAN" });
  // Delta's first path is closed; the open one is at IMPLEMENTATION.
  await insertPath(tenant, { clientId: delta.id, keyAdvisorId: otherAdvisor.id, createdById: manager.id, step: "CLOSED" });
  await insertPath(tenant, { clientId: delta.id, keyAdvisorId: otherAdvisor.id, createdById: manager.id, step: "IMPLEMENTATION" });
  // Another centre's client at PLAN, with the same name.
  const other = await createTenant();
  const foreignAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
  const foreign = await createClient(other, { name: "Anna Alfa", keyAdvisorId: foreignAdvisor.id });
  await insertPath(other, { clientId: foreign.id, keyAdvisorId: foreignAdvisor.id, createdById: foreignAdvisor.id, step: "PLAN" });
});

const names = (page: { result: { items: { name: string }[] } }) => page.result.items.map((item) => item.name);

describe("the client list's step filter", () => {
  it("lists exactly the clients with an open path at the step, with and without a name search", async () => {
    const ctx = contextFor(manager);
    const plan = await getClientListPage(ctx, { step: "PLAN" });
    expect(plan.filters.step).toBe("PLAN");
    expect(names(plan)).toEqual(["Anna Alfa", "Cezary Gamma"]);
    expect(plan.result.total).toBe(2);
    expect(names(await getClientListPage(ctx, { step: "IMPLEMENTATION" }))).toEqual(["Dorota Delta"]);
    // No client has an open path at NEEDS.
    expect(names(await getClientListPage(ctx, { step: "NEEDS" }))).toEqual([]);
    // Through the trigram search function (three letters or more) and through LIKE (fewer).
    expect(names(await getClientListPage(ctx, { q: "alfa", step: "PLAN" }))).toEqual(["Anna Alfa"]);
    expect(names(await getClientListPage(ctx, { q: "delta", step: "PLAN" }))).toEqual([]);
    expect(names(await getClientListPage(ctx, { q: "a", step: "PLAN", status: "ACTIVE" }))).toEqual(["Anna Alfa", "Cezary Gamma"]);
    // An unknown step is ignored, like any value that is not one of the choices.
    const unknown = await getClientListPage(ctx, { step: "BOGUS" });
    expect(unknown.filters.step).toBeUndefined();
    expect(unknown.result.total).toBe(4);
  });

  it("shows a caller without centre-wide paths only the clients whose paths they may read", async () => {
    // The list's minimal data is centre-wide; the step is path data.
    expect((await getClientListPage(contextFor(otherAdvisor), {})).result.total).toBe(4);
    expect(names(await getClientListPage(contextFor(otherAdvisor), { step: "PLAN" }))).toEqual([]);
    expect(names(await getClientListPage(contextFor(advisor), { step: "PLAN" }))).toEqual(["Anna Alfa", "Cezary Gamma"]);
  });
});

describe("the client list's order", () => {
  it("sorts by name, town and status both ways, ties broken by name", async () => {
    const ctx = contextFor(manager);
    const order = async (sort?: string, dir?: string, q?: string) => names(await getClientListPage(ctx, { sort, dir, q }));
    expect(await order()).toEqual(["Anna Alfa", "Bogdan Beta", "Cezary Gamma", "Dorota Delta"]);
    expect(await order("name", "desc")).toEqual(["Dorota Delta", "Cezary Gamma", "Bogdan Beta", "Anna Alfa"]);
    // Towns folded ("Łódź" → "lodz"); a client without a town comes last going up, first going down.
    expect(await order("town", "asc")).toEqual(["Bogdan Beta", "Dorota Delta", "Anna Alfa", "Cezary Gamma"]);
    expect(await order("town", "desc")).toEqual(["Cezary Gamma", "Anna Alfa", "Dorota Delta", "Bogdan Beta"]);
    // WAITING, ACTIVE, CLOSED: the statuses' order.
    expect(await order("status", "asc")).toEqual(["Bogdan Beta", "Anna Alfa", "Cezary Gamma", "Dorota Delta"]);
    expect(await order("status", "desc")).toEqual(["Dorota Delta", "Cezary Gamma", "Anna Alfa", "Bogdan Beta"]);
    // A short fragment (LIKE under row-level security) orders its matches the same way.
    expect(await order("town", "desc", "a")).toEqual(["Cezary Gamma", "Anna Alfa", "Dorota Delta", "Bogdan Beta"]);
    expect(await order("status", "desc", "ta")).toEqual(["Dorota Delta", "Bogdan Beta"]);
  });

  it("orders the trigram search's matches like the list", async () => {
    const ctx = contextFor(manager);
    for (const town of ["Kraków", "Bytom", null, "Opole", "Gdańsk"]) await createClient(tenant, { name: `Fundacja ${town ?? "bez miasta"}`, town });
    const asc = await getClientListPage(ctx, { q: "fundacja", sort: "town", dir: "asc" });
    expect(names(asc)).toEqual(["Fundacja Bytom", "Fundacja Gdańsk", "Fundacja Kraków", "Fundacja Opole", "Fundacja bez miasta"]);
    const desc = await getClientListPage(ctx, { q: "fundacja", sort: "town", dir: "desc" });
    expect(names(desc)).toEqual(["Fundacja bez miasta", "Fundacja Opole", "Fundacja Kraków", "Fundacja Gdańsk", "Fundacja Bytom"]);
    expect(desc.order).toEqual({ sort: "town", dir: "desc" });
    expect(names(await getClientListPage(ctx, { q: "fundacja", sort: "status", dir: "desc", step: "" }))).toHaveLength(5);
    expect(names(await getClientListPage(ctx, { q: "fundacja", sort: "name", dir: "desc" }))[0]).toBe("Fundacja Opole");
  });

  it("falls back to the name going up for an order it does not offer", async () => {
    const page = await getClientListPage(contextFor(manager), { sort: "lastContact", dir: "sideways" });
    expect(page.order).toEqual({ sort: "name", dir: "asc" });
    expect(names(page)).toEqual(["Anna Alfa", "Bogdan Beta", "Cezary Gamma", "Dorota Delta"]);
  });
});

describe("where each listed client stands", () => {
  it("shows the open path's step and the date of the latest service that is not deleted", async () => {
    const advisorCtx = contextFor(advisor);
    await logService(advisorCtx, serviceInput([alfa.id], { date: polishDaysAgo(5) }));
    const later = await logService(advisorCtx, serviceInput([alfa.id], { date: polishDaysAgo(2) }));
    await deleteService(advisorCtx, later.id, { reason: "Pomyłka" });
    const page = await getClientListPage(contextFor(manager), {});
    const byName = new Map(page.result.items.map((item) => [item.name, item]));
    expect(byName.get("Anna Alfa")).toMatchObject({ step: "PLAN", lastContact: dateOnly(polishDaysAgo(5)) });
    expect(byName.get("Bogdan Beta")).toMatchObject({ step: null, lastContact: null });
    expect(byName.get("Dorota Delta")).toMatchObject({ step: "IMPLEMENTATION", lastContact: null });
  });

  it("shows them only for the clients the caller may open", async () => {
    const page = await getClientListPage(contextFor(otherAdvisor), {});
    const byName = new Map(page.result.items.map((item) => [item.name, item]));
    expect(byName.get("Anna Alfa")).toMatchObject({ canOpen: false, step: null });
    expect(byName.get("Dorota Delta")).toMatchObject({ canOpen: true, step: "IMPLEMENTATION" });
  });

  it("shows 'my clients' their step, last contact and what falls due next", async () => {
    await logService(contextFor(advisor), serviceInput([gamma.id], { date: polishDaysAgo(3) }));
    const mine = await getMyClientsPage(contextFor(advisor), {});
    const byName = new Map(mine.clients.items.map((item) => [item.name, item]));
    expect(byName.get("Cezary Gamma")).toMatchObject({ step: "PLAN", lastContact: dateOnly(polishDaysAgo(3)), nextDue: null });
    expect(byName.get("Anna Alfa")).toMatchObject({ step: "PLAN", lastContact: null });
  });
});
