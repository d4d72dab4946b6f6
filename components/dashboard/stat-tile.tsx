import Link from "next/link";
import { cn } from "@/components/ui/cn";

/**
 * A number on the dashboard as a link to the list behind it. The link's text is the number and
 * what it counts ("12 klientów na etapie: Plan"), so its accessible name says both; `detail` (e.g.
 * the oldest item) sits under it, outside the link.
 */
export function StatTile({ href, value, label, detail, tone = "plain", testId }: {
  href: string;
  value: React.ReactNode;
  label: string;
  detail?: React.ReactNode;
  /** `alert` frames a number that needs action (overdue, over the limit) when it is not zero. */
  tone?: "plain" | "alert";
  testId?: string;
}) {
  return (
    <li className={cn("flex min-w-0 flex-col rounded-md border bg-white p-3", tone === "alert" ? "border-red-700" : "border-slate-300")}>
      <Link href={href} className="group flex flex-col text-blue-800" data-testid={testId}>
        <span className="text-3xl font-bold text-slate-900 group-hover:underline">{value}</span>{" "}
        <span className="underline">{label}</span>
      </Link>
      {detail ? <span className="mt-1 text-sm text-slate-700">{detail}</span> : null}
    </li>
  );
}

/** A row of tiles that wraps to one column on a phone. */
export function StatTiles({ children }: { children: React.ReactNode }) {
  return <ul className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</ul>;
}

/** A titled section of the dashboard. */
export function DashboardSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-8 min-w-0">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
