import "server-only";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import { contentBottom, contentWidth, createPdf, finishPdf, type TPdf } from "@/lib/exports/pdf/document";
import { polishDay } from "@/lib/exports/pdf/format";
import { drawTable } from "@/lib/exports/pdf/table";
import type { TSubjectExportData, TTranslator } from "./subject-export";

/**
 * The access export's readable half (A4, Polish): the same data as dane.json, section by section,
 * every field under its Polish label (privacy.export.fields.<json key>) — so the PDF cannot leave
 * out what the JSON holds — with record ids left to the JSON. Numbered "Strona X z N".
 */

/** The sections in reading order: a key of the JSON and its heading (privacy.export.sections.<key>). */
export const EXPORT_SECTIONS = [
  "person",
  "legalBasis",
  "people",
  "keyAdvisors",
  "team",
  "paths",
  "services",
  "trainings",
  "cooperation",
  "indicatorEvidence",
  "jobs",
  "participant",
  "subjectRequests",
  "retention",
  "accessLog",
] as const satisfies readonly (keyof TSubjectExportData)[];

const POLISH_INSTANT = new Intl.DateTimeFormat("pl-PL", INSTANT_DATE_TIME);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Record ids stay in the JSON: a reader of the PDF has no use for them. */
const isIdKey = (key: string) => key === "id" || key.endsWith("Id");

type TCodedValue = { code: string; label: string };
const isCoded = (value: unknown): value is TCodedValue =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 2 && "code" in value && "label" in value;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value) && !isCoded(value);

/** A value as one line of text, or null when there is nothing to show. */
function textOf(value: unknown, t: TTranslator): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return t(value ? "privacy.export.yes" : "privacy.export.no");
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (ISO_INSTANT.test(value)) return POLISH_INSTANT.format(new Date(value));
    if (ISO_DAY.test(value)) return polishDay(value);
    return value;
  }
  if (isCoded(value)) return value.label;
  if (Array.isArray(value)) {
    const parts = value.map((item) => textOf(item, t)).filter((part): part is string => part !== null);
    return parts.length ? parts.join(", ") : null;
  }
  return null;
}

/** What a record in a list is called: its date and kind, where it has them, or its number in the list. */
function recordTitle(key: string, item: Record<string, unknown>, index: number, t: TTranslator): string {
  const pick = (...keys: string[]) =>
    keys
      .map((k) => textOf(item[k], t))
      .filter((part): part is string => part !== null)
      .join(" — ");
  const title = (() => {
    switch (key) {
      case "paths":
        return pick("openedAt", "direction");
      case "people":
        return pick("name", "role");
      case "consents":
        return pick("purpose", "givenOn");
      case "keyAdvisors":
        return pick("advisor", "assignedAt");
      case "team":
        return pick("member", "role");
      case "steps":
        return pick("at", "to");
      case "needs":
        return pick("area");
      case "actions":
        return `${String(item.order ?? index + 1)}. ${pick("supportType")}`;
      case "decisions":
        return pick("at", "kind");
      case "monitoring":
      case "evaluations":
        return pick("createdAt", "author");
      case "results":
        return pick("achievedOn", "type");
      case "indicatorEvidence":
        return pick("documentDate", "indicator");
      case "jobs":
        return pick("startsOn", "position");
      case "checks":
        return t("privacy.export.checkTitle", { months: String(item.months ?? "") });
      case "retention":
        return pick("retentionEndedOn");
      case "plans":
        return t("privacy.export.planTitle", { number: String(item.number ?? index + 1) });
      case "services":
        return pick("date", "supportType");
      case "trainings":
        return textOf((item.event as Record<string, unknown> | undefined)?.title, t) ?? "";
      case "sessions":
        return pick("date", "place");
      case "cooperation":
        return pick("date", "institution");
      case "annotations":
        return pick("createdAt", "step");
      case "subjectRequests":
        return pick("receivedOn", "kind");
      default:
        return "";
    }
  })();
  return title || `${t(`privacy.export.fields.${key}`)} ${index + 1}`;
}

class Writer {
  readonly width: number;
  constructor(
    readonly doc: TPdf,
    readonly t: TTranslator,
  ) {
    this.width = contentWidth(doc);
  }

  /** Starts a new page when fewer than `space` points are left, so a heading never ends a page. */
  private room(space: number) {
    if (this.doc.y + space > contentBottom(this.doc)) this.doc.addPage();
  }

  private at(depth: number) {
    return { x: this.doc.page.margins.left + depth * 12, width: this.width - depth * 12 };
  }

  heading(text: string, depth: number) {
    const sizes = [14, 12, 11, 10];
    this.room(60);
    this.doc.moveDown(depth === 0 ? 0.8 : 0.5);
    const { x, width } = this.at(depth);
    this.doc
      .font("bold")
      .fontSize(sizes[Math.min(depth, sizes.length - 1)] ?? 10)
      .text(text, x, this.doc.y, { width });
    this.doc.moveDown(0.2);
  }

  line(label: string, value: string, depth: number) {
    this.room(14);
    const { x, width } = this.at(depth);
    this.doc.font("bold").fontSize(9.5).text(`${label}: `, x, this.doc.y, { continued: true, width });
    this.doc.font("regular").text(value, { width });
  }

  note(text: string, depth: number) {
    const { x, width } = this.at(depth);
    this.doc.font("regular").fontSize(9.5).fillColor("#333333").text(text, x, this.doc.y, { width }).fillColor("#000000");
  }

  /**
   * A record: its plain fields as "label: value" lines, then its nested records and lists under
   * their own headings; "none" for a record with nothing recorded (an address never given).
   */
  record(value: Record<string, unknown>, depth: number) {
    const label = (key: string) => this.t(`privacy.export.fields.${key}`);
    const nested: [string, unknown][] = [];
    let lines = 0;
    for (const [key, inner] of Object.entries(value)) {
      if (isIdKey(key)) continue;
      if (isRecord(inner) || (Array.isArray(inner) && inner.some(isRecord))) {
        nested.push([key, inner]);
        continue;
      }
      const text = textOf(inner, this.t);
      if (text === null) continue;
      this.line(label(key), text, depth);
      lines += 1;
    }
    if (lines === 0 && nested.length === 0) this.note(this.t("privacy.export.none"), depth);
    for (const [key, inner] of nested) {
      if (isRecord(inner)) {
        this.heading(label(key), depth + 1);
        this.record(inner, depth + 1);
      } else {
        this.list(key, inner as unknown[], depth + 1, label(key));
      }
    }
  }

  /** A list of records under its heading, each under a title of its own; "none" when it is empty. */
  list(key: string, items: unknown[], depth: number, heading: string | null) {
    if (heading) this.heading(heading, depth);
    if (items.length === 0) {
      this.note(this.t("privacy.export.none"), depth);
      return;
    }
    for (const [index, item] of items.entries()) {
      if (!isRecord(item)) continue;
      this.heading(recordTitle(key, item, index, this.t), depth + 1);
      this.record(item, depth + 1);
    }
  }
}

/** The access log as a table: when, who, what and which (its entries are many and short). */
function accessLogTable(w: Writer, entries: TSubjectExportData["accessLog"]) {
  const { doc, t, width } = w;
  if (entries.length === 0) {
    w.note(t("privacy.export.none"), 0);
    return;
  }
  doc.moveDown(0.3);
  doc.x = doc.page.margins.left;
  drawTable(
    doc,
    [
      { header: t("privacy.export.fields.at"), width: 100 },
      { header: t("privacy.export.fields.user"), width: 130 },
      { header: t("privacy.export.fields.view"), width: 140 },
      { header: t("privacy.export.fields.detail"), width: width - 370 },
    ],
    entries.map((e) => [textOf(e.at, t) ?? "", e.user ?? "", e.view.label, e.detail ?? ""]),
  );
}

export async function subjectExportPdf(data: TSubjectExportData, t: TTranslator): Promise<Buffer> {
  const title = t("privacy.export.title");
  const doc = createPdf({ title: `${title}: ${data.person.name}`, author: data.controller });
  const w = new Writer(doc, t);

  doc.font("bold").fontSize(18).text(title, { align: "center", width: w.width });
  doc.moveDown(0.3);
  doc.font("bold").fontSize(14).text(data.person.name, { align: "center", width: w.width });
  doc.moveDown(0.6);
  w.line(t("privacy.export.controller"), data.controller, 0);
  w.line(t("privacy.export.generatedOn"), polishDay(data.generatedOn), 0);
  if (data.request.receivedOn) w.line(t("privacy.export.requestReceivedOn"), polishDay(data.request.receivedOn), 0);
  doc.moveDown(0.4);
  w.note(t("privacy.export.intro"), 0);

  for (const key of EXPORT_SECTIONS) {
    const heading = t(`privacy.export.sections.${key}`);
    if (key === "accessLog") {
      w.heading(heading, 0);
      accessLogTable(w, data.accessLog);
      continue;
    }
    const value: unknown = data[key];
    if (Array.isArray(value)) {
      w.list(key, value, 0, heading);
    } else {
      w.heading(heading, 0);
      if (isRecord(value)) w.record(value, 0);
      else w.note(t("privacy.export.none"), 0);
    }
  }
  return finishPdf(doc, (page, pages) => `${t("privacy.export.footer", { page, pages })} · ${data.controller}`);
}
