import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { TCheckState } from "@/lib/domain/durability/policy";

const TONES: Record<TCheckState, string> = {
  OVERDUE: "bg-red-100 text-red-900",
  DUE: "bg-amber-100 text-amber-900",
  UPCOMING: "bg-slate-100 text-slate-800",
  DONE_MAINTAINED: "bg-green-100 text-green-900",
  DONE_ENDED: "bg-slate-200 text-slate-900",
};

/** Where a durability check stands, in words (the colour only repeats them). */
export async function CheckStateBadge({ state }: { state: TCheckState }) {
  const t = await getTranslations("durability.states");
  return <span className={cn("inline-block rounded px-2 py-0.5 text-sm font-medium", TONES[state])}>{t(state)}</span>;
}
