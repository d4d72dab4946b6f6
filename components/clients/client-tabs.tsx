import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { TClientAbilities, TClientTab } from "@/lib/domain/clients/service";

/** The client page's sections as links (server-rendered; only the visible one's data is read). */
type TTabAbilities = Pick<TClientAbilities, "canReadPaths" | "canReadServices" | "canReadEvents">;
const TAB_LINKS: { tab: TClientTab; shown: (a: TTabAbilities) => boolean }[] = [
  { tab: "overview", shown: () => true },
  { tab: "paths", shown: (a) => a.canReadPaths },
  { tab: "services", shown: (a) => a.canReadServices },
  { tab: "trainings", shown: (a) => a.canReadEvents },
  { tab: "cooperation", shown: () => true },
  { tab: "team", shown: () => true },
  { tab: "details", shown: () => true },
];

type TProps = {
  clientId: string;
  /** The visible tab, or "history" on the client's history page. */
  current: TClientTab | "history";
  abilities: TTabAbilities;
  /** Link the person's EFS+ participant data (/clients/<id>/participant): persons only. */
  participantLink?: boolean;
};

/**
 * The client's sections: tabs as links with aria-current, wrapping on narrow screens. The change
 * history is a page of its own (/clients/<id>/history), linked as the last tab; a person's EFS+
 * participant data has its own page too (/clients/<id>/participant), linked before it.
 */
export async function ClientTabs({ clientId, current, abilities, participantLink = false }: TProps) {
  const t = await getTranslations("clients.tabs");
  const links = [
    ...TAB_LINKS.filter((l) => l.shown(abilities)).map((l) => ({
      key: l.tab,
      href: l.tab === "overview" ? `/clients/${clientId}` : `/clients/${clientId}?tab=${l.tab}`,
    })),
    ...(participantLink ? [{ key: "participant" as const, href: `/clients/${clientId}/participant` }] : []),
    // The legal basis, the information clause given and the consents (issue 17): a page of its own too.
    { key: "privacy" as const, href: `/clients/${clientId}/privacy` },
    { key: "history" as const, href: `/clients/${clientId}/history` },
  ];
  return (
    <nav aria-label={t("label")} className="mt-6">
      <ul className="flex flex-wrap gap-1 border-b border-slate-300">
        {links.map(({ key, href }) => (
          <li key={key}>
            <Link
              href={href}
              aria-current={key === current ? "page" : undefined}
              data-testid={key === "history" ? "client-history-link" : key === "participant" ? "client-participant-link" : key === "privacy" ? "client-privacy-link" : undefined}
              className={cn("block rounded-t-md px-3 py-2 text-sm font-medium", key === current ? "bg-blue-700 text-white" : "text-slate-800 hover:bg-slate-200")}
            >
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
