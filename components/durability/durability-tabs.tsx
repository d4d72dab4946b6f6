import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { DURABILITY_VIEWS, type TDurabilityView } from "@/lib/domain/durability/schemas";

/** The durability list's tabs ("Zaległe", "Do wykonania", "Wszystkie") as links, the current one marked. */
export async function DurabilityTabs({ current, hrefFor }: { current: TDurabilityView; hrefFor: (view: TDurabilityView) => string }) {
  const t = await getTranslations("durability");
  return (
    <nav aria-label={t("tabsLabel")} className="mt-6 border-b border-slate-300">
      <ul className="flex flex-wrap gap-1">
        {DURABILITY_VIEWS.map((view) => (
          <li key={view}>
            <Link
              href={hrefFor(view)}
              aria-current={view === current ? "page" : undefined}
              className={cn(
                "inline-block rounded-t-md border border-b-0 px-4 py-2 text-sm font-medium",
                view === current ? "border-slate-300 bg-white text-slate-900" : "border-transparent text-blue-800 underline",
              )}
            >
              {t(`tabs.${view}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
