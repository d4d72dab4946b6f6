import "server-only";
import PDFDocument from "pdfkit";
import { pdfFontPaths } from "./fonts";

/**
 * An A4 document of the app's: Polish-capable fonts registered as "regular" and "bold", the
 * document's title and language in its metadata (screen readers announce them), pages buffered so
 * that the footer can say "page 1 of 2" once the last page is known.
 */
export type TPdf = PDFKit.PDFDocument;

export const A4_MARGIN = 42;

export function createPdf({ title, author, lang = "pl-PL" }: { title: string; author: string; lang?: string }): TPdf {
  const fonts = pdfFontPaths();
  const doc = new PDFDocument({
    size: "A4",
    margin: A4_MARGIN,
    bufferPages: true,
    font: fonts.regular,
    lang,
    displayTitle: true,
    info: { Title: title, Author: author, Creator: "OWES" },
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  return doc.font("regular");
}

/** The usable width between the side margins. */
export function contentWidth(doc: TPdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** The lowest y content may reach on the current page (the footer lives below it). */
export function contentBottom(doc: TPdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/**
 * Writes a footer on every page — `footer(page, pages)`, e.g. "Strona 1 z 2 · OWES Kielce" — and
 * ends the document, resolving with its bytes.
 */
export async function finishPdf(doc: TPdf, footer: (page: number, pages: number) => string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift the margin while writing, or pdfkit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(8)
      .fillColor("#333333")
      .text(footer(i - range.start + 1, range.count), doc.page.margins.left, doc.page.height - bottom / 2 - 4, {
        width: contentWidth(doc),
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
