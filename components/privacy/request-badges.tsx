import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { TRequestUrgency } from "@/lib/domain/privacy/request-policy";

const TONES = {
  overdue: "bg-red-100 text-red-900",
  dueSoon: "bg-amber-100 text-amber-900",
} as const;

/** An open request past its deadline or due within a week, in words (the colour only repeats them); nothing otherwise. */
export async function RequestUrgencyBadge({ urgency }: { urgency: TRequestUrgency }) {
  if (!urgency) return null;
  const t = await getTranslations("privacy.requests.urgency");
  return <span className={cn("mt-1 inline-block rounded px-2 py-0.5 text-sm font-medium", TONES[urgency])}>{t(urgency)}</span>;
}
