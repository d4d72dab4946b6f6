import "server-only";
import type { TAttendanceListData } from "@/lib/domain/events/documents";
import { contentWidth, createPdf, finishPdf } from "./document";
import { polishDay, timeRange, type TEventsTranslator } from "./format";
import { drawTable } from "./table";

/**
 * A session's attendance list to sign (A4): the event and the session, its trainers, and a
 * table — Lp., name, the entity the person represents, an empty signature cell tall enough to sign
 * in — continued over as many pages as the list needs, each numbered "Strona 1 z 2" with the
 * centre's name. `t` reads the "events" messages; the routes give it the Polish ones (the list is
 * signed on paper for the project's files, whatever the language of whoever prints it).
 */
export async function attendanceListPdf(data: TAttendanceListData, t: TEventsTranslator): Promise<Buffer> {
  const l = (key: string, values?: Record<string, string | number>) => t(`documents.attendanceList.${key}`, values);
  const doc = createPdf({ title: `${l("title")}: ${data.event.title}`, author: data.centre });
  const width = contentWidth(doc);

  doc.font("bold").fontSize(18).text(l("title"), { align: "center" });
  doc.moveDown(0.3);
  doc.font("bold").fontSize(13).text(data.event.title, { align: "center" });
  doc.moveDown(0.8);

  const { session } = data;
  const time = timeRange(session.startTime, session.endTime);
  const details: [string, string | null][] = [
    [l("kind"), t(`kinds.${data.event.kind}`)],
    [l("supportType"), data.event.supportTypeName],
    [l("date"), `${polishDay(session.day)} (${l("session", { number: session.number, of: session.of })})`],
    [l("time"), time || null],
    [l("place"), session.place],
    [l("online"), session.onlineUrl],
    [l("trainers"), data.trainers.length > 0 ? data.trainers.join(", ") : null],
  ];
  for (const [label, value] of details) {
    if (value === null) continue;
    doc.font("bold").fontSize(10).text(`${label}: `, { continued: true, width });
    doc.font("regular").text(value, { width });
  }
  doc.moveDown(1);

  if (data.participants.length === 0) {
    doc.font("regular").fontSize(10).text(l("empty"));
  } else {
    drawTable(
      doc,
      [
        { header: l("lp"), width: 32, align: "right" },
        { header: l("person"), width: 168 },
        { header: l("represents"), width: 165 },
        { header: l("signature"), width: width - 32 - 168 - 165 },
      ],
      data.participants.map((p, i) => [`${i + 1}.`, p.person, p.represents ?? "", ""]),
      { minRowHeight: 34 },
    );
  }
  return finishPdf(doc, (page, pages) => `${t("documents.footer", { page, pages })} · ${data.centre}`);
}
