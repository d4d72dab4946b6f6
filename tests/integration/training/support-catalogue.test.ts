import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { CatalogueSelect } from "@/components/catalogue/catalogue-select";
import type { TContext } from "@/lib/auth/context";
import { offered } from "@/lib/domain/catalogue/read";
import { createEntry, deleteEntry, getCatalogueEntryPage, getCataloguePage, moveEntry, setEntryRetired, updateEntry } from "@/lib/domain/catalogue/service";
import type { TCatalogueOption } from "@/lib/domain/catalogue/names";
import { getDashboard } from "@/lib/domain/dashboard/service";
import { getOpenPathForm, getPathPage, movePath, openPath, saveNeeds, savePlan } from "@/lib/domain/paths/service";
import { getServiceRegisterPage } from "@/lib/domain/services/register";
import { getServiceFormOptions, listClientServices, logService, updateService } from "@/lib/domain/services/service";
import { getTenantPolicyForEdit, updateTenantPolicy } from "@/lib/domain/tenancy/service";
import pl from "@/lib/i18n/messages/pl.json";
import { auditRows, contextFor, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { NEEDS_INPUT, OPEN_PATH_INPUT, openPathAt, planAction } from "@/tests/factories/paths";
import { serviceInput } from "@/tests/factories/services";

/**
 * Issue 14: the support catalogue (support types, specialist areas, path templates) is tenant data
 * the manager edits, and the rules read it. A retired entry stays on the records that have it —
 * a service, a plan action, a need — and on their edits, but is neither offered nor accepted for
 * new ones; a renamed entry reads with its new name everywhere; only an unused entry can be
 * deleted; a new support type works like a built-in one down to the register and the dashboard;
 * the local-government template's obligatory methods are the table's; the manager alone edits,
 * and only their own tenant's entries.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let managerCtx: TContext;
let advisorCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  managerCtx = contextFor(manager);
  advisorCtx = contextFor(advisor);
});

const activeClient = () => createClient(tenant, { status: "ACTIVE", keyAdvisorId: advisor.id });

/** What a form's select offers, as a reader sees it (the component the forms use, rendered in Polish). */
function optionsShown(entries: TCatalogueOption[], kept: string[] = []): string[] {
  const props: ComponentProps<typeof NextIntlClientProvider> = { locale: "pl", messages: pl, timeZone: "Europe/Warsaw", children: createElement(CatalogueSelect, { entries, kept }) };
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, props));
  return [...html.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => m[1] ?? "");
}

describe("a retired entry", () => {
  it("stays on the old service, plan action and need, and on their edits, but is not offered or accepted for new ones", async () => {
    const client = await activeClient();
    const { pathId } = await openPathAt(advisorCtx, managerCtx, client.id, "IMPLEMENTATION", { actions: [planAction({ supportType: "COACHING" })] });
    await saveNeeds(advisorCtx, pathId, { needs: [...NEEDS_INPUT.needs, { area: "COACHING", description: "Mentoring prezesa", priority: 2, expectedEffects: [] }] });
    const { id: serviceId } = await logService(advisorCtx, serviceInput([client.id], { supportType: "COACHING" }));

    await setEntryRetired(managerCtx, "supportType", "COACHING", true);

    // The old records keep it, by name.
    const history = await listClientServices(advisorCtx, client.id, {});
    expect(history.items.map((s) => [s.supportType, s.supportTypeEntry.name])).toEqual([["COACHING", "Coaching / mentoring"]]);
    const plan = await getPathPage(advisorCtx, pathId, { tab: "plan" });
    if (plan.tab.name !== "plan") throw new Error("plan tab");
    expect(plan.tab.plan.latestActions.map((a) => a.supportType)).toEqual(["COACHING"]);
    const needs = await getPathPage(advisorCtx, pathId, { tab: "needs" });
    if (needs.tab.name !== "needs") throw new Error("needs tab");
    expect(needs.tab.needs.map((n) => n.area)).toContain("COACHING");
    expect(needs.path.catalogue.supportTypes.find((t) => t.code === "COACHING")).toMatchObject({ name: "Coaching / mentoring", retired: true });

    // Not offered for a new record; offered, marked, to the record that has it.
    const options = await getServiceFormOptions(advisorCtx, [client.id]);
    expect(offered(options.supportTypes).map((t) => t.code)).not.toContain("COACHING");
    expect(optionsShown(options.supportTypes)).not.toContain("Coaching / mentoring");
    expect(optionsShown(options.supportTypes, ["COACHING"])).toContain("Coaching / mentoring (wycofana)");

    // Refused for a new service, with the field error, and nothing written.
    const before = await tenantSnapshot(tenant.id);
    const refused = await appErrorOf(logService(advisorCtx, serviceInput([client.id], { supportType: "COACHING", startTime: "12:00" })));
    expect({ code: refused.code, fieldErrors: refused.fieldErrors }).toEqual({ code: "VALIDATION_FAILED", fieldErrors: { supportType: "retired" } });
    expect(pl.validation.retired).toBe("Ta pozycja katalogu została wycofana.");
    expect(await tenantSnapshot(tenant.id)).toEqual(before);

    // The old records' edits may keep it…
    await updateService(advisorCtx, serviceId, { ...serviceInput([client.id], { supportType: "COACHING" }), topic: "Poprawiony temat" });
    await saveNeeds(advisorCtx, pathId, { needs: [{ area: "COACHING", description: "Mentoring prezesa", priority: 1, expectedEffects: ["Plan rozwoju"] }] });
    const version = plan.tab.plan.versions[0];
    if (!version) throw new Error("version");
    await savePlan(advisorCtx, pathId, { versionId: version.id, baseRevision: version.revision, summary: "Plan 2", actions: [planAction({ supportType: "COACHING" })] });
    // …but another record cannot take it up.
    const other = await activeClient();
    const { id: otherService } = await logService(advisorCtx, serviceInput([other.id]));
    expect((await appErrorOf(updateService(advisorCtx, otherService, serviceInput([other.id], { supportType: "COACHING" })))).fieldErrors).toEqual({ supportType: "retired" });
    const { pathId: otherPath } = await openPathAt(advisorCtx, managerCtx, other.id, "PLAN");
    const need = await appErrorOf(saveNeeds(advisorCtx, otherPath, { needs: [{ area: "COACHING", description: "Mentoring", priority: 1, expectedEffects: [] }] }));
    expect(need.fieldErrors).toEqual({ "needs.0.area": "retired" });
    const action = await appErrorOf(
      savePlan(advisorCtx, otherPath, { versionId: null, baseRevision: null, summary: null, actions: [planAction(), planAction({ supportType: "COACHING" })] }),
    );
    expect(action.fieldErrors).toEqual({ "actions.1.supportType": "retired" });

    // Restored, it is offered and accepted again.
    await setEntryRetired(managerCtx, "supportType", "COACHING", false);
    await logService(advisorCtx, serviceInput([other.id], { supportType: "COACHING", startTime: "14:00" }));
    expect((await auditRows(tenant.id)).filter((r) => r.action.startsWith("catalogue.")).map((r) => [r.action, r.entity_id])).toEqual([
      ["catalogue.retire", "COACHING"],
      ["catalogue.restore", "COACHING"],
    ]);
  });

  it("as a path template, is not offered and refused for a new path", async () => {
    await setEntryRetired(managerCtx, "pathTemplate", "LOCAL_GOVERNMENT", true);
    expect((await getOpenPathForm(advisorCtx)).templates.map((t) => t.code)).toEqual(["DEFAULT"]);
    const client = await activeClient();
    const refused = await appErrorOf(openPath(advisorCtx, client.id, { ...OPEN_PATH_INPUT, template: "LOCAL_GOVERNMENT" }));
    expect(refused.fieldErrors).toEqual({ template: "retired" });
  });
});

describe("renaming, adding, deleting", () => {
  it("shows the new name on old records", async () => {
    const client = await activeClient();
    await logService(advisorCtx, serviceInput([client.id], { supportType: "INFORMATION" }));
    await updateEntry(managerCtx, "supportType", "INFORMATION", { name: "Punkt informacyjny", nameEn: "Information desk" });
    const [item] = (await listClientServices(advisorCtx, client.id, {})).items;
    expect(item?.supportTypeEntry).toEqual({ name: "Punkt informacyjny", nameEn: "Information desk" });
    const [audit] = (await auditRows(tenant.id)).filter((r) => r.action === "catalogue.update");
    expect(audit).toMatchObject({ entity_type: "SupportTypeEntry", entity_id: "INFORMATION", before: { name: "Informacja" }, after: { name: "Punkt informacyjny" } });
  });

  it("deletes an unused entry, and refuses one in use with ENTRY_IN_USE naming the entry and its uses", async () => {
    const { code } = await createEntry(managerCtx, "specialistArea", { name: "Ekologia i OZE", nameEn: "Green energy" });
    expect(code).toBe("EKOLOGIA_I_OZE");
    await deleteEntry(managerCtx, "specialistArea", code);
    expect((await getCataloguePage(managerCtx)).catalogue.specialistAreas.map((a) => a.code)).not.toContain(code);

    const client = await activeClient();
    await openPathAt(advisorCtx, managerCtx, client.id, "PLAN");
    await logService(advisorCtx, serviceInput([client.id], { supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL" }));
    const page = await getCataloguePage(managerCtx);
    // TRAINING: the need (NEEDS_INPUT); SPECIALIST_ADVISORY: the service and the local-government template.
    expect(page.uses.supportType).toMatchObject({ TRAINING: 1, SPECIALIST_ADVISORY: 2 });
    expect(page.uses.specialistArea).toEqual({ LEGAL: 1 });
    expect(page.uses.pathTemplate).toEqual({ DEFAULT: 1 });
    const refused = await appErrorOf(deleteEntry(managerCtx, "specialistArea", "LEGAL"));
    expect({ code: refused.code, params: refused.params }).toEqual({ code: "ENTRY_IN_USE", params: { entry: "Prawne", uses: 1 } });
    expect((await appErrorOf(deleteEntry(managerCtx, "pathTemplate", "DEFAULT"))).code).toBe("ENTRY_IN_USE");
    expect((await getCatalogueEntryPage(managerCtx, "specialistArea", "LEGAL")).uses).toBe(1);
  });

  it("uses a new support type for a service, which the register and the dashboard show by its name", async () => {
    const { code } = await createEntry(managerCtx, "supportType", { name: "Warsztaty kulinarne", nameEn: "Cooking workshops" });
    expect((await createEntry(managerCtx, "supportType", { name: "Warsztaty: kulinarne!" })).code).toBe("WARSZTATY_KULINARNE_2");
    expect((await appErrorOf(createEntry(managerCtx, "supportType", { name: "warsztaty kulinarne" }))).fieldErrors).toEqual({ name: "nameTaken" });
    const client = await activeClient();
    await logService(advisorCtx, serviceInput([client.id], { supportType: code, durationMinutes: 90 }));

    const register = await getServiceRegisterPage(managerCtx, { type: code });
    expect(register.items.map((r) => r.supportType)).toEqual([code]);
    expect(register.catalogue.supportTypes.find((t) => t.code === code)).toMatchObject({ name: "Warsztaty kulinarne", nameEn: "Cooking workshops" });
    const dashboard = await getDashboard(managerCtx);
    if (dashboard.role !== "MANAGER") throw new Error("manager dashboard");
    expect(dashboard.thisMonth.byType.find((t) => t.type === code)).toMatchObject({ count: 1, minutes: 90 });
    expect(dashboard.supportTypes).toContainEqual({ code, name: "Warsztaty kulinarne", nameEn: "Cooking workshops" });
  });

  it("asks for a specialist area where the type's entry says so, and nowhere else", async () => {
    const { code } = await createEntry(managerCtx, "supportType", { name: "Doradztwo branża", requiresSpecialistArea: true });
    // A rename that leaves the flag out keeps it.
    await updateEntry(managerCtx, "supportType", code, { name: "Doradztwo branżowe" });
    const client = await activeClient();
    const missing = await appErrorOf(logService(advisorCtx, serviceInput([client.id], { supportType: code })));
    expect(missing.fieldErrors).toEqual({ specialistArea: "specialistAreaRequired" });
    const { id } = await logService(advisorCtx, serviceInput([client.id], { supportType: code, specialistArea: "HR" }));
    await updateEntry(managerCtx, "supportType", "SPECIALIST_ADVISORY", { name: "Doradztwo specjalistyczne", requiresSpecialistArea: false });
    const { id: plain } = await logService(advisorCtx, serviceInput([client.id], { supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL", startTime: "15:00" }));
    const rows = await ownerQuery<{ id: string; specialist_area: string | null }>(`SELECT id, specialist_area FROM service_record WHERE id = ANY($1::uuid[])`, [[id, plain]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.specialist_area]))).toEqual({ [id]: "HR", [plain]: null });
  });

  it("moves an entry up its list", async () => {
    await moveEntry(managerCtx, "specialistArea", "FINANCIAL", { direction: "up" });
    expect((await getCataloguePage(managerCtx)).catalogue.specialistAreas.slice(0, 3).map((a) => a.code)).toEqual(["FINANCIAL", "LEGAL", "HR"]);
  });
});

describe("the local-government template's obligatory methods", () => {
  it("are read from the catalogue when the path moves: change them and the check follows", async () => {
    const client = await activeClient();
    const { pathId } = await openPathAt(advisorCtx, managerCtx, client.id, "MONITORING", { template: "LOCAL_GOVERNMENT" });
    const refusal = async () => (await appErrorOf(movePath(advisorCtx, pathId, { to: "EVALUATION" }))).params.missing;
    expect(await refusal()).toBe("obligatoryMethod.ANIMATION,obligatoryMethod.SPECIALIST_ADVISORY");

    const { code } = await createEntry(managerCtx, "supportType", { name: "Wizyta w JST" });
    await updateEntry(managerCtx, "pathTemplate", "LOCAL_GOVERNMENT", { name: "Ścieżka dla samorządu (JST)", obligatorySupportTypes: ["ANIMATION", code] });
    expect(await refusal()).toBe(`obligatoryMethod.ANIMATION,obligatoryMethod.${code}`);
    const page = await getPathPage(advisorCtx, pathId, { tab: "overview" });
    expect(page.path.nextSteps.find((s) => s.to === "EVALUATION")?.missing).toEqual(["obligatoryMethod.ANIMATION", `obligatoryMethod.${code}`]);

    await logService(advisorCtx, serviceInput([client.id], { supportType: code }));
    await updateEntry(managerCtx, "pathTemplate", "LOCAL_GOVERNMENT", { name: "Ścieżka dla samorządu (JST)", obligatorySupportTypes: [code] });
    await movePath(advisorCtx, pathId, { to: "EVALUATION" });

    const unknown = await appErrorOf(updateEntry(managerCtx, "pathTemplate", "DEFAULT", { name: "Ścieżka standardowa", obligatorySupportTypes: ["NO_SUCH_TYPE"] }));
    expect(unknown.fieldErrors).toEqual({ obligatorySupportTypes: "invalid" });
  });
});

describe("who may edit", () => {
  it("only a manager (catalogue.manage): a key advisor is refused before anything is read or written", async () => {
    const before = await tenantSnapshot(tenant.id);
    for (const call of [
      () => getCataloguePage(advisorCtx),
      () => getCatalogueEntryPage(advisorCtx, "supportType", "ADVISORY"),
      () => createEntry(advisorCtx, "supportType", { name: "Nowa" }),
      () => updateEntry(advisorCtx, "supportType", "ADVISORY", { name: "Inna" }),
      () => setEntryRetired(advisorCtx, "supportType", "ADVISORY", true),
      () => moveEntry(advisorCtx, "supportType", "ADVISORY", { direction: "down" }),
      () => deleteEntry(advisorCtx, "supportType", "STUDY_VISIT"),
    ]) {
      // One at a time, each awaited: a refusal is asserted, never left unhandled.
      expect((await appErrorOf(call())).code).toBe("FORBIDDEN");
    }
    const after = await tenantSnapshot(tenant.id);
    // Only the refusals' own audit rows.
    expect({ ...after, audit_log: [] }).toEqual({ ...before, audit_log: [] });
  });

  it("another tenant neither sees nor edits this tenant's entries (NOT_FOUND) nor can use them", async () => {
    const { code } = await createEntry(managerCtx, "supportType", { name: "Tylko nasza forma" });
    const other = await createTenant();
    const otherManager = contextFor(await createUser(other, { role: "MANAGER" }));
    const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
    const otherClient = await createClient(other, { status: "ACTIVE", keyAdvisorId: otherAdvisor.id });
    const before = await tenantSnapshot(other.id);
    for (const call of [
      () => getCatalogueEntryPage(otherManager, "supportType", code),
      () => updateEntry(otherManager, "supportType", code, { name: "Przejęta" }),
      () => setEntryRetired(otherManager, "supportType", code, true),
      () => moveEntry(otherManager, "supportType", code, { direction: "up" }),
      () => deleteEntry(otherManager, "supportType", code),
    ]) {
      expect((await appErrorOf(call())).code).toBe("NOT_FOUND");
    }
    expect((await getCataloguePage(otherManager)).catalogue.supportTypes.map((t) => t.code)).not.toContain(code);
    const refused = await appErrorOf(logService(contextFor(otherAdvisor), serviceInput([otherClient.id], { supportType: code })));
    expect(refused.fieldErrors).toEqual({ supportType: "invalid" });
    expect(await tenantSnapshot(other.id)).toEqual(before);
    expect((await getCatalogueEntryPage(managerCtx, "supportType", code)).entry.name).toBe("Tylko nasza forma");
  });
});

describe("the per-person training limit (tenant policy)", () => {
  it("is set by the policy's managers within 0–100 and audited like the other settings", async () => {
    expect((await getTenantPolicyForEdit(managerCtx)).trainingLimitPerPerson).toBe(3);
    await updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 15, trainingLimitPerPerson: "0" });
    expect((await getTenantPolicyForEdit(managerCtx)).trainingLimitPerPerson).toBe(0);
    const [audit] = (await auditRows(tenant.id)).filter((r) => r.action === "tenant.policy_update");
    expect(audit).toMatchObject({ before: { trainingLimitPerPerson: 3 }, after: { trainingLimitPerPerson: 0 } });
    expect((await appErrorOf(updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 15, trainingLimitPerPerson: 101 }))).fieldErrors).toEqual({
      trainingLimitPerPerson: "trainingLimitRange",
    });
    expect((await appErrorOf(updateTenantPolicy(advisorCtx, { maxClientsPerAdvisor: 15, trainingLimitPerPerson: 5 }))).code).toBe("FORBIDDEN");
  });
});
