import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getServiceRegisterPage } from "@/lib/domain/services/register";
import { deleteService, logService, updateService } from "@/lib/domain/services/service";
import {
  contextFor,
  createClient,
  createPartner,
  createTenant,
  createUser,
  ownerQuery,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { insertServiceRecord, polishDaysAgo, serviceInput } from "@/tests/factories/services";

/**
 * Issue 13: the centre's daily rollup (service_day_total) and the provider rows' copies that the
 * register's totals and every dashboard's service figures read instead of the records. Whatever
 * the services write — a new record, an edit of its date, type or duration, a soft delete, a group
 * service with several providers, concurrent entries of one day and type — the rollup equals the
 * aggregate of the live records, and the provider rows carry their record's day and type.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let coordinator: TUserRow;
let advisor: TUserRow;
let animator: TUserRow;
/** The advisor's three clients' ids. */
let c1: string;
let c2: string;
let c3: string;
let advisorCtx: TContext;

const TODAY = polishDaysAgo(0);
const EARLIER = polishDaysAgo(3);

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id });
  animator = await createUser(tenant, { role: "ANIMATOR", partnerId: partner.id });
  [c1, c2, c3] = await Promise.all([1, 2, 3].map(async (n) => (await createClient(tenant, { keyAdvisorId: advisor.id, name: `Klient ${n}` })).id)) as [string, string, string];
  advisorCtx = contextFor(advisor);
});

type TDayRow = { day: string; type: string; services: number; minutes: number };

/** The stored rollup of the tenant (rows fallen to zero left out, as readers skip them). */
function rollup(tenantId = tenant.id): Promise<TDayRow[]> {
  return ownerQuery<TDayRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, support_type::text AS type, services, minutes
     FROM service_day_total WHERE tenant_id = $1 AND services <> 0 ORDER BY 1, 2`,
    [tenantId],
  );
}

/** The same figures computed from the live records themselves. */
function recordAggregate(tenantId = tenant.id): Promise<TDayRow[]> {
  return ownerQuery<TDayRow>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS day, support_type::text AS type, count(*)::int AS services, sum(duration_minutes)::int AS minutes
     FROM service_record WHERE tenant_id = $1 AND deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    [tenantId],
  );
}

/** The rollup is exactly `expected`, and that is what the live records add up to. */
async function expectRollup(expected: TDayRow[]) {
  const stored = await rollup();
  expect(stored).toEqual(expected);
  expect(stored).toEqual(await recordAggregate());
  const [negative] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM service_day_total WHERE services < 0 OR minutes < 0`);
  expect(negative?.n).toBe(0);
}

function providerCopies(serviceId: string) {
  return ownerQuery<{ user_id: string; day: string; type: string | null; minutes: number; deleted: boolean }>(
    `SELECT user_id::text, to_char(date, 'YYYY-MM-DD') AS day, support_type::text AS type, duration_minutes AS minutes, deleted_at IS NOT NULL AS deleted
     FROM service_provider WHERE service_id = $1 ORDER BY user_id`,
    [serviceId],
  );
}

describe("the daily rollup", () => {
  it("counts a logged service, follows an edit of its date, type and duration, and drops it when deleted", async () => {
    const { id } = await logService(advisorCtx, serviceInput([c1], { date: TODAY, durationMinutes: 60, supportType: "ADVISORY" }));
    await logService(advisorCtx, serviceInput([c2], { date: TODAY, durationMinutes: 45, supportType: "ADVISORY" }));
    await expectRollup([{ day: TODAY, type: "ADVISORY", services: 2, minutes: 105 }]);

    // The duration only.
    await updateService(advisorCtx, id, serviceInput([c1], { date: TODAY, durationMinutes: 90, supportType: "ADVISORY" }));
    await expectRollup([{ day: TODAY, type: "ADVISORY", services: 2, minutes: 135 }]);

    // Another day and another type at once: out of one row, into another.
    await updateService(advisorCtx, id, serviceInput([c1], { date: EARLIER, durationMinutes: 30, supportType: "COACHING" }));
    await expectRollup([
      { day: EARLIER, type: "COACHING", services: 1, minutes: 30 },
      { day: TODAY, type: "ADVISORY", services: 1, minutes: 45 },
    ]);

    // An edit that changes no total (the topic) moves nothing.
    await updateService(advisorCtx, id, serviceInput([c1], { date: EARLIER, durationMinutes: 30, supportType: "COACHING", topic: "Inny temat" }));
    await expectRollup([
      { day: EARLIER, type: "COACHING", services: 1, minutes: 30 },
      { day: TODAY, type: "ADVISORY", services: 1, minutes: 45 },
    ]);

    await deleteService(advisorCtx, id, { reason: "Pomyłka" });
    await expectRollup([{ day: TODAY, type: "ADVISORY", services: 1, minutes: 45 }]);
    // The emptied row stays at zero (deleting it would race a concurrent entry), never below.
    expect(await ownerQuery(`SELECT services, minutes FROM service_day_total WHERE tenant_id = $1 AND day = $2`, [tenant.id, EARLIER])).toEqual([
      { services: 0, minutes: 0 },
    ]);
  });

  it("counts a group service with several providers once", async () => {
    await logService(
      advisorCtx,
      serviceInput(
        [c1, c2, c3],
        { form: "GROUP", supportType: "TRAINING", durationMinutes: 120, providerIds: [advisor.id, animator.id] },
      ),
    );
    await expectRollup([{ day: TODAY, type: "TRAINING", services: 1, minutes: 120 }]);

    // The register counts it once too, whichever source its totals come from: the rollup for the
    // manager, the partner's provider rows for the coordinator, one provider's for each deliverer.
    const expected = { total: 1, minutes: 120 };
    const period = { from: TODAY, to: TODAY };
    for (const [ctx, input] of [
      [contextFor(manager), period],
      [contextFor(coordinator), period],
      [contextFor(manager), { ...period, providerId: animator.id }],
      [advisorCtx, { ...period, providerId: advisor.id }],
    ] as const) {
      const page = await getServiceRegisterPage(ctx, input);
      expect({ total: page.total, minutes: page.minutes }, ctx.role).toEqual(expected);
      expect(page.items, ctx.role).toHaveLength(1);
    }
  });

  it("stays exact under 10 concurrent entries of the same day and type", async () => {
    const partner = await createPartner(tenant);
    const loggers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const user = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: `Doradca ${i + 1}` });
        const client = await createClient(tenant, { keyAdvisorId: user.id, name: `Klient równoległy ${i + 1}` });
        return { ctx: contextFor(user), clientId: client.id };
      }),
    );
    const results = await Promise.all(
      loggers.map(({ ctx, clientId }, i) => logService(ctx, serviceInput([clientId], { date: TODAY, supportType: "INFORMATION", durationMinutes: 10 + i }))),
    );
    expect(results.every((r) => r.created)).toBe(true);
    // 10 + 11 + … + 19 minutes.
    await expectRollup([{ day: TODAY, type: "INFORMATION", services: 10, minutes: 145 }]);
  });

  it("keeps each tenant's totals apart", async () => {
    const other = await createTenant();
    const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
    const otherClient = await createClient(other, { keyAdvisorId: otherAdvisor.id });
    await logService(contextFor(otherAdvisor), serviceInput([otherClient.id], { date: TODAY, durationMinutes: 50 }));
    await logService(advisorCtx, serviceInput([c1], { date: TODAY, durationMinutes: 70 }));
    await expectRollup([{ day: TODAY, type: "ADVISORY", services: 1, minutes: 70 }]);
    expect(await rollup(other.id)).toEqual([{ day: TODAY, type: "ADVISORY", services: 1, minutes: 50 }]);
    const page = await getServiceRegisterPage(contextFor(manager), { from: TODAY, to: TODAY });
    expect({ total: page.total, minutes: page.minutes }).toEqual({ total: 1, minutes: 70 });
  });

  it("counts records written by any writer, not only the app (an owner's insert, an operator's update)", async () => {
    const { id } = await insertServiceRecord(tenant, { clientId: c1, userId: advisor.id, date: EARLIER });
    await expectRollup([{ day: EARLIER, type: "ADVISORY", services: 1, minutes: 60 }]);
    await ownerQuery(`UPDATE service_record SET duration_minutes = 75, support_type = 'INFORMATION' WHERE id = $1`, [id]);
    await expectRollup([{ day: EARLIER, type: "INFORMATION", services: 1, minutes: 75 }]);
    await ownerQuery(`DELETE FROM service_record WHERE id = $1`, [id]);
    await expectRollup([]);
  });
});

describe("the provider rows' copies", () => {
  it("carry the record's day and type, and follow an edit of either", async () => {
    const input = { form: "GROUP" as const, supportType: "ADVISORY" as const, date: TODAY, providerIds: [advisor.id, animator.id] };
    const { id } = await logService(advisorCtx, serviceInput([c1, c2], input));
    expect((await providerCopies(id)).map((p) => [p.day, p.type])).toEqual([
      [TODAY, "ADVISORY"],
      [TODAY, "ADVISORY"],
    ]);

    await updateService(advisorCtx, id, serviceInput([c1, c2], { ...input, supportType: "ANIMATION", date: EARLIER }));
    expect((await providerCopies(id)).map((p) => [p.day, p.type])).toEqual([
      [EARLIER, "ANIMATION"],
      [EARLIER, "ANIMATION"],
    ]);

    // An operator's update of the record alone (its providers untouched) reaches them as well.
    await ownerQuery(`UPDATE service_record SET support_type = 'COACHING', date = $2::date WHERE id = $1`, [id, TODAY]);
    expect((await providerCopies(id)).map((p) => [p.day, p.type])).toEqual([
      [TODAY, "COACHING"],
      [TODAY, "COACHING"],
    ]);

    await deleteService(advisorCtx, id, { reason: "Pomyłka" });
    expect((await providerCopies(id)).every((p) => p.deleted)).toBe(true);
  });

  it("are filled when the record and its providers are written by one statement", async () => {
    const { id } = await insertServiceRecord(tenant, { clientId: c1, userId: advisor.id, date: EARLIER });
    expect(await providerCopies(id)).toEqual([{ user_id: advisor.id, day: EARLIER, type: "ADVISORY", minutes: 60, deleted: false }]);
  });
});
