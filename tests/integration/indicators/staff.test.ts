import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getNewStaffPage, getStaffListPage, getStaffPage } from "@/lib/domain/staff/page";
import type { TStaffInput } from "@/lib/domain/staff/schemas";
import { createStaffRecord, updateStaffRecord, withdrawStaffRecord } from "@/lib/domain/staff/service";
import { auditRows, contextFor, createOffice, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";

/**
 * Staff records (issue 16 §2): the evidence of "animators employed". Who may keep them,
 * validation, audit, and what the indicator_evidence view counts (an animator on an employment
 * contract, once per person, over the days the contract runs; withdrawn ones not at all).
 */

let tenant: TTenantRow;
let managerCtx: TContext;
let animator: TUserRow;
let partnerId: string;
let officeId: string;

const record = (overrides: Partial<TStaffInput> = {}): TStaffInput => ({
  userId: animator.id,
  personName: "",
  position: "ANIMATOR",
  contractKind: "EMPLOYMENT_CONTRACT",
  reference: "UoP/2026/01",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  partnerId,
  officeId,
  ...overrides,
});

/** The animator evidence the view holds for the tenant: who counts, over which days. */
function counted(): Promise<{ count_key: string; valid_from: string; valid_to: string | null }[]> {
  return ownerQuery(
    `SELECT count_key, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
     FROM indicator_evidence WHERE tenant_id = $1 AND source = 'ANIMATOR_EMPLOYMENT' ORDER BY valid_from, count_key`,
    [tenant.id],
  );
}

beforeEach(async () => {
  tenant = await createTenant();
  managerCtx = contextFor(await createUser(tenant, { role: "MANAGER" }));
  animator = await createUser(tenant, { role: "ANIMATOR", name: "Alicja Animatorka" });
  partnerId = (await createPartner(tenant, { name: "Fundacja A" })).id;
  officeId = (await createOffice(tenant, { name: "Biuro Kielce" })).id;
});

describe("staff records", () => {
  it("records an animator's employment contract, named after the user, and the view counts it over its days", async () => {
    const { id } = await createStaffRecord(managerCtx, record());
    await createStaffRecord(managerCtx, record({ userId: "", personName: "Jan Zewnętrzny", contractKind: "CIVIL_LAW_CONTRACT", reference: "UZ/1" }));
    await createStaffRecord(managerCtx, record({ userId: "", personName: "Ewa Doradczyni", position: "KEY_ADVISOR", reference: "UoP/2" }));
    expect(await counted()).toEqual([{ count_key: `user:${animator.id}`, valid_from: "2026-01-01", valid_to: "2026-12-31" }]);

    const page = await getStaffListPage(managerCtx, {});
    expect(page.items.map((i) => i.personName).sort()).toEqual(["Alicja Animatorka", "Ewa Doradczyni", "Jan Zewnętrzny"]);
    expect(page.items.find((i) => i.id === id)).toMatchObject({ partner: "Fundacja A", office: "Biuro Kielce", endsOn: "2026-12-31" });
    expect((await getStaffListPage(managerCtx, { position: "KEY_ADVISOR" })).items.map((i) => i.personName)).toEqual(["Ewa Doradczyni"]);

    const [row] = (await auditRows(tenant.id)).filter((r) => r.action === "staff.create");
    expect(row).toMatchObject({
      entity_type: "StaffEmployment",
      entity_id: id,
      after: {
        userId: animator.id,
        personName: "Alicja Animatorka",
        position: "ANIMATOR",
        contractKind: "EMPLOYMENT_CONTRACT",
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
      },
    });
  });

  it("validates next to the fields: a person, a position, a contract kind, an end not before the start", async () => {
    const error = await appErrorOf(
      createStaffRecord(managerCtx, record({ userId: "", personName: "", position: "", contractKind: "", reference: "", endsOn: "2025-12-31" })),
    );
    // The missing person is named with the other fields' errors, not only once they are fixed.
    expect(error.fieldErrors).toEqual({ position: "choosePosition", contractKind: "chooseContractKind", reference: "required", personName: "personRequired" });
    const dates = await appErrorOf(createStaffRecord(managerCtx, record({ userId: "", personName: "", endsOn: "2025-12-31" })));
    expect(dates.fieldErrors).toEqual({ personName: "personRequired", endsOn: "endBeforeStart" });
  });

  it("corrects a record (an open end counts on) and withdraws it with a reason: it leaves the view, audited", async () => {
    const { id } = await createStaffRecord(managerCtx, record());
    await updateStaffRecord(managerCtx, id, record({ endsOn: "" }));
    expect(await counted()).toEqual([{ count_key: `user:${animator.id}`, valid_from: "2026-01-01", valid_to: null }]);
    expect((await getStaffPage(managerCtx, id)).values).toMatchObject({ userId: animator.id, endsOn: "" });

    await withdrawStaffRecord(managerCtx, id, { reason: "Umowa wpisana dwukrotnie" });
    expect(await counted()).toEqual([]);
    expect((await getStaffListPage(managerCtx, {})).items).toEqual([]);
    expect((await getStaffListPage(managerCtx, { withdrawn: "1" })).items).toEqual([expect.objectContaining({ id, withdrawn: true })]);
    expect((await appErrorOf(updateStaffRecord(managerCtx, id, record()))).code).toBe("INVALID_STATE");
    expect((await appErrorOf(withdrawStaffRecord(managerCtx, id, { reason: "x" }))).code).toBe("INVALID_STATE");

    const rows = (await auditRows(tenant.id)).filter((r) => r.entity_type === "StaffEmployment");
    expect(rows.map((r) => r.action)).toEqual(["staff.create", "staff.update", "staff.withdraw"]);
    expect(rows[1]).toMatchObject({ before: { endsOn: "2026-12-31" }, after: { endsOn: null } });
    expect(rows[2]?.after).toEqual({ withdrawn: true, withdrawReason: "Umowa wpisana dwukrotnie" });
  });

  it("is kept by managers only", async () => {
    const { id } = await createStaffRecord(managerCtx, record());
    for (const role of ["ADMIN", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "AUDITOR"] as const) {
      const ctx = contextFor(await createUser(tenant, { role }));
      expect((await appErrorOf(createStaffRecord(ctx, record()))).code, role).toBe("FORBIDDEN");
      expect((await appErrorOf(getStaffPage(ctx, id))).code, role).toBe("FORBIDDEN");
      expect((await appErrorOf(getNewStaffPage(ctx))).code, role).toBe("FORBIDDEN");
    }
  });

  it("answers another tenant's record, user, partner or office like a missing one, and writes nothing", async () => {
    const { id } = await createStaffRecord(managerCtx, record());
    const other = await createTenant();
    const otherManager = contextFor(await createUser(other, { role: "MANAGER" }));
    for (const staffId of [id, randomUUID(), "x"]) {
      expect((await appErrorOf(getStaffPage(otherManager, staffId))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(withdrawStaffRecord(otherManager, staffId, { reason: "x" }))).code).toBe("NOT_FOUND");
    }
    const own = { userId: "", personName: "Ktoś", partnerId: "", officeId: "" };
    for (const foreign of [{ userId: animator.id }, { partnerId }, { officeId }]) {
      expect((await appErrorOf(createStaffRecord(otherManager, record({ ...own, ...foreign })))).code).toBe("NOT_FOUND");
    }
    expect(await ownerQuery(`SELECT id FROM staff_employment WHERE tenant_id = $1`, [other.id])).toEqual([]);
  });
});
