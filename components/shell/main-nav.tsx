"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

type TNavLink = { key: string; href: string };

/** Client-side only to mark the current page (aria-current). */
export function MainNav({ items }: { items: TNavLink[] }) {
  const pathname = usePathname();
  const t = useTranslations("shell");
  // The deepest matching entry is the current page: /caseload/queue is "Kolejka", not also "/caseload".
  const current = items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .reduce<string | null>((best, item) => (best === null || item.href.length > best.length ? item.href : best), null);
  return (
    <nav aria-label={t("mainNav")}>
      <ul className="flex flex-wrap gap-1">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={item.href === current ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium",
                item.href === current ? "bg-blue-700 text-white" : "text-slate-800 hover:bg-slate-200",
              )}
            >
              {t(`nav.${item.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
