import { redirect } from "next/navigation";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { markNotificationRead } from "@/lib/domain/notifications/service";

/**
 * Following a notification: marks it read, then goes to the thing it is about — only ever to the
 * path stored with it, checked by the service (never a URL from the request: no open redirect).
 * Someone else's notification, or one past its retention, is the 404 page. The list links here
 * with a plain <a>, so no prefetch marks anything read.
 */
export default async function OpenNotificationPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const { href } = await loadForPage(() => markNotificationRead(ctx, id));
  redirect(href);
}
