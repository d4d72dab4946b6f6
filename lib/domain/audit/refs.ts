import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { todayInPoland } from "@/lib/dates";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TAuditRefs, TAuditValue } from "./describe";
import type { TRefKind } from "./fields";
import { queueLabelKey } from "@/lib/domain/jobs/queue-labels";
import { ENUM_LABELS } from "./labels";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A catalogue entry is named by its code (the catalogue's keys are (tenant, code), not ids). */
const CODE = /^[A-Za-z0-9_]{1,64}$/;
const CATALOGUE_KINDS = new Set<TRefKind>(["supportType", "specialistArea", "pathTemplate"]);

type TRefRow = {
  kind: TRefKind;
  id: string;
  name: string | null;
  code: string | null;
  at: Date | null;
  num: number | null;
  day: string | null;
  /** A catalogue entry's names: the entry's own, or those of the support type a record names. */
  entry_name: string | null;
  entry_name_en: string | null;
};

const NULL_TEXT = Prisma.sql`NULL::text`;

/** The columns of every branch of the union (named in each, whichever branch comes first). */
const COLUMNS = (name: Prisma.Sql, code: Prisma.Sql, at: Prisma.Sql, num: Prisma.Sql, day: Prisma.Sql, entryName = NULL_TEXT, entryNameEn = NULL_TEXT) =>
  Prisma.sql`${name} AS name, ${code} AS code, ${at} AS at, ${num} AS num, ${day} AS day, ${entryName} AS entry_name, ${entryNameEn} AS entry_name_en`;

/** A record's support type, by its code in `alias`.support_type: its names in the catalogue. */
const supportTypeOf = (alias: string) =>
  Prisma.sql`LEFT JOIN support_type st ON st.tenant_id = ${Prisma.raw(alias)}.tenant_id AND st.code = ${Prisma.raw(alias)}.support_type`;

/** One SELECT per kind asked for, each filtered by the tenant and the ids (audit_log has no relations). */
function selectOf(kind: TRefKind, tenantId: string, ids: string[]): Prisma.Sql {
  const t = Prisma.sql`${tenantId}::uuid`;
  const any = Prisma.sql`ANY(${ids}::uuid[])`;
  const nameOnly = (name: string) => COLUMNS(Prisma.raw(name), Prisma.sql`NULL::text`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`NULL::text`);
  const entry = (table: string) =>
    Prisma.sql`SELECT ${kind}::text AS kind, e.code AS id, ${COLUMNS(NULL_TEXT, NULL_TEXT, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, NULL_TEXT, Prisma.sql`e.name`, Prisma.sql`e.name_en`)}
      FROM ${Prisma.raw(table)} e WHERE e.tenant_id = ${t} AND e.code = ANY(${ids}::text[])`;
  const head = (alias: string) => Prisma.sql`SELECT ${kind}::text AS kind, ${Prisma.raw(alias)}.id::text AS id,`;
  switch (kind) {
    case "user":
      return Prisma.sql`${head("x")} ${nameOnly("x.name")} FROM "user" x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "partner":
      return Prisma.sql`${head("x")} ${nameOnly("x.name")} FROM partner x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "office":
      return Prisma.sql`${head("x")} ${nameOnly("x.name")} FROM office x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "tenant":
      return Prisma.sql`${head("x")} ${nameOnly("x.name")} FROM tenant x WHERE x.id = ${t} AND x.id = ${any}`;
    case "client":
      return Prisma.sql`${head("x")} ${nameOnly("x.name")} FROM client x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "path":
      return Prisma.sql`${head("p")} ${COLUMNS(Prisma.sql`c.name`, Prisma.sql`NULL::text`, Prisma.sql`p.opened_at`, Prisma.sql`NULL::int`, Prisma.sql`NULL::text`)}
        FROM support_path p JOIN client c ON c.tenant_id = p.tenant_id AND c.id = p.client_id WHERE p.tenant_id = ${t} AND p.id = ${any}`;
    case "planVersion":
      return Prisma.sql`${head("v")} ${COLUMNS(Prisma.sql`c.name`, Prisma.sql`NULL::text`, Prisma.sql`p.opened_at`, Prisma.sql`v.number`, Prisma.sql`NULL::text`)}
        FROM path_plan_version v
        JOIN support_path p ON p.tenant_id = v.tenant_id AND p.id = v.path_id
        JOIN client c ON c.tenant_id = p.tenant_id AND c.id = p.client_id WHERE v.tenant_id = ${t} AND v.id = ${any}`;
    case "planAction":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`x.description`, Prisma.sql`x.support_type`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, NULL_TEXT, Prisma.sql`st.name`, Prisma.sql`st.name_en`)}
        FROM path_plan_action x ${supportTypeOf("x")} WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "annotation":
      // An annotation is named by its first revision's id (annotation_id).
      return Prisma.sql`SELECT ${kind}::text AS kind, a.annotation_id::text AS id, ${COLUMNS(Prisma.sql`c.name`, Prisma.sql`a.step::text`, Prisma.sql`p.opened_at`, Prisma.sql`NULL::int`, Prisma.sql`NULL::text`)}
        FROM path_annotation a
        JOIN support_path p ON p.tenant_id = a.tenant_id AND p.id = a.path_id
        JOIN client c ON c.tenant_id = p.tenant_id AND c.id = p.client_id
        WHERE a.tenant_id = ${t} AND a.revision = 1 AND a.annotation_id = ${any}`;
    case "service":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`x.topic`, Prisma.sql`x.support_type`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`to_char(x.date, 'YYYY-MM-DD')`, Prisma.sql`st.name`, Prisma.sql`st.name_en`)}
        FROM service_record x ${supportTypeOf("x")} WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "supportType":
      return entry("support_type");
    case "specialistArea":
      return entry("specialist_area");
    case "pathTemplate":
      return entry("path_template");
    case "institution":
      return Prisma.sql`${head("x")} ${nameOnly("x.name")} FROM institution x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "exchange":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`i.name`, Prisma.sql`NULL::text`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`to_char(x.date, 'YYYY-MM-DD')`)}
        FROM information_exchange x JOIN institution i ON i.tenant_id = x.tenant_id AND i.id = x.institution_id WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "job":
      // pg-boss's tables have no row-level security: the tenant is the one in the job's data. An
      // archived job still names its queue.
      return Prisma.sql`${head("x")} ${nameOnly("x.name")}
        FROM (SELECT id, name, data FROM pgboss.job UNION ALL SELECT id, name, data FROM pgboss.archive) x
        WHERE x.data->>'tenantId' = ${tenantId} AND x.id = ${any}`;
    case "jobRecord":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`c.name`, Prisma.sql`NULL::text`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`to_char(x.starts_on, 'YYYY-MM-DD')`)}
        FROM job_record x JOIN client c ON c.tenant_id = x.tenant_id AND c.id = x.client_id WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "event":
      return Prisma.sql`${head("x")} ${nameOnly("x.title")} FROM event x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "indicator":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`x.name`, NULL_TEXT, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, NULL_TEXT, Prisma.sql`x.name`, Prisma.sql`x.name_en`)}
        FROM indicator x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "indicatorEvidence":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`x.reference`, NULL_TEXT, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`to_char(x.document_date, 'YYYY-MM-DD')`, Prisma.sql`i.name`, Prisma.sql`i.name_en`)}
        FROM indicator_evidence_record x JOIN indicator i ON i.tenant_id = x.tenant_id AND i.id = x.indicator_id WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "staffEmployment":
      return Prisma.sql`${head("x")} ${nameOnly("x.person_name")} FROM staff_employment x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "clause":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`x.title`, NULL_TEXT, Prisma.sql`NULL::timestamptz`, Prisma.sql`x.version`, NULL_TEXT)}
        FROM information_clause x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "eventRegistration":
      return Prisma.sql`${head("r")} ${COLUMNS(Prisma.sql`COALESCE(pc.name, cp.name)`, Prisma.sql`e.title`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, NULL_TEXT)}
        FROM event_registration r
        JOIN event e ON e.tenant_id = r.tenant_id AND e.id = r.event_id
        LEFT JOIN client pc ON pc.tenant_id = r.tenant_id AND pc.id = r.person_client_id
        LEFT JOIN client_person cp ON cp.tenant_id = r.tenant_id AND cp.id = r.client_person_id
        WHERE r.tenant_id = ${t} AND r.id = ${any}`;
    case "subjectRequest":
      // Named by its kind and who asked (as they signed it: the person may since be anonymised).
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`x.requester_name`, Prisma.sql`x.kind::text`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`to_char(x.received_on, 'YYYY-MM-DD')`)}
        FROM subject_request x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "dataImport":
      return Prisma.sql`${head("x")} ${COLUMNS(Prisma.sql`x.file_name`, NULL_TEXT, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`to_char(x.created_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD')`)}
        FROM data_import x WHERE x.tenant_id = ${t} AND x.id = ${any}`;
    case "eventSession":
      return Prisma.sql`${head("s")} ${COLUMNS(Prisma.sql`e.title`, Prisma.sql`NULL::text`, Prisma.sql`NULL::timestamptz`, Prisma.sql`NULL::int`, Prisma.sql`to_char(s.date, 'YYYY-MM-DD')`)}
        FROM event_session s JOIN event e ON e.tenant_id = s.tenant_id AND e.id = s.event_id WHERE s.tenant_id = ${t} AND s.id = ${any}`;
  }
}

const text = (value: string | null): TAuditValue => (value ? { kind: "text", text: value } : { kind: "none" });
const label = (labels: Record<string, string>, code: string | null): TAuditValue => {
  const key = code ? labels[code] : undefined;
  return key ? { kind: "label", key } : { kind: "none" };
};
/** A catalogue entry by its names (the reader's language picks one); its code when it is gone. */
const entryOf = (row: TRefRow): TAuditValue =>
  row.entry_name ? { kind: "name", name: row.entry_name, nameEn: row.entry_name_en } : row.code ? { kind: "text", text: row.code } : { kind: "none" };
/** A path as people name it: the day it opened (in Poland) and whose it is. */
const pathRef = (row: TRefRow): TAuditValue => ({
  kind: "phrase",
  key: "audit.refs.path",
  values: { opened: row.at ? { kind: "date", day: todayInPoland(row.at) } : { kind: "none" }, client: text(row.name) },
});

function valueOf(row: TRefRow): TAuditValue {
  switch (row.kind) {
    case "path":
      return pathRef(row);
    case "planVersion":
      return { kind: "phrase", key: "audit.refs.planVersion", values: { number: { kind: "number", value: row.num ?? 0 }, path: pathRef(row) } };
    case "planAction":
      return { kind: "phrase", key: "audit.refs.planAction", values: { type: entryOf(row), description: text(row.name) } };
    case "annotation":
      return { kind: "phrase", key: "audit.refs.annotation", values: { step: label(ENUM_LABELS.PathStep, row.code), path: pathRef(row) } };
    case "service":
      return {
        kind: "phrase",
        key: "audit.refs.service",
        values: { date: row.day ? { kind: "date", day: row.day } : { kind: "none" }, type: entryOf(row) },
      };
    case "supportType":
    case "specialistArea":
    case "pathTemplate":
      return entryOf(row);
    case "eventSession":
      return { kind: "phrase", key: "audit.refs.eventSession", values: { event: text(row.name), date: row.day ? { kind: "date", day: row.day } : { kind: "none" } } };
    case "eventRegistration":
      return { kind: "phrase", key: "audit.refs.eventRegistration", values: { person: text(row.name), event: text(row.code) } };
    case "job":
      return { kind: "label", key: queueLabelKey(row.name ?? "") };
    case "indicator":
      return entryOf(row);
    case "indicatorEvidence":
      return {
        kind: "phrase",
        key: "audit.refs.indicatorEvidence",
        values: { indicator: entryOf(row), reference: text(row.name), date: row.day ? { kind: "date", day: row.day } : { kind: "none" } },
      };
    case "exchange":
      return { kind: "phrase", key: "audit.refs.exchange", values: { institution: text(row.name), date: row.day ? { kind: "date", day: row.day } : { kind: "none" } } };
    case "subjectRequest":
      return {
        kind: "phrase",
        key: "audit.refs.subjectRequest",
        values: { kind: label(ENUM_LABELS.SubjectRequestKind, row.code), requester: text(row.name), date: row.day ? { kind: "date", day: row.day } : { kind: "none" } },
      };
    case "clause":
      return { kind: "phrase", key: "audit.refs.clause", values: { version: { kind: "number", value: row.num ?? 0 }, title: text(row.name) } };
    case "dataImport":
      return { kind: "phrase", key: "audit.refs.dataImport", values: { file: text(row.name), date: row.day ? { kind: "date", day: row.day } : { kind: "none" } } };
    case "jobRecord":
      return { kind: "phrase", key: "audit.refs.jobRecord", values: { client: text(row.name), date: row.day ? { kind: "date", day: row.day } : { kind: "none" } } };
    default:
      return text(row.name);
  }
}

/**
 * The human references of `ids` — names of users, partners, offices, clients and the tenant; a
 * path as "the path of <client> opened on <day>"; a catalogue entry (named by its code) by its
 * names, and a record's support type too — in ONE statement within the tenant, however
 * many kinds and entries (none when there is nothing to look up). An id of another tenant or of no
 * record resolves to nothing, which the description shows as an unavailable record.
 */
export async function loadAuditRefs(tx: TTx, ctx: TContext, ids: Record<TRefKind, Set<string>>): Promise<TAuditRefs> {
  const refs = Object.fromEntries(Object.keys(ids).map((kind) => [kind, new Map<string, TAuditValue>()])) as TAuditRefs;
  const selects = (Object.entries(ids) as [TRefKind, Set<string>][]).flatMap(([kind, set]) => {
    const valid = [...set].filter((id) => (CATALOGUE_KINDS.has(kind) ? CODE : UUID).test(id));
    return valid.length ? [selectOf(kind, ctx.tenantId, valid)] : [];
  });
  if (selects.length === 0) return refs;
  const rows = await tx.$queryRaw<TRefRow[]>`${Prisma.join(selects, " UNION ALL ")}`;
  for (const row of rows) refs[row.kind].set(row.id, valueOf(row));
  return refs;
}
