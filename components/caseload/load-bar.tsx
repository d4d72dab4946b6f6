import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

/** "12/15" on screen; "12 z 15 klientów" for screen readers. */
export function LoadText({ load, limit }: { load: number; limit: number }) {
  const t = useTranslations("caseload.load");
  return (
    <>
      <span aria-hidden="true" className="tabular-nums">
        {load}/{limit}
      </span>
      <span className="sr-only">{t("spoken", { load, limit })}</span>
    </>
  );
}

/**
 * A bar of the load against the limit. Decorative: the numbers and the over-limit note are
 * always given as text next to it, so colour never carries the meaning alone (WCAG 1.4.1).
 */
export function LoadBar({ load, limit }: { load: number; limit: number }) {
  const ratio = limit > 0 ? Math.min(load / limit, 1) : 1;
  const tone = load > limit ? "bg-red-700" : load >= limit ? "bg-amber-600" : "bg-blue-700";
  return (
    <span aria-hidden="true" className="block h-2 w-32 overflow-hidden rounded-full bg-slate-200">
      <span className={cn("block h-full", tone)} style={{ width: `${Math.round(ratio * 100)}%` }} />
    </span>
  );
}
