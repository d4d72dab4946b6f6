import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { addDays } from "@/lib/dates";
import { getIndicatorCataloguePage } from "@/lib/domain/indicators/admin-pages";
import { getEvidenceListPage, getEvidencePage, getNewEvidencePage } from "@/lib/domain/indicators/evidence-pages";
import { correctEvidence, registerEvidence, withdrawEvidence } from "@/lib/domain/indicators/manual-evidence";
import type { TEvidenceInput } from "@/lib/domain/indicators/schemas";
import { auditRows, contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { polishDaysAgo } from "@/tests/factories/services";

/**
 * Evidence registered by hand (issue 16 §2) for indicators without a source in the system: who may,
 * validation, need-to-know scope of the client, and what the indicator_evidence view (the one
 * counting rule) then holds — correcting the date moves it between years, withdrawing drops it.
 */

let tenant: TTenantRow;
let managerCtx: TContext;
let advisorCtx: TContext;
let coordinatorCtx: TContext;
let ownClientId: string;
let otherClientId: string;
let jointProjects: string;
let jobsCreated: string;

const evidence = (overrides: Partial<TEvidenceInput> = {}): TEvidenceInput => ({
  indicatorId: jointProjects,
  documentKind: "List intencyjny",
  documentDate: "2026-03-10",
  reference: "LI/3/2026",
  quantity: 1,
  clientId: "",
  spheresFromClient: false,
  kpresSpheres: [],
  description: "",
  ...overrides,
});

/** What the view counts for the tenant's MANUAL evidence, by evidence id. */
async function counted(): Promise<
  { evidence_id: string; indicator_id: string; quantity: number; valid_from: string; spheres: string[]; client_id: string | null }[]
> {
  return ownerQuery(
    `SELECT evidence_id, indicator_id, quantity, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, spheres::text[] AS spheres, client_id
     FROM indicator_evidence WHERE tenant_id = $1 AND source = 'MANUAL' ORDER BY valid_from`,
    [tenant.id],
  );
}

beforeEach(async () => {
  tenant = await createTenant();
  const [partnerA, partnerB] = [await createPartner(tenant), await createPartner(tenant)];
  const manager = await createUser(tenant, { role: "MANAGER" });
  const advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA.id });
  const otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerB.id });
  managerCtx = contextFor(manager);
  advisorCtx = contextFor(advisor);
  coordinatorCtx = contextFor(await createUser(tenant, { role: "COORDINATOR", partnerId: partnerA.id }));
  ownClientId = (await createClient(tenant, { name: "Grupa Inicjatywna Razem", keyAdvisorId: advisor.id })).id;
  otherClientId = (await createClient(tenant, { name: "Stowarzyszenie Obce", keyAdvisorId: otherAdvisor.id })).id;
  await ownerQuery(`UPDATE client SET kpres_spheres = '{LOCAL_COMMUNITY_AND_CULTURE,SOLIDARITY_OF_GENERATIONS}' WHERE id = $1`, [ownClientId]);
  const catalogue = await getIndicatorCataloguePage(managerCtx);
  const idOf = (code: string) => catalogue.indicators.find((i) => i.code === code)?.id ?? "";
  jointProjects = idOf("JOINT_GI_PROJECTS");
  jobsCreated = idOf("JOBS_CREATED");
});

describe("registering evidence", () => {
  it("counts a record by its quantity on its document date, with the client's spheres when asked", async () => {
    const { id } = await registerEvidence(advisorCtx, evidence({ quantity: "2", clientId: ownClientId, spheresFromClient: true }));
    expect(await counted()).toEqual([
      {
        evidence_id: id,
        indicator_id: jointProjects,
        quantity: 2,
        valid_from: "2026-03-10",
        spheres: ["LOCAL_COMMUNITY_AND_CULTURE", "SOLIDARITY_OF_GENERATIONS"],
        client_id: ownClientId,
      },
    ]);
    const { id: chosen } = await registerEvidence(managerCtx, evidence({ clientId: ownClientId, kpresSpheres: ["SUSTAINABLE_DEVELOPMENT"] }));
    expect((await counted()).find((r) => r.evidence_id === chosen)?.spheres).toEqual(["SUSTAINABLE_DEVELOPMENT"]);

    const [row] = (await auditRows(tenant.id)).filter((r) => r.action === "evidence.register");
    expect(row).toMatchObject({
      entity_type: "IndicatorEvidence",
      entity_id: id,
      after: {
        indicatorId: jointProjects,
        documentKind: "List intencyjny",
        documentDate: "2026-03-10",
        reference: "LI/3/2026",
        quantity: 2,
        clientId: ownClientId,
      },
    });
  });

  it("refuses an indicator whose evidence comes from the system, and says why next to the field", async () => {
    const error = await appErrorOf(registerEvidence(managerCtx, evidence({ indicatorId: jobsCreated })));
    expect({ code: error.code, fieldErrors: error.fieldErrors }).toEqual({ code: "VALIDATION_FAILED", fieldErrors: { indicatorId: "notManualIndicator" } });
    expect(await counted()).toEqual([]);
  });

  it("validates the document next to its fields", async () => {
    const error = await appErrorOf(
      registerEvidence(managerCtx, evidence({ indicatorId: "", documentKind: "", documentDate: addDays(polishDaysAgo(0), 1), reference: " ", quantity: 0 })),
    );
    expect(error.fieldErrors).toEqual({
      indicatorId: "chooseIndicator",
      documentKind: "required",
      documentDate: "dateInFuture",
      reference: "required",
      quantity: "quantityMin",
    });
  });

  it("is for managers, coordinators and key advisors only", async () => {
    for (const role of ["ADMIN", "ANIMATOR", "SPECIALIST", "AUDITOR"] as const) {
      const ctx = contextFor(await createUser(tenant, { role }));
      expect((await appErrorOf(registerEvidence(ctx, evidence()))).code, role).toBe("FORBIDDEN");
      expect((await appErrorOf(getEvidenceListPage(ctx, {}))).code, role).toBe("FORBIDDEN");
    }
    await registerEvidence(coordinatorCtx, evidence({ clientId: ownClientId }));
    expect(await counted()).toHaveLength(1);
  });

  it("lets an advisor attach only a client they may read: another is refused like a missing one, audited", async () => {
    for (const clientId of [otherClientId, randomUUID()]) {
      const error = await appErrorOf(registerEvidence(advisorCtx, evidence({ clientId })));
      expect(error.code).toBe("NOT_FOUND");
    }
    expect(await counted()).toEqual([]);
    const refusals = (await auditRows(tenant.id)).filter((r) => r.action === "auth.forbidden");
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.after).toMatchObject({ clientId: otherClientId, reason: "needToKnow" });
  });
});

describe("seeing, correcting and withdrawing evidence", () => {
  it("lists what the caller may see: none about a client out of their scope", async () => {
    const general = await registerEvidence(managerCtx, evidence({ reference: "LI/1" }));
    const own = await registerEvidence(managerCtx, evidence({ reference: "LI/2", clientId: ownClientId }));
    const foreign = await registerEvidence(managerCtx, evidence({ reference: "LI/3", clientId: otherClientId }));
    const references = async (ctx: TContext) => (await getEvidenceListPage(ctx, {})).items.map((i) => i.reference).sort();
    expect(await references(managerCtx)).toEqual(["LI/1", "LI/2", "LI/3"]);
    expect(await references(advisorCtx)).toEqual(["LI/1", "LI/2"]);
    expect(await references(coordinatorCtx)).toEqual(["LI/1", "LI/2"]);
    expect((await getEvidencePage(advisorCtx, own.id)).client).toEqual({ id: ownClientId, name: "Grupa Inicjatywna Razem" });
    expect((await getEvidencePage(advisorCtx, general.id)).client).toBeNull();
    expect((await appErrorOf(getEvidencePage(advisorCtx, foreign.id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(withdrawEvidence(advisorCtx, foreign.id, { reason: "Błąd" }))).code).toBe("NOT_FOUND");
    expect((await getNewEvidencePage(advisorCtx)).clients).toEqual([{ id: ownClientId, name: "Grupa Inicjatywna Razem" }]);
  });

  it("moves a record to the year of its corrected date, audited with before and after", async () => {
    const { id } = await registerEvidence(managerCtx, evidence());
    const inYear = async (year: string) => (await getEvidenceListPage(managerCtx, { year })).items.map((i) => i.id);
    expect(await inYear("2026")).toEqual([id]);

    await correctEvidence(managerCtx, id, evidence({ documentDate: "2025-11-20", quantity: 3 }));
    expect(await inYear("2026")).toEqual([]);
    expect(await inYear("2025")).toEqual([id]);
    expect(await counted()).toEqual([expect.objectContaining({ evidence_id: id, valid_from: "2025-11-20", quantity: 3 })]);
    const [row] = (await auditRows(tenant.id)).filter((r) => r.action === "evidence.correct");
    expect(row).toMatchObject({ before: { documentDate: "2026-03-10", quantity: 1 }, after: { documentDate: "2025-11-20", quantity: 3 } });
  });

  it("withdraws a record with a reason: it stays listed as withdrawn and leaves the view", async () => {
    const { id } = await registerEvidence(managerCtx, evidence());
    const kept = await registerEvidence(managerCtx, evidence({ reference: "LI/9/2026" }));
    expect((await appErrorOf(withdrawEvidence(managerCtx, id, { reason: " " }))).fieldErrors).toEqual({ reason: "required" });
    await withdrawEvidence(managerCtx, id, { reason: "Dokument dotyczy innego projektu" });

    expect((await counted()).map((r) => r.evidence_id)).toEqual([kept.id]);
    expect((await getEvidenceListPage(managerCtx, {})).items.map((i) => i.id)).toEqual([kept.id]);
    const all = await getEvidenceListPage(managerCtx, { withdrawn: "1" });
    expect(all.items.find((i) => i.id === id)).toMatchObject({ withdrawn: true });
    expect((await getEvidencePage(managerCtx, id)).withdrawn).toMatchObject({ reason: "Dokument dotyczy innego projektu" });

    expect((await appErrorOf(withdrawEvidence(managerCtx, id, { reason: "Znowu" }))).code).toBe("INVALID_STATE");
    expect((await appErrorOf(correctEvidence(managerCtx, id, evidence()))).code).toBe("INVALID_STATE");
    const [row] = (await auditRows(tenant.id)).filter((r) => r.action === "evidence.withdraw");
    expect(row).toMatchObject({ entity_id: id, before: { withdrawn: false }, after: { withdrawn: true, withdrawReason: "Dokument dotyczy innego projektu" } });
  });

  it("answers another tenant's record or a made-up id like a missing one", async () => {
    const { id } = await registerEvidence(managerCtx, evidence());
    const other = await createTenant();
    const otherManager = contextFor(await createUser(other, { role: "MANAGER" }));
    for (const evidenceId of [id, randomUUID(), "x"]) {
      expect((await appErrorOf(getEvidencePage(otherManager, evidenceId))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(correctEvidence(otherManager, evidenceId, evidence()))).code).toBe("NOT_FOUND");
    }
    expect((await appErrorOf(registerEvidence(otherManager, evidence()))).code).toBe("NOT_FOUND");
    expect(await counted()).toHaveLength(1);
  });
});
