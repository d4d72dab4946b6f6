import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getTimesheet } from "@/lib/domain/services/timesheet";
import { auditRows, contextFor, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { tenantSnapshot } from "@/tests/factories/assertions";
import { nipNumber, peselNumber, windows1250 } from "@/tests/factories/identifiers";
import { clientsCsv, servicesCsv, servicesXlsx, utf8, type TServiceCells } from "@/tests/factories/import-files";
import { polishDaysAgo } from "@/tests/factories/services";
import { dryRun, importFile } from "./import-support";

/**
 * Issue 18, the service import against PostgreSQL: services for clients found by their
 * identifiers, delivered by users found by e-mail, with the quick-entry form's rules; dd.mm.rrrr
 * dates from a Windows-1250 CSV; the same file twice creates each record once; other tenants untouched.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let ctx: TContext;

/** A calendar day `days` ago as a Polish spreadsheet writes it. */
function polishDate(days: number): string {
  const [y, m, d] = polishDaysAgo(days).split("-");
  return `${d}.${m}.${y}`;
}

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", email: "ewa.doradczyni@example.test" });
  ctx = contextFor(manager);
  await importFile(
    ctx,
    "CLIENTS",
    utf8(
      clientsCsv([
        { kind: "Osoba fizyczna", name: "Anna Nowak", pesel: peselNumber(1) },
        { kind: "Osoba fizyczna", name: "Piotr Lis", pesel: peselNumber(2) },
        { kind: "Spółdzielnia socjalna", name: "Spółdzielnia Razem", nip: nipNumber(5) },
        { kind: "Osoba fizyczna", name: "Zofia Koniec", pesel: peselNumber(3), status: "Wsparcie zakończone" },
      ]),
    ),
  );
});

const consultation = (days: number, extra: TServiceCells = {}): TServiceCells => ({
  date: polishDate(days),
  startTime: "10:00",
  durationMinutes: "60",
  supportType: "Doradztwo",
  form: "Indywidualna",
  channel: "Osobiście",
  topic: `Konsultacja ${days}`,
  clients: peselNumber(1),
  providers: "ewa.doradczyni@example.test",
  ...extra,
});

async function records() {
  return ownerQuery<{ topic: string; date: string; duration: number; form: string; support_type: string; author_id: string; clients: string[]; providers: string[] }>(
    `SELECT r.topic, to_char(r.date, 'YYYY-MM-DD') AS date, r.duration_minutes AS duration, r.form::text, r.support_type, r.author_id,
            ARRAY(SELECT c.name FROM service_participation p JOIN client c ON c.id = p.client_id WHERE p.service_id = r.id ORDER BY c.name) AS clients,
            ARRAY(SELECT u.email FROM service_provider s JOIN "user" u ON u.id = s.user_id WHERE s.service_id = r.id ORDER BY u.email) AS providers
     FROM service_record r WHERE r.tenant_id = $1 ORDER BY r.topic`,
    [tenant.id],
  );
}

describe("a service file", () => {
  it("imports a Windows-1250 CSV with semicolons and dd.mm.rrrr dates, and a second run creates nothing", async () => {
    const text = servicesCsv([
      consultation(3, { topic: "Biznesplan — źródła finansowania" }),
      consultation(2, { form: "Grupowa", clients: `${peselNumber(1)}; ${peselNumber(2)}; ${nipNumber(5)}`, topic: "Spotkanie grupowe", durationMinutes: "90" }),
      consultation(1, { providers: "", topic: "Telefon", channel: "Telefonicznie", supportType: "INFORMATION" }),
    ]).replace(/—/g, "-");
    const done = await importFile(ctx, "SERVICES", windows1250(text), { fileName: "uslugi.csv" });
    expect(done.dataImport).toMatchObject({ status: "IMPORTED", toCreate: 3 });
    expect(await records()).toEqual([
      { topic: "Biznesplan - źródła finansowania", date: polishDaysAgo(3), duration: 60, form: "INDIVIDUAL", support_type: "ADVISORY", author_id: manager.id, clients: ["Anna Nowak"], providers: [advisor.email] },
      { topic: "Spotkanie grupowe", date: polishDaysAgo(2), duration: 90, form: "GROUP", support_type: "ADVISORY", author_id: manager.id, clients: ["Anna Nowak", "Piotr Lis", "Spółdzielnia Razem"], providers: [advisor.email] },
      // No deliverer named: the importing user delivered it.
      { topic: "Telefon", date: polishDaysAgo(1), duration: 60, form: "INDIVIDUAL", support_type: "INFORMATION", author_id: manager.id, clients: ["Anna Nowak"], providers: [manager.email] },
    ]);
    // The advisor's timesheets count the imported hours like logged ones (60 + 90 minutes).
    const months = [...new Set([polishDaysAgo(3), polishDaysAgo(2)].map((day) => day.slice(0, 7)))];
    let minutes = 0;
    for (const month of months) minutes += (await getTimesheet(ctx, { month, userId: advisor.id })).minutes;
    expect(minutes).toBe(150);
    expect((await auditRows(tenant.id)).filter((a) => a.action === "service.create" && (a.after as { importId?: string }).importId === done.id)).toHaveLength(3);
    // The rollups every report reads follow the bulk insert as they follow a logged service.
    const providers = await ownerQuery<{ duration_minutes: number; support_type: string }>(
      `SELECT duration_minutes, support_type FROM service_provider WHERE tenant_id = $1 ORDER BY duration_minutes, support_type`,
      [tenant.id],
    );
    expect(providers).toEqual([
      { duration_minutes: 60, support_type: "ADVISORY" },
      { duration_minutes: 60, support_type: "INFORMATION" },
      { duration_minutes: 90, support_type: "ADVISORY" },
    ]);
    const [totals] = await ownerQuery<{ services: number; minutes: number }>(
      `SELECT sum(services)::int AS services, sum(minutes)::int AS minutes FROM service_day_total WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(totals).toEqual({ services: 3, minutes: 210 });

    const again = await importFile(ctx, "SERVICES", windows1250(text), { fileName: "uslugi.csv" });
    expect(again.checked).toMatchObject({ toCreate: 0, toSkip: 3 });
    expect(await records()).toHaveLength(3);
  });

  it("reports each bad row with its column and writes nothing", async () => {
    const rows = [
      consultation(1),
      consultation(1, { clients: "00000000000", topic: "Nieznany" }),
      consultation(1, { clients: peselNumber(3), topic: "Zakończony" }),
      consultation(-2, { topic: "Przyszłość" }),
      consultation(1, { date: "31.02.2026", topic: "Zła data" }),
      consultation(1, { durationMinutes: "700", topic: "Za długo" }),
      consultation(1, { supportType: "Doradztwo specjalistyczne", topic: "Bez obszaru" }),
      consultation(1, { clients: `${peselNumber(1)};${peselNumber(2)}`, topic: "Dwoje indywidualnie" }),
      consultation(1, { providers: "nieznany@example.test", topic: "Nieznany realizujący" }),
      consultation(1, { form: "Warsztat", topic: "Zła forma" }),
      consultation(1),
    ];
    const result = await dryRun(ctx, "SERVICES", await servicesXlsx(rows));
    expect(result.dataImport).toMatchObject({ status: "INVALID", totalRows: 11, invalidRows: 10 });
    expect(result.issues.map((i) => [i.rowNumber, i.column, i.message])).toEqual([
      [3, "Klienci (identyfikatory)", "imports.issues.unknownClient"],
      [4, "Klienci (identyfikatory)", "imports.issues.clientSupportEnded"],
      [5, "Data", "validation.dateInFuture"],
      [6, "Data", "validation.invalidDate"],
      [7, "Czas (minuty)", "validation.durationRange"],
      [8, "Obszar specjalistyczny", "validation.specialistAreaRequired"],
      [9, "Klienci (identyfikatory)", "validation.individualOneClient"],
      [10, "Realizujący (e-mail)", "imports.issues.unknownUser"],
      [11, "Forma", "imports.issues.notOnList"],
      [12, null, "imports.issues.duplicateInFile"],
    ]);
    expect(await records()).toEqual([]);
  });

  it("leaves other tenants untouched", async () => {
    const other = await createTenant();
    const otherManager = await createUser(other, { role: "MANAGER" });
    await importFile(contextFor(otherManager), "CLIENTS", utf8(clientsCsv([{ kind: "Osoba fizyczna", name: "Anna Nowak", pesel: peselNumber(1) }])));
    const snapshot = await tenantSnapshot(other.id);
    await importFile(ctx, "SERVICES", utf8(servicesCsv([consultation(1)])));
    expect(await tenantSnapshot(other.id)).toEqual(snapshot);
    const [count] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM service_record WHERE tenant_id = $1`, [other.id]);
    expect(count?.n).toBe(0);
  });
});
