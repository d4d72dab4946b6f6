import type { TServiceInput } from "@/lib/domain/services/schemas";

/** A new service's form: today, individual, in person, delivered by the user, at their office. */
export function newServiceDefaults({ today, userId, officeId, clientIds = [] }: { today: string; userId: string; officeId: string | null; clientIds?: string[] }): TServiceInput {
  return {
    date: today,
    startTime: "",
    durationMinutes: "",
    form: "INDIVIDUAL",
    channel: "IN_PERSON",
    supportType: "",
    specialistArea: "",
    topic: "",
    notes: "",
    nextSteps: "",
    clientIds,
    providerIds: [userId],
    planActionIds: {},
    officeId: officeId ?? "",
  };
}
