import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { clientId, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * Issue 13: the coordinator's list of paths overdue for monitoring (the centre's policy: 30 days).
 * Partner Północ: "Zaległa od dawna" (opened 90 days ago, never monitored: 60 days overdue),
 * "Zaległa od niedawna" (last monitored 35 days ago: 5 days), "Monitorowana na czas" (3 days ago:
 * not overdue). Partner Południe: "Zaległa u innego partnera" (70 days overdue), which the
 * coordinator of Północ does not see.
 */

const LONG_AGO = "Zaległa od dawna";
const RECENTLY = "Zaległa od niedawna";
const ON_TIME = "Monitorowana na czas";
const OTHER_PARTNER = "Zaległa u innego partnera";

type TUserKey = "coordinator" | "north" | "south";

/** An open path at IMPLEMENTATION for the named client, opened and last monitored so many days ago. */
async function overduePath(tenant: TFixtureTenant<TUserKey>, clientName: string, openedDaysAgo: number, monitoredDaysAgo: number | null): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    `WITH p AS (
       INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, identification, key_advisor_id,
                                 opened_at, last_monitoring_at, created_by_id, updated_at)
       SELECT gen_random_uuid(), c.tenant_id, c.id, c.id, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', 'IMPLEMENTATION', 'Założenie spółdzielni socjalnej.',
              c.key_advisor_id, now() - make_interval(hours => $3 * 24), now() - make_interval(hours => $4 * 24), c.key_advisor_id, now()
       FROM client c WHERE c.tenant_id = $1 AND c.id = $2
       RETURNING id, tenant_id, created_by_id)
     INSERT INTO path_transition (id, tenant_id, path_id, from_step, to_step, actor_id)
     SELECT gen_random_uuid(), p.tenant_id, p.id, NULL, 'IMPLEMENTATION', p.created_by_id FROM p
     RETURNING path_id AS id`,
    [tenant.id, clientId(tenant, clientName), openedDaysAgo, monitoredDaysAgo],
  );
  if (!row) throw new Error(`no path for "${clientName}"`);
  return row.id;
}

async function createAttentionCentre() {
  const tenant = await createFixtureTenant<TUserKey>({
    partners: ["Partner Północ", "Partner Południe"],
    users: {
      coordinator: { name: "Piotr Koordynator", role: "COORDINATOR", partner: "Partner Północ" },
      north: { name: "Natalia Północna", role: "KEY_ADVISOR", partner: "Partner Północ" },
      south: { name: "Sebastian Południowy", role: "KEY_ADVISOR", partner: "Partner Południe" },
    },
    clients: [
      { name: LONG_AGO, keyAdvisor: "north" },
      { name: RECENTLY, keyAdvisor: "north" },
      { name: ON_TIME, keyAdvisor: "north" },
      { name: OTHER_PARTNER, keyAdvisor: "south" },
    ],
  });
  const paths = {
    longAgo: await overduePath(tenant, LONG_AGO, 90, null),
    recently: await overduePath(tenant, RECENTLY, 120, 35),
    onTime: await overduePath(tenant, ON_TIME, 60, 3),
    otherPartner: await overduePath(tenant, OTHER_PARTNER, 100, null),
  };
  return { tenant, paths };
}

test.describe("paths overdue for monitoring", () => {
  test("the coordinator sees exactly their partner's overdue paths, filters them by days and opens one", async ({ page, visit, scan }) => {
    const { tenant, paths } = await createAttentionCentre();
    await signInAs(page, tenant.users.coordinator);
    await visit("/attention/monitoring");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.attention.monitoring.title);
    const rows = page.getByTestId("overdue-row");
    await expect(rows.getByRole("rowheader")).toHaveText([LONG_AGO, RECENTLY]);
    await expect(rows.getByTestId("days-overdue")).toHaveText(["60 dni", "5 dni"]);
    await expect(page.getByText(OTHER_PARTNER)).toHaveCount(0);
    await expect(page.getByText(ON_TIME)).toHaveCount(0);
    // A coordinator sees one partner: no partner filter, their partner's advisors to choose from.
    const filters = page.getByRole("search", { name: pl.attention.monitoring.filters });
    await expect(filters.getByLabel(pl.attention.monitoring.partner)).toHaveCount(0);
    await expect(filters.getByLabel(pl.attention.monitoring.advisor).getByRole("option")).toHaveText([pl.common.all, "Natalia Północna"]);

    // The filter lives in the URL: the form submits it, and the URL alone restores it.
    await filters.getByLabel(pl.attention.monitoring.minDays).fill("10");
    await filters.getByRole("button", { name: pl.attention.monitoring.apply }).click();
    await expect(page).toHaveURL(/[?&]minDays=10(&|$)/);
    await expect(rows.getByRole("rowheader")).toHaveText([LONG_AGO]);
    await scan();
    await visit("/attention/monitoring?minDays=61");
    await expect(page.getByText(pl.attention.monitoring.empty)).toBeVisible();
    await visit("/attention/monitoring?minDays=10");
    await expect(page.getByLabel(pl.attention.monitoring.minDays)).toHaveValue("10");

    // The row leads to the path's monitoring tab.
    await rows.getByRole("link", { name: `Monitorowanie ścieżki klienta ${LONG_AGO}` }).click();
    await expect(page).toHaveURL(new RegExp(`/paths/${paths.longAgo}\\?tab=monitoring$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(LONG_AGO);
    await scan();
  });

  test("fits a 360 px phone without sideways scrolling, the key columns shown", async ({ page, visit }) => {
    const { tenant } = await createAttentionCentre();
    await page.setViewportSize({ width: 360, height: 780 });
    await signInAs(page, tenant.users.coordinator);
    await visit("/attention/monitoring");
    const rows = page.getByTestId("overdue-row");
    await expect(rows).toHaveCount(2);
    for (const name of [pl.attention.monitoring.columns.client, pl.attention.monitoring.columns.path, pl.attention.monitoring.columns.daysOverdue]) {
      await expect(page.getByRole("columnheader", { name })).toBeInViewport();
    }
    await expect(page.getByRole("columnheader", { name: pl.attention.monitoring.columns.partner })).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "sideways scroll of the page").toBeLessThanOrEqual(0);
  });
});
