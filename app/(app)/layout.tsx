import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { MainNav } from "@/components/shell/main-nav";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { signOutAction } from "@/lib/actions/sign-out";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser();
  const t = await getTranslations("shell");
  const tc = await getTranslations("common");
  const tr = await getTranslations("roles");
  const items = NAV_ITEMS.filter((item) => can(user.role, item.permission)).map(({ key, href }) => ({ key, href }));
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-300 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-3">
          <p className="font-semibold">{tc("productName")}</p>
          <div className="flex flex-wrap items-center gap-4">
            <LanguageSwitch />
            <section aria-label={t("userMenu")} className="flex items-center gap-3 text-sm">
              <p data-testid="signed-in-user">
                {t("signedInAs", { name: user.name })} <span className="text-slate-600">({tr(user.role)})</span>
              </p>
              <form action={signOutAction}>
                <button type="submit" className="rounded-md border border-slate-400 px-3 py-1 font-medium hover:bg-slate-100">
                  {t("signOut")}
                </button>
              </form>
            </section>
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-6 pb-2">
          <MainNav items={items} />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        {children}
      </main>
    </div>
  );
}
