import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadSessionContext, type TSessionUserView } from "@/lib/domain/sessions/session";
import { auth } from "./auth";

/**
 * The signed-in user of this request, re-checked against the database (active, session version),
 * or null. Cached for the duration of one request.
 */
export const getSessionUser = cache(async (): Promise<TSessionUserView | null> => {
  const session = await auth();
  const claims = session?.user;
  if (!claims?.id || !claims.tenantId) return null;
  const requestId = (await headers()).get("x-request-id") ?? randomUUID();
  return loadSessionContext({ userId: claims.id, tenantId: claims.tenantId, sessionVersion: claims.sessionVersion }, requestId);
});

/** For pages and actions behind sign-in: the context, or a redirect to the sign-in page. */
export async function requireSessionUser(): Promise<TSessionUserView> {
  const user = await getSessionUser();
  if (!user) redirect("/login?expired=1");
  return user;
}
