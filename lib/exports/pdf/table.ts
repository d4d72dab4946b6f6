import "server-only";
import { contentBottom, type TPdf } from "./document";

/**
 * A ruled table that flows over pages: the header row is repeated at the top of each new page,
 * a row never splits, and each row is as tall as its longest cell (at least `minRowHeight` — the
 * attendance list's rows leave room for a signature).
 */
export type TTableColumn = { header: string; width: number; align?: "left" | "center" | "right" };

const PAD = 4;
const FONT_SIZE = 9.5;

function rowHeight(doc: TPdf, columns: TTableColumn[], cells: string[], font: "regular" | "bold", min: number): number {
  doc.font(font).fontSize(FONT_SIZE);
  const heights = columns.map((column, i) => doc.heightOfString(cells[i] ?? "", { width: column.width - 2 * PAD }));
  return Math.max(min, ...heights.map((h) => h + 2 * PAD));
}

function drawRow(doc: TPdf, columns: TTableColumn[], cells: string[], y: number, height: number, header: boolean) {
  let x = doc.page.margins.left;
  for (const [i, column] of columns.entries()) {
    if (header) doc.rect(x, y, column.width, height).fillAndStroke("#e8e8e8", "#000000");
    else doc.rect(x, y, column.width, height).lineWidth(0.6).stroke("#000000");
    doc
      .fillColor("#000000")
      .font(header ? "bold" : "regular")
      .fontSize(FONT_SIZE)
      .text(cells[i] ?? "", x + PAD, y + PAD, { width: column.width - 2 * PAD, align: column.align ?? "left" });
    x += column.width;
  }
}

export function drawTable(doc: TPdf, columns: TTableColumn[], rows: string[][], { minRowHeight = 18 }: { minRowHeight?: number } = {}): void {
  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(doc, columns, headers, "bold", 20);
  let y = doc.y;
  const header = () => {
    drawRow(doc, columns, headers, y, headerHeight, true);
    y += headerHeight;
  };
  header();
  for (const cells of rows) {
    const height = rowHeight(doc, columns, cells, "regular", minRowHeight);
    if (y + height > contentBottom(doc)) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
    drawRow(doc, columns, cells, y, height, false);
    y += height;
  }
  doc.x = doc.page.margins.left;
  doc.y = y + 8;
}
