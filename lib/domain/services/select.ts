import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The fields of a service record a user fills in (what views show and audits compare). */
export const RECORD_FIELDS = {
  date: true,
  startTime: true,
  durationMinutes: true,
  form: true,
  channel: true,
  supportType: true,
  specialistArea: true,
  topic: true,
  notes: true,
  nextSteps: true,
} as const satisfies Prisma.ServiceRecordSelect;
