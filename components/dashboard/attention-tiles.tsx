import { getFormatter, getTranslations } from "next-intl/server";
import { INSTANT_DATE } from "@/lib/dates";
import type { TLinkedCount } from "@/lib/domain/dashboard/service";
import { StatTile } from "./stat-tile";

/** Plans waiting for a decision, with the oldest submission: the manager's and the coordinator's inbox. */
export async function PlansWaitingTile({ plans }: { plans: TLinkedCount & { oldest: Date | null } }) {
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  return (
    <StatTile
      href={plans.href}
      value={plans.count}
      label={t("tiles.plans", { count: plans.count })}
      detail={plans.oldest ? t("tiles.plansOldest", { date: format.dateTime(plans.oldest, INSTANT_DATE) }) : null}
      testId="plans"
    />
  );
}

/** Paths overdue for monitoring in the caller's scope: flagged when there are any. */
export async function OverdueTile({ overdue }: { overdue: TLinkedCount }) {
  const t = await getTranslations("dashboard");
  return <StatTile href={overdue.href} value={overdue.count} label={t("tiles.overdue", { count: overdue.count })} tone={overdue.count ? "alert" : "plain"} testId="overdue" />;
}

/** Job durability checks past due in the caller's scope (lib/domain/durability): flagged when there are any. */
export async function OverdueChecksTile({ checks }: { checks: TLinkedCount }) {
  const t = await getTranslations("dashboard");
  return (
    <StatTile href={checks.href} value={checks.count} label={t("tiles.overdueChecks", { count: checks.count })} tone={checks.count ? "alert" : "plain"} testId="overdue-checks" />
  );
}
