"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { saveSessionAttendanceAction } from "@/lib/actions/attendance";
import type { TActionResult } from "@/lib/actions/result";
import type { TAttendanceStatus } from "@/lib/domain/events/attendance-schemas";
import { AttendanceRow, type TAttendanceDraft, type TAttendanceParticipant } from "./attendance-row";

type TRecorded = { status: TAttendanceStatus; materials: boolean; accommodation: boolean; meals: boolean; travelReimbursement: string | null } | null;

type TProps = {
  sessionId: string;
  participants: (TAttendanceParticipant & { attendance: TRecorded })[];
  /** When the attendance shown was recorded (sent back, so a save over a newer one is refused). */
  lastRecordedAt: string | null;
  /** The session cannot be saved now (cancelled event, session still ahead): the list is shown read-only. */
  disabled: boolean;
};

/** A status to announce politely, or a refusal (an alert). */
type TMessage = { tone: "status" | "error"; text: string };

/** A recorded amount ("12.50") as a Polish form shows it ("12,50"). */
const typedAmount = (amount: string | null) => (amount === null ? "" : amount.replace(".", ","));

function draftOf(recorded: TRecorded): TAttendanceDraft {
  return recorded
    ? { status: recorded.status, materials: recorded.materials, accommodation: recorded.accommodation, meals: recorded.meals, travel: typedAmount(recorded.travelReimbursement) }
    : { status: null, materials: false, accommodation: false, meals: false, travel: "" };
}

/** The message key of a field error (events.attendance.errors.*), whatever the row. */
const rowField = (path: string) => /^rows\.(\d+)\.(\w+)$/.exec(path);

/**
 * The tick-list of a session: every registered participant's attendance and support, "Everyone
 * present" for the usual case, one Save. Rows not ticked yet are not sent (their attendance stays
 * unrecorded). The outcome is announced in a status message; a refusal keeps every tick on screen
 * and puts the message next to the field it concerns.
 */
export function AttendanceForm({ sessionId, participants, lastRecordedAt, disabled }: TProps) {
  const t = useTranslations("events.attendance");
  const [drafts, setDrafts] = useState(() => new Map(participants.map((p) => [p.registrationId, draftOf(p.attendance)])));
  const [recordedAt, setRecordedAt] = useState(lastRecordedAt);
  const [travelErrors, setTravelErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<TMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);

  const present = [...drafts.values()].filter((d) => d.status === "PRESENT").length;
  const update = (registrationId: string, next: TAttendanceDraft) => setDrafts((all) => new Map(all).set(registrationId, next));
  const errorText = (key: string) => (t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.invalid"));

  function markAllPresent() {
    setDrafts((all) => new Map([...all].map(([id, d]) => [id, { ...d, status: "PRESENT" as const }])));
    setMessage({ tone: "status", text: t("allPresentDone") });
  }

  function refused(result: Extract<TActionResult<unknown>, { ok: false }>, sent: string[]) {
    const travel: Record<string, string> = {};
    let formKey: string | null = null;
    for (const [path, key] of Object.entries(result.fieldErrors)) {
      const match = rowField(path);
      const registrationId = match ? sent[Number(match[1])] : undefined;
      if (match?.[2] === "travelReimbursement" && registrationId) travel[registrationId] = errorText(key);
      else formKey ??= key;
    }
    setTravelErrors(travel);
    const first = Object.keys(travel)[0];
    if (first) {
      setMessage({ tone: "error", text: t("errors.fixFields") });
      tableRef.current?.querySelector<HTMLInputElement>(`#travel-${first}`)?.focus();
    } else if (result.code === "CONFLICT") setMessage({ tone: "error", text: t("errors.conflict") });
    else setMessage({ tone: "error", text: formKey && t.has(`errors.${formKey}`) ? t(`errors.${formKey}`) : t("errors.unexpected") });
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const rows = participants.flatMap(({ registrationId }) => {
      const d = drafts.get(registrationId);
      if (!d?.status) return [];
      return [{ registrationId, status: d.status, materials: d.materials, accommodation: d.accommodation, meals: d.meals, travelReimbursement: d.travel }];
    });
    if (rows.length === 0) {
      setMessage({ tone: "error", text: t("errors.noRows") });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const result = await saveSessionAttendanceAction(sessionId, { rows, expectedUpdatedAt: recordedAt });
      if (!result.ok) return refused(result, rows.map((r) => r.registrationId));
      setTravelErrors({});
      setRecordedAt(result.data.lastRecordedAt);
      setMessage({ tone: "status", text: `${t("saved", { present: result.data.present })} ${t(`record.${result.data.record.change}`)}` });
    } finally {
      setSaving(false);
    }
  }

  if (participants.length === 0) return <p className="mt-6">{t("empty")}</p>;

  return (
    <form onSubmit={save} className="mt-6" noValidate>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={markAllPresent} disabled={disabled}>
          {t("allPresent")}
        </Button>
        <p className="text-sm text-slate-700">{t("marked", { present, total: participants.length })}</p>
      </div>
      <p className="mt-2 text-sm text-slate-700">{t("supportForPresent")}</p>
      <div className="mt-4 max-w-full">
        <table ref={tableRef} className="block w-full border-collapse bg-white text-left text-sm sm:table">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="hidden sm:table-header-group">
            <tr className="border-b border-slate-400">
              <th scope="col" className="p-2">{t("columns.person")}</th>
              <th scope="col" className="p-2">{t("columns.status")}</th>
              <th scope="col" className="p-2">{t("columns.support")}</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {participants.map((p) => (
              <AttendanceRow
                key={p.registrationId}
                participant={p}
                draft={drafts.get(p.registrationId) ?? draftOf(null)}
                disabled={disabled}
                travelError={travelErrors[p.registrationId]}
                onChange={(next) => update(p.registrationId, next)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={disabled || saving}>
          {saving ? t("saving") : t("save")}
        </Button>
      </div>
      {/* Always in the page, so that screen readers announce what is written into it. */}
      <div
        role="status"
        data-testid="attendance-status"
        className={cn("mt-4 text-sm", message?.tone === "status" && "rounded-md border-l-4 border-green-700 bg-green-50 px-4 py-3 text-green-900")}
      >
        {message?.tone === "status" ? message.text : null}
      </div>
      {message?.tone === "error" ? (
        <Alert tone="error" className="mt-4" data-testid="attendance-error">
          {message.text}
        </Alert>
      ) : null}
    </form>
  );
}
