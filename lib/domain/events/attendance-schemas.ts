import { z } from "zod";

// Messages are translation keys (messages.events.attendance.errors.*).

export const ATTENDANCE_STATUSES = ["PRESENT", "ABSENT", "EXCUSED"] as const;
export type TAttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** The most a single travel reimbursement may be, in PLN (a typo guard, far above any real ticket). */
export const TRAVEL_MAX_PLN = 100_000;
/** One tick-list saves at most this many participants (capacity is ≤ 1000 but a session list is a room). */
export const MAX_ATTENDANCE_ROWS = 1000;

const AMOUNT = /^\d{1,6}(\.\d{1,2})?$/;

/**
 * A travel reimbursement as typed: "12,50" (Polish), "12.5" or a number; "" or null for none. The
 * result is the amount with two decimals as text ("12.50"), exact for the DECIMAL(10,2) column.
 */
export const ZTravelAmount = z
  .union([z.string("travelAmount"), z.number("travelAmount"), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined) return null;
    const text = String(value).trim().replace(",", ".");
    if (text === "") return null;
    if (!AMOUNT.test(text) || Number(text) > TRAVEL_MAX_PLN) {
      ctx.addIssue({ code: "custom", message: "travelAmount" });
      return z.NEVER;
    }
    return Number(text).toFixed(2);
  });

/**
 * One participant's attendance at a session, with the equal-opportunity support they received
 * (seed 003: materials, accommodation, meals, travel reimbursement). Support goes to those who came:
 * an absent or excused participant's support is cleared.
 */
export const ZAttendanceRow = z
  .object({
    registrationId: z.uuid("invalid"),
    status: z.enum(ATTENDANCE_STATUSES, "chooseStatus"),
    materials: z.boolean("invalid").default(false),
    accommodation: z.boolean("invalid").default(false),
    meals: z.boolean("invalid").default(false),
    travelReimbursement: ZTravelAmount,
  })
  .transform((row) => (row.status === "PRESENT" ? row : { ...row, materials: false, accommodation: false, meals: false, travelReimbursement: null }));

export const ZSaveAttendanceInput = z.object({
  rows: z
    .array(ZAttendanceRow, "noRows")
    .min(1, "noRows")
    .max(MAX_ATTENDANCE_ROWS, "tooMany")
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        if (seen.has(row.registrationId)) ctx.addIssue({ code: "custom", path: [index, "registrationId"], message: "duplicateRow" });
        seen.add(row.registrationId);
      });
    }),
  /**
   * When the attendance the user saw was last recorded (ISO instant), or null when none had been:
   * a save over someone else's newer one is refused with CONFLICT. Omitted: no check.
   */
  expectedUpdatedAt: z.union([z.iso.datetime({ offset: true, error: "invalid" }), z.null()]).optional(),
});

export type TSaveAttendanceInput = z.input<typeof ZSaveAttendanceInput>;
export type TParsedAttendanceInput = z.output<typeof ZSaveAttendanceInput>;
export type TAttendanceRowInput = z.input<typeof ZAttendanceRow>;
