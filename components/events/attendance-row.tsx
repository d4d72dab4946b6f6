"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { ATTENDANCE_STATUSES, type TAttendanceStatus } from "@/lib/domain/events/attendance-schemas";

/** One participant's row as the form holds it: the status (null until chosen) and the support, as typed. */
export type TAttendanceDraft = {
  status: TAttendanceStatus | null;
  materials: boolean;
  accommodation: boolean;
  meals: boolean;
  /** As typed ("12,50"); "" for none. */
  travel: string;
};

export type TAttendanceParticipant = { registrationId: string; person: string; represents: string | null };

type TSupportFlag = "materials" | "accommodation" | "meals";
const SUPPORT_FLAGS: TSupportFlag[] = ["materials", "accommodation", "meals"];

/**
 * A participant's row of the tick-list: the status as native radios in a fieldset named by the
 * person (one Tab stop; arrow keys move between Obecny / Nieobecny / Usprawiedliwiony and choose),
 * then the support they received — enabled once they are present, so for an absent person Tab
 * goes straight on to the next row. Below 640 px the cells stack.
 */
export function AttendanceRow({
  participant,
  draft,
  disabled,
  travelError,
  onChange,
}: {
  participant: TAttendanceParticipant;
  draft: TAttendanceDraft;
  disabled: boolean;
  /** The travel amount's message, translated. */
  travelError: string | undefined;
  onChange: (next: TAttendanceDraft) => void;
}) {
  const t = useTranslations("events.attendance");
  const id = participant.registrationId;
  const supportDisabled = disabled || draft.status !== "PRESENT";
  const travelErrorId = `travel-error-${id}`;

  return (
    <tr className="block border-b border-slate-300 py-2 sm:table-row sm:py-0">
      <th scope="row" className="block px-2 pt-1 text-left align-top font-medium sm:table-cell sm:p-2">
        <span className="wrap-anywhere">{participant.person}</span>
        {participant.represents ? (
          <span className="block text-sm font-normal text-slate-700 wrap-anywhere">{t("represents", { client: participant.represents })}</span>
        ) : null}
      </th>
      <td className="block px-2 py-1 align-top sm:table-cell sm:p-2">
        <fieldset disabled={disabled}>
          <legend className="sr-only">{participant.person}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {ATTENDANCE_STATUSES.map((status) => (
              <label key={status} className="inline-flex min-h-8 items-center gap-2">
                <input
                  type="radio"
                  name={`status-${id}`}
                  value={status}
                  checked={draft.status === status}
                  onChange={() => onChange({ ...draft, status })}
                  className="h-4 w-4"
                />
                {t(`statuses.${status}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </td>
      <td className="block px-2 py-1 align-top sm:table-cell sm:p-2">
        <fieldset disabled={supportDisabled}>
          <legend className="sr-only">{t("supportLegend", { person: participant.person })}</legend>
          <div className={cn("flex flex-wrap items-end gap-x-4 gap-y-2", supportDisabled && "text-slate-600")}>
            {SUPPORT_FLAGS.map((flag) => (
              <label key={flag} className="inline-flex min-h-8 items-center gap-2">
                <input type="checkbox" checked={draft[flag]} onChange={(e) => onChange({ ...draft, [flag]: e.target.checked })} className="h-4 w-4" />
                {t(flag)}
              </label>
            ))}
            <div className="flex flex-col gap-1">
              <label htmlFor={`travel-${id}`} className="text-sm">
                {t("travel")}
              </label>
              <input
                id={`travel-${id}`}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={draft.travel}
                onChange={(e) => onChange({ ...draft, travel: e.target.value })}
                aria-invalid={Boolean(travelError)}
                aria-describedby={travelError ? travelErrorId : undefined}
                className={cn(inputClass(Boolean(travelError)), "w-28 disabled:border-slate-300 disabled:bg-slate-100")}
              />
            </div>
          </div>
          {travelError ? (
            <p id={travelErrorId} className="mt-1 text-sm font-medium text-red-700">
              {travelError}
            </p>
          ) : null}
        </fieldset>
      </td>
    </tr>
  );
}
