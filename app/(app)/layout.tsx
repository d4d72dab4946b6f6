import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { MainNav } from "@/components/shell/main-nav";
import { navSectionsFor } from "@/components/shell/nav-items";
import { NotificationBell } from "@/components/shell/notification-bell";
import { UserMenu } from "@/components/shell/user-menu";
import { signOutAction } from "@/lib/actions/sign-out";
import { requireSessionUserForEnrolment } from "@/lib/auth/session";
import { mustEnrolTwoFactor } from "@/lib/domain/two-factor/policy";

/**
 * The signed-in shell: a top bar with the menu button (narrow screens), the notification bell and
 * the user menu, the menu as a sidebar from lg on, and the page in <main id="main"> (the skip
 * link's target, app/layout.tsx). Nothing here is wider than a 360 px screen.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Not requireSessionUser: the layout cannot tell which page it wraps, and the second-factor set-up
  // page must render for a user the tenant's policy still waits on (each page redirects the rest).
  // Such a user sees no menu until then.
  const user = await requireSessionUserForEnrolment();
  const t = await getTranslations("shell");
  const tc = await getTranslations("common");
  const tr = await getTranslations("roles");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="relative z-30 border-b border-slate-300 bg-white print:hidden lg:sticky lg:top-0">
        <div className="flex h-14 items-center justify-between gap-2 px-3 sm:px-4">
          <div className="flex min-w-0 items-center gap-3">
            <MainNav sections={mustEnrolTwoFactor(user) ? [] : navSectionsFor(user.role)} />
            <p className="hidden truncate font-semibold sm:block">{tc("productName")}</p>
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <NotificationBell unread={user.unreadNotifications} />
            <UserMenu
              summary={
                <>
                  <span className="sr-only">{t("userMenu")}: </span>
                  <span data-testid="signed-in-user" className="truncate">
                    {user.name}
                  </span>
                </>
              }
            >
              <p className="wrap-anywhere text-sm">{t("signedInAs", { name: user.name })}</p>
              <p className="text-sm text-slate-600">{tr(user.role)}</p>
              <ul className="mt-3 border-t border-slate-200 pt-3 text-sm">
                <li>
                  <Link href="/account" className="block rounded-md px-2 py-1.5 font-medium text-blue-800 underline-offset-4 hover:bg-slate-100 hover:underline">
                    {t("account")}
                  </Link>
                </li>
              </ul>
              <div className="mt-3 border-t border-slate-200 pt-3">
                <LanguageSwitch />
              </div>
              <form action={signOutAction} className="mt-3 border-t border-slate-200 pt-3">
                <button type="submit" className="w-full rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
                  {t("signOut")}
                </button>
              </form>
            </UserMenu>
          </div>
        </div>
      </header>
      <div className="flex-1 lg:pl-60 print:pl-0">
        <main id="main" className="mx-auto w-full min-w-0 max-w-6xl px-4 py-6 sm:px-6 sm:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
