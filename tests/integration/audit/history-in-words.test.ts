import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { AuditTable } from "@/components/audit/audit-table";
import { ClientHistorySection } from "@/components/clients/client-history-section";
import type { TContext } from "@/lib/auth/context";
import { todayInPoland } from "@/lib/dates";
import { getAuditPage } from "@/lib/domain/audit/find-audit";
import { assignClient, releaseClient } from "@/lib/domain/caseload/service";
import { addTeamMember, createClient, getClientHistory, updateClient } from "@/lib/domain/clients/service";
import { addEvaluation, addMonitoringEntry, movePath } from "@/lib/domain/paths/service";
import { logService } from "@/lib/domain/services/service";
import { updatePartner } from "@/lib/domain/tenancy/service";
import { updateUser } from "@/lib/domain/users/service";
import * as enums from "@/lib/generated/prisma/enums";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";
import { contextFor, createOffice, createPartner, createTenant, createUser, ownerQuery, type TOfficeRow, type TPartnerRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { EVALUATION_INPUT, openPathAt } from "@/tests/factories/paths";
import { serviceInput } from "@/tests/factories/services";

/**
 * The client's history and the /audit page speak words, not codes: entries written by the real
 * services (registering and editing a client, assigning and releasing advisors, a path opened and
 * closed, a service with a plan action, a team change, a refusal, user and partner edits) render
 * with no uuid, no `[]`, no enum value of the schema, no dotted reason code and no fallback label.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
const ENUM_VALUES = [...new Set(Object.values(enums as Record<string, unknown>).flatMap((values) => (typeof values === "object" && values ? Object.values(values) : [])))] as string[];
/** Codes of the tenant's support catalogue the records hold (a reader sees the entries' names). */
const CATALOGUE_CODES = ["ADVISORY", "SPECIALIST_ADVISORY", "TRAINING", "ANIMATION", "DEFAULT", "LOCAL_GOVERNMENT", "LEGAL"];
/** A dotted code (a reason like "path.closed", an action, or a message key shown for want of a message). */
const DOTTED_CODE = /\b(path|paths|client|clients|user|users|plan|service|services|auth|annotation|caseload|tenant|partner|office|audit|common|roles)\.[a-z_]+/;
/** What the describer shows for a field, value or record it cannot read: never for what services write. */
const FALLBACKS: Record<"pl" | "en", string[]> = {
  pl: ["Inne dane", "(wartość nieczytelna)", "(rekord niedostępny)", "Inna czynność", "Inny obiekt"],
  en: ["Other data", "(unreadable value)", "(record unavailable)", "Other action", "Other object"],
};

function render(locale: "pl" | "en", element: ReactElement): string {
  const props: ComponentProps<typeof NextIntlClientProvider> = { locale, messages: locale === "pl" ? pl : en, timeZone: "Europe/Warsaw", children: element };
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, props));
  // What a reader sees: the text, not the attributes (links and <time> carry ids and ISO dates).
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/g, " ")
    .replace(/\s+/g, " ");
}

function expectInWords(text: string, locale: "pl" | "en") {
  expect(text).not.toMatch(UUID);
  expect(text).not.toContain("[]");
  expect(text).not.toMatch(DOTTED_CODE);
  expect(ENUM_VALUES.filter((value) => new RegExp(`\\b${value}\\b`).test(text))).toEqual([]);
  expect(CATALOGUE_CODES.filter((code) => new RegExp(`\\b${code}\\b`).test(text))).toEqual([]);
  expect(FALLBACKS[locale].filter((fallback) => text.includes(fallback))).toEqual([]);
}

let manager: TUserRow;
let managerCtx: TContext;
let advisor: TUserRow;
let advisorCtx: TContext;
let otherAdvisor: TUserRow;
let partner: TPartnerRow;
let office: TOfficeRow;
let clientId: string;

beforeEach(async () => {
  const tenant = await createTenant();
  partner = await createPartner(tenant, { name: "Fundacja Partnerska" });
  office = await createOffice(tenant, { name: "Biuro Kielce" });
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  managerCtx = contextFor(manager);
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "Anna Doradczyni", partnerId: partner.id });
  advisorCtx = contextFor(advisor);
  otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "Piotr Doradca", partnerId: partner.id });
  const admin = await createUser(tenant, { role: "ADMIN", name: "Adam Administrator" });
  const animator = await createUser(tenant, { role: "ANIMATOR", name: "Ewa Animatorka" });

  const client = await createClient(managerCtx, {
    kind: "SOCIAL_COOPERATIVE",
    name: "Spółdzielnia Socjalna Razem",
    town: "Kielce",
    kpresSpheres: [],
    people: [{ role: "REPRESENTATIVE", name: "Jan Prezes", function: "prezes" }],
  });
  clientId = client.id;
  await updateClient(managerCtx, clientId, {
    kind: "NGO",
    name: "Stowarzyszenie Razem",
    town: "Kielce",
    officeId: office.id,
    kpresSpheres: ["SUSTAINABLE_DEVELOPMENT", "SOLIDARITY_OF_GENERATIONS"],
    atRiskOfExclusion: true,
    consentDate: "2026-03-12",
    consentLegalBasis: "CONSENT",
    people: [],
  });
  await assignClient(managerCtx, { clientId, advisorId: otherAdvisor.id, reason: "pierwszy przydział" });
  await assignClient(managerCtx, { clientId, advisorId: advisor.id, reason: "zastępstwo na czas urlopu" });
  await addTeamMember(managerCtx, clientId, { userId: animator.id, role: "ANIMATOR", startsOn: todayInPoland() });

  // A path to its end: plan, services under its action, monitoring, evaluation, closing (client.close, "path.closed") and reopening.
  const { pathId, versionId } = await openPathAt(advisorCtx, managerCtx, clientId, "IMPLEMENTATION");
  const [action] = await ownerQuery<{ id: string }>(`SELECT id FROM path_plan_action WHERE plan_version_id = $1`, [versionId]);
  await logService(advisorCtx, serviceInput([clientId], { planActionIds: { [clientId]: action?.id ?? "" }, providerIds: [advisor.id, animator.id] }));
  await addMonitoringEntry(advisorCtx, pathId, { progress: "Szkolenie ukończone", risks: null, nextSteps: null });
  await movePath(advisorCtx, pathId, { to: "MONITORING" });
  await movePath(advisorCtx, pathId, { to: "EVALUATION" });
  await addEvaluation(advisorCtx, pathId, EVALUATION_INPUT);
  await movePath(advisorCtx, pathId, { to: "CLOSED" });
  await movePath(advisorCtx, pathId, { to: "IMPLEMENTATION" });
  await releaseClient(managerCtx, { clientId, reason: "" });

  // Beyond the client: a refusal, a user's move to a partner and office, a partner renamed.
  expect((await appErrorOf(updateClient(contextFor(animator), clientId, { kind: "NGO", name: "Zmiana" }))).code).toBe("FORBIDDEN");
  await updateUser(contextFor(admin), animator.id, { name: "Ewa Animatorka", email: animator.email, role: "SPECIALIST", partnerId: partner.id, officeId: office.id });
  await updatePartner(contextFor(admin), partner.id, { name: "Fundacja Partnerska Plus" });
});

describe("the client's history", () => {
  it.each(["pl", "en"] as const)("names people, records, reasons and values in words (%s)", async (locale) => {
    const history = await getClientHistory(managerCtx, clientId);
    const actions = history.auditEntries.map((entry) => entry.description.actionKey);
    expect(actions).toEqual(expect.arrayContaining(["audit.actions.client.update", "audit.actions.client.close", "audit.actions.client.reopen", "audit.actions.client.team_add"]));

    const text = render(locale, createElement(ClientHistorySection, { history }));
    expectInWords(text, locale);
    if (locale === "pl") {
      // The codes the trail holds, as a reader reads them.
      for (const words of [
        "Stowarzyszenie lub fundacja", // kind NGO
        "Spółdzielnia socjalna", // the kind before
        "Zrównoważony rozwój, Solidarność pokoleń", // spheres, comma-separated
        "Biuro Kielce", // the office id
        "Anna Doradczyni", // the key advisor id
        "zamknięcie ścieżki", // release reason path.closed
        "ponowne otwarcie ścieżki", // reason path.reopened
        "zastępstwo na czas urlopu", // a typed reason, as typed
        "Wsparcie zakończone", // status CLOSED
        "12.03.2026", // the consent date, Polish format
        "Tak", // a boolean
        "Przedstawiciel", // the person's role
        "Animator", // the team role
      ]) {
        expect(text, words).toContain(words);
      }
    }
  });

  it("keeps special-category values from a role that may not read them", async () => {
    await updateClient(managerCtx, clientId, { kind: "NGO", name: "Stowarzyszenie Razem", town: "Kielce", officeId: office.id, kpresSpheres: ["SUSTAINABLE_DEVELOPMENT", "SOLIDARITY_OF_GENERATIONS"], atRiskOfExclusion: true, consentDate: "2026-03-12", consentLegalBasis: "CONSENT", hasDisability: true });
    const auditor = contextFor(await createUser({ id: advisor.tenantId }, { role: "AUDITOR" }));
    const labels = async (ctx: TContext) => (await getClientHistory(ctx, clientId)).auditEntries.flatMap((e) => e.description.changes.map((c) => c.labelKey));
    expect(await labels(managerCtx)).toContain("audit.fields.hasDisability");
    expect(await labels(auditor)).not.toContain("audit.fields.hasDisability");
  });
});

describe("the /audit page", () => {
  it.each(["pl", "en"] as const)("shows every entry in words, the records it names by name (%s)", async (locale) => {
    const page = await getAuditPage(managerCtx, { pageSize: 100 });
    expect(page.result.total).toBe(page.result.items.length);
    expect([...new Set(page.result.items.map((entry) => entry.entityType))].sort()).toEqual(
      ["Client", "Partner", "PathPlanVersion", "Permission", "ServiceRecord", "SupportPath", "User"],
    );
    const text = render(locale, createElement(AuditTable, { entries: page.result.items, historyHref: () => "/audit" }));
    expectInWords(text, locale);
    if (locale === "pl") {
      for (const words of ["Fundacja Partnerska Plus", "Biuro Kielce", "Doradca specjalistyczny", "Stowarzyszenie Razem", "rejestracja i edycja klientów", "ścieżka z", "plan nr 1"]) {
        expect(text, words).toContain(words);
      }
    }
    // Support types and the path's template by the names the tenant's catalogue gives them, in the reader's language.
    for (const words of locale === "pl" ? ["Doradztwo", "Ścieżka standardowa"] : ["Advisory", "Standard path"]) expect(text, words).toContain(words);
  });
});
