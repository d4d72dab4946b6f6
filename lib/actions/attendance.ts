"use server";

import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { saveSessionAttendance } from "@/lib/domain/events/attendance";
import type { TSaveAttendanceInput } from "@/lib/domain/events/attendance-schemas";

// A thin adapter: authenticate, call one service, map the result. The service parses its input.

/** Saves a session's tick-list; answers the counts and what happened to the session's service record (no page re-render). */
export async function saveSessionAttendanceAction(sessionId: string, input: TSaveAttendanceInput) {
  const ctx = await requireSessionUser();
  return toActionResult(() => saveSessionAttendance(ctx, sessionId, input));
}
