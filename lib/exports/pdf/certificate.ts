import "server-only";
import { todayInPoland } from "@/lib/dates";
import type { TCertificateData } from "@/lib/domain/events/documents";
import { contentWidth, createPdf, finishPdf } from "./document";
import { polishDay, polishNumber, timeRange, type TEventsTranslator } from "./format";

/**
 * "Zaświadczenie o udziale": the person, whom they represented, the event, the dates and times of
 * the sessions they attended and the hours in total, issued by the centre today — one A4 page.
 * `t` reads the "events" messages (Polish from the route, as for the attendance list).
 */
export async function certificatePdf(data: TCertificateData, t: TEventsTranslator): Promise<Buffer> {
  const c = (key: string, values?: Record<string, string | number>) => t(`documents.certificate.${key}`, values);
  const doc = createPdf({ title: `${c("title")}: ${data.person}`, author: data.centre });
  const width = contentWidth(doc);
  const centred = { align: "center" as const, width };

  doc.font("bold").fontSize(13).text(data.centre, centred);
  doc.moveDown(3);
  doc.font("bold").fontSize(22).text(c("title"), centred);
  doc.moveDown(2);
  doc.font("regular").fontSize(12).text(c("intro"), centred);
  doc.moveDown(0.6);
  doc.font("bold").fontSize(18).text(data.person, centred);
  if (data.represents) doc.moveDown(0.3).font("regular").fontSize(12).text(c("represents", { client: data.represents }), centred);
  doc.moveDown(0.8);
  doc.font("regular").fontSize(12).text(c("tookPart"), centred);
  doc.moveDown(0.4);
  doc.font("bold").fontSize(15).text(`„${data.event.title}”`, centred);
  doc.moveDown(0.4);
  doc
    .font("regular")
    .fontSize(11)
    .text(c("kind", { kind: t(`kinds.${data.event.kind}`), supportType: data.event.supportTypeName }), centred)
    .text(c("organiser", { centre: data.centre }), centred);
  doc.moveDown(1.5);

  doc.font("bold").fontSize(11).text(c("sessions"), centred);
  doc.moveDown(0.3);
  for (const session of data.sessions) {
    doc.font("regular").fontSize(11).text([polishDay(session.day), timeRange(session.startTime, session.endTime)].filter(Boolean).join(", "), centred);
  }
  doc.moveDown(0.5);
  doc.font("bold").fontSize(11).text(c("hours", { hours: polishNumber(data.minutes / 60), minutes: data.minutes }), centred);

  doc.moveDown(4);
  const y = doc.y;
  doc.font("regular").fontSize(10).text(c("issued", { date: polishDay(todayInPoland()) }), doc.page.margins.left, y, { width: width / 2 });
  const signatureX = doc.page.margins.left + width / 2 + 20;
  doc.moveTo(signatureX, y + 28).lineTo(signatureX + width / 2 - 20, y + 28).lineWidth(0.6).stroke("#000000");
  doc.fontSize(9).text(c("signature"), signatureX, y + 32, { width: width / 2 - 20, align: "center" });
  return finishPdf(doc, (page, pages) => `${t("documents.footer", { page, pages })} · ${data.centre}`);
}
