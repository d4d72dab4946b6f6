import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The badge shows at most this; the link's name says the exact number. */
const BADGE_MAX = 99;

/**
 * The bell in the top bar: a plain link to /notifications (works without JavaScript) named with
 * the unread count for screen readers ("Powiadomienia, 3 nieprzeczytane"), with the count as a
 * visible badge. The count comes with the session check (lib/domain/sessions/session.ts), so it
 * costs no statement of its own on any page.
 */
export async function NotificationBell({ unread }: { unread: number }) {
  const t = await getTranslations("shell.bell");
  return (
    <Link href="/notifications" data-testid="notification-bell" className="relative inline-flex size-10 items-center justify-center rounded-md text-slate-800 hover:bg-slate-100">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
        <path d="M10 2a5.5 5.5 0 0 0-5.5 5.5v3.1L3 13.4V15h14v-1.6l-1.5-2.8V7.5A5.5 5.5 0 0 0 10 2Zm0 1.5a4 4 0 0 1 4 4v3.5l1.2 2.5H4.8L6 11V7.5a4 4 0 0 1 4-4ZM7.8 16a2.3 2.3 0 0 0 4.4 0H7.8Z" />
      </svg>
      <span className="sr-only">{unread > 0 ? t("labelUnread", { count: unread }) : t("label")}</span>
      {unread > 0 ? (
        <span aria-hidden="true" data-testid="notification-badge" className="absolute right-0 top-0 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold leading-5 text-white">
          {unread > BADGE_MAX ? `${BADGE_MAX}+` : unread}
        </span>
      ) : null}
    </Link>
  );
}
