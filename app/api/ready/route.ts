import { checkReadiness, readinessResponse } from "@/lib/system/ready";

export const dynamic = "force-dynamic";

/** Readiness probe for a load balancer or orchestrator: the database answers and no migration is pending. */
export async function GET() {
  return readinessResponse(await checkReadiness());
}
