"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TNavSection } from "./nav-items";

/**
 * The app's menu: a sidebar from the lg breakpoint on, behind a menu button below it. A client
 * component to mark the current page (aria-current) and to open and close the narrow menu.
 */
export function MainNav({ sections }: { sections: TNavSection[] }) {
  const pathname = usePathname();
  const t = useTranslations("shell");
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Open on the page it was opened on: moving to another page closes it, with no effect to run.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;

  const links = sections.flatMap((section) => section.items);
  // The deepest matching entry is the current page: /caseload/queue is "Kolejka", not also "/caseload".
  const current = links
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .reduce<string | null>((best, item) => (best === null || item.href.length > best.length ? item.href : best), null);

  function close(returnFocus: boolean) {
    setOpenOn(null);
    if (returnFocus) buttonRef.current?.focus();
  }

  return (
    <div
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) close(true);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close(false) : setOpenOn(pathname))}
        className="flex items-center gap-2 rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
          {open ? (
            <path d="M5.3 4.3 10 9l4.7-4.7 1 1L11 10l4.7 4.7-1 1L10 11l-4.7 4.7-1-1L9 10 4.3 5.3z" />
          ) : (
            <path d="M3 5h14v1.5H3zm0 4.25h14v1.5H3zm0 4.25h14V15H3z" />
          )}
        </svg>
        {t("menu")}
      </button>
      <nav
        id={panelId}
        aria-label={t("mainNav")}
        className={cn(
          "absolute inset-x-0 top-full z-40 max-h-[calc(100dvh-3.5rem)] overflow-y-auto border-b border-slate-300 bg-white px-4 py-3 shadow-md",
          "lg:fixed lg:inset-x-auto lg:bottom-0 lg:left-0 lg:top-14 lg:block lg:max-h-none lg:w-60 lg:border-b-0 lg:border-r lg:shadow-none",
          open ? "block" : "hidden",
        )}
      >
        {sections.map((section) => (
          <div key={section.group} className="mb-3 last:mb-0">
            <p id={`${panelId}-${section.group}`} className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
              {t(`groups.${section.group}`)}
            </p>
            <ul aria-labelledby={`${panelId}-${section.group}`}>
              {section.items.map((item) => (
                <li key={item.key}>
                  <Link
                    href={item.href}
                    aria-current={item.href === current ? "page" : undefined}
                    onClick={() => setOpenOn(null)}
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
          </div>
        ))}
      </nav>
    </div>
  );
}
