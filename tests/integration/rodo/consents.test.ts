import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { getClientPage, updateClient } from "@/lib/domain/clients/service";
import { getParticipantsPage } from "@/lib/domain/participants/page";
import { REGISTER_COLUMNS } from "@/lib/domain/participants/register-columns";
import { exportParticipantRegister } from "@/lib/domain/participants/register-export";
import type { TParticipantDataInput } from "@/lib/domain/participants/schemas";
import { getParticipantPage, saveParticipantData } from "@/lib/domain/participants/service";
import { getClause, getClientClause, publishClause } from "@/lib/domain/privacy/clauses";
import { getClientPrivacyPage, giveConsent, withdrawConsent } from "@/lib/domain/privacy/consents";
import { setLegalBasis } from "@/lib/domain/privacy/legal-basis";
import { retentionEndsOn } from "@/lib/domain/privacy/retention-policy";
import { getPrivacySettingsPage, updatePrivacySettings } from "@/lib/domain/privacy/settings";
import { addDays, dateOnly, todayInPoland } from "@/lib/dates";
import { auditRows, contextFor, countRows, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { recordStatements } from "@/tests/support/statement-counter";

/**
 * Issue 17 §3 and §5: the information clause as versioned tenant data, the retention settings and
 * the end of retention they give, a client's legal basis and consents with their audit trail, and
 * the one rule "a withdrawn consent hides the optional data at once" — on the client page, the
 * participant page, the completeness list and the participant register.
 */

const TODAY = todayInPoland();
const CLAUSE = { title: "Klauzula informacyjna EFS+", body: "Administratorem Pani/Pana danych jest ośrodek.", effectiveFrom: "2025-01-01" };

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let managerCtx: TContext;
let advisorCtx: TContext;
let personId: string;

/** Every EFS+ answer at the start, the special-category ones included. */
function fullInput(overrides: Partial<TParticipantDataInput> = {}): TParticipantDataInput {
  return {
    sex: "FEMALE",
    birthDate: "1985-03-14",
    educationLevel: "ISCED_3",
    labourMarketStatus: "LONG_TERM_UNEMPLOYED",
    disability: "YES",
    foreignOrigin: "NO",
    minority: "REFUSED",
    homeless: "NO",
    urbanisation: "RURAL",
    participationStart: "2026-02-01",
    participationEnd: "",
    situationAtEnd: "",
    ...overrides,
  };
}

async function readRegister(ctx: TContext) {
  const { body } = await exportParticipantRegister(ctx, {});
  const workbook = new ExcelJS.Workbook();
  // exceljs is typed against an older Buffer; the bytes are the same.
  await workbook.xlsx.load(body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  const [, ...rows] = (sheet.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
  return rows;
}

const col = (header: string) => REGISTER_COLUMNS.findIndex((c) => c.header === header);

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
  managerCtx = contextFor(manager);
  advisorCtx = contextFor(advisor);
  personId = (await createClient(tenant, { name: "Anna Nowak", keyAdvisorId: advisor.id, hasDisability: true })).id;
  await ownerQuery(
    `UPDATE client SET voivodeship = 'świętokrzyskie', county = 'kielecki', commune = 'Daleszyce', email = 'anna@example.pl', phone = '600100200' WHERE id = $1`,
    [personId],
  );
  await saveParticipantData(advisorCtx, personId, fullInput());
});

describe("the information clause", () => {
  it("is published as versions 1, 2, … — never edited — each audited, and read back with its text", async () => {
    const first = await publishClause(managerCtx, CLAUSE);
    const second = await publishClause(managerCtx, { ...CLAUSE, body: "Nowa treść klauzuli.", effectiveFrom: "2026-03-01" });
    expect([first.version, second.version]).toEqual([1, 2]);

    const page = await getPrivacySettingsPage(managerCtx);
    expect(page.clauses.map((c) => [c.version, c.createdByName])).toEqual([
      [2, manager.name],
      [1, manager.name],
    ]);
    expect(page.latest).toEqual({ title: CLAUSE.title, body: "Nowa treść klauzuli." });
    expect((await getClause(managerCtx, first.id)).body).toBe(CLAUSE.body);

    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "clause.publish");
    expect(audit.map((r) => [r.entity_type, r.entity_id, r.after])).toEqual([
      ["InformationClause", first.id, { version: 1, title: CLAUSE.title, effectiveFrom: "2025-01-01" }],
      ["InformationClause", second.id, { version: 2, title: CLAUSE.title, effectiveFrom: "2026-03-01" }],
    ]);

    // There is no edit path: the app's database role may not even try.
    const edit = tenantTransaction(tenant.id, (tx) => tx.$executeRaw`UPDATE information_clause SET body = 'Zmieniona' WHERE id = ${first.id}::uuid`);
    await expect(edit).rejects.toThrow(/permission denied/);
    expect((await getClause(managerCtx, first.id)).body).toBe(CLAUSE.body);
  });

  it("refuses a version that would apply before the one it follows, and numbers concurrent publications apart", async () => {
    await publishClause(managerCtx, { ...CLAUSE, effectiveFrom: "2026-03-01" });
    const early = await appErrorOf(publishClause(managerCtx, { ...CLAUSE, effectiveFrom: "2026-02-28" }));
    expect(early.fieldErrors).toEqual({ effectiveFrom: "beforePreviousVersion" });

    const results = await Promise.all([1, 2, 3].map(() => publishClause(managerCtx, { ...CLAUSE, effectiveFrom: "2026-03-01" })));
    expect(results.map((r) => r.version).sort()).toEqual([2, 3, 4]);
  });

  it("is published only with privacy.settings, and read from a client's tab only within the client's scope", async () => {
    expect((await appErrorOf(publishClause(advisorCtx, CLAUSE))).code).toBe("FORBIDDEN");
    const clause = await publishClause(managerCtx, CLAUSE);
    expect((await appErrorOf(getClause(advisorCtx, clause.id))).code).toBe("FORBIDDEN");
    expect((await getClientClause(advisorCtx, personId, clause.id)).clause.body).toBe(CLAUSE.body);

    const stranger = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    expect((await appErrorOf(getClientClause(stranger, personId, clause.id))).code).toBe("NOT_FOUND");
    const other = await createTenant();
    const otherClause = await publishClause(contextFor(await createUser(other, { role: "MANAGER" })), CLAUSE);
    expect((await appErrorOf(getClientClause(advisorCtx, personId, otherClause.id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(getClause(managerCtx, otherClause.id))).code).toBe("NOT_FOUND");
  });
});

describe("the retention settings", () => {
  it("end retention on 31 December of the last payment's year plus the years kept, audited with before and after", async () => {
    expect((await getPrivacySettingsPage(managerCtx)).settings).toEqual({
      lastPaymentOn: null,
      retentionYears: 5,
      accessLogRetentionMonths: 24,
      retentionEndsOn: null,
    });

    const saved = await updatePrivacySettings(managerCtx, { lastPaymentOn: "2026-06-15", retentionYears: "5", accessLogRetentionMonths: "36" });
    expect(saved.retentionEndsOn).toEqual(dateOnly("2031-12-31"));
    await updatePrivacySettings(managerCtx, { lastPaymentOn: "2026-06-15", retentionYears: 5, accessLogRetentionMonths: 36 }); // nothing changed: nothing audited

    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "tenant.privacy_settings");
    expect(audit.map((r) => [r.entity_type, r.entity_id, r.before, r.after])).toEqual([
      [
        "Tenant",
        tenant.id,
        { lastPaymentOn: null, retentionYears: 5, accessLogRetentionMonths: 24 },
        { lastPaymentOn: "2026-06-15", retentionYears: 5, accessLogRetentionMonths: 36 },
      ],
    ]);
    expect((await getPrivacySettingsPage(managerCtx)).settings.retentionEndsOn).toEqual(dateOnly("2031-12-31"));
  });

  it("count whole years from the year's end, so neither 29 February nor 31 December moves the end", () => {
    const endOf = (lastPaymentOn: string, retentionYears: number) => retentionEndsOn({ lastPaymentOn: dateOnly(lastPaymentOn), retentionYears });
    expect(endOf("2024-02-29", 5)).toEqual(dateOnly("2029-12-31"));
    expect(endOf("2024-02-29", 4)).toEqual(dateOnly("2028-12-31"));
    expect(endOf("2026-12-31", 5)).toEqual(dateOnly("2031-12-31"));
    expect(endOf("2026-01-01", 1)).toEqual(dateOnly("2027-12-31"));
    expect(retentionEndsOn({ lastPaymentOn: null, retentionYears: 5 })).toBeNull();
  });

  it("refuse out-of-range values and a last payment in the future next to the field, and need privacy.settings", async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ retentionYears: 0, accessLogRetentionMonths: 24 }, { retentionYears: "retentionYearsRange" }],
      [{ retentionYears: 21, accessLogRetentionMonths: 24 }, { retentionYears: "retentionYearsRange" }],
      [{ retentionYears: "5.5", accessLogRetentionMonths: 24 }, { retentionYears: "notAnInteger" }],
      [{ retentionYears: 5, accessLogRetentionMonths: 5 }, { accessLogRetentionMonths: "accessLogMonthsRange" }],
      [{ retentionYears: 5, accessLogRetentionMonths: 121 }, { accessLogRetentionMonths: "accessLogMonthsRange" }],
      [{ lastPaymentOn: addDays(TODAY, 1), retentionYears: 5, accessLogRetentionMonths: 24 }, { lastPaymentOn: "dateInFuture" }],
    ];
    for (const [input, fieldErrors] of cases) {
      const error = await appErrorOf(updatePrivacySettings(managerCtx, input as never));
      expect({ input, code: error.code, fieldErrors: error.fieldErrors }).toEqual({ input, code: "VALIDATION_FAILED", fieldErrors });
    }
    expect((await appErrorOf(updatePrivacySettings(advisorCtx, { retentionYears: 6, accessLogRetentionMonths: 24 }))).code).toBe("FORBIDDEN");
    expect((await getPrivacySettingsPage(contextFor(await createUser(tenant, { role: "IOD" })))).settings.retentionYears).toBe(5);
  });
});

describe("a client's legal basis and consents", () => {
  let clauseId: string;

  beforeEach(async () => {
    clauseId = (await publishClause(managerCtx, CLAUSE)).id;
  });

  it("record the basis, the clause given and when, audited on the client with what changed", async () => {
    await setLegalBasis(advisorCtx, personId, { processingBasis: "EU_PROJECT", clauseId, clauseGivenOn: "2026-02-01" });
    await setLegalBasis(advisorCtx, personId, { processingBasis: "EU_PROJECT", clauseId, clauseGivenOn: "2026-02-01" }); // a no-op
    await setLegalBasis(advisorCtx, personId, { processingBasis: "CONTRACT", clauseId, clauseGivenOn: "2026-02-01" });

    const page = await getClientPrivacyPage(advisorCtx, personId);
    expect(page.client).toMatchObject({ processingBasis: "CONTRACT", clause: { id: clauseId, version: 1 }, clauseGivenOn: dateOnly("2026-02-01") });
    expect(page.canEdit).toBe(true);
    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "client.legal_basis_set");
    expect(audit.map((r) => [r.entity_type, r.entity_id, r.actor_id, r.before, r.after])).toEqual([
      [
        "Client",
        personId,
        advisor.id,
        { processingBasis: null, clauseId: null, clauseGivenOn: null },
        { processingBasis: "EU_PROJECT", clauseId, clauseGivenOn: "2026-02-01" },
      ],
      ["Client", personId, advisor.id, { processingBasis: "EU_PROJECT" }, { processingBasis: "CONTRACT" }],
    ]);
  });

  it("refuse a clause without its day, a day before the version applied, and a basis not chosen — next to the field", async () => {
    const cases: [Parameters<typeof setLegalBasis>[2], Record<string, string>][] = [
      [{ processingBasis: "EU_PROJECT", clauseId, clauseGivenOn: "" }, { clauseGivenOn: "required" }],
      [{ processingBasis: "EU_PROJECT", clauseId: "", clauseGivenOn: "2026-02-01" }, { clauseId: "chooseClause" }],
      [{ processingBasis: "EU_PROJECT", clauseId, clauseGivenOn: "2024-12-31" }, { clauseGivenOn: "givenBeforeClause" }],
      [{ processingBasis: "", clauseId: "", clauseGivenOn: "" }, { processingBasis: "chooseBasis" }],
    ];
    for (const [input, fieldErrors] of cases) {
      expect((await appErrorOf(setLegalBasis(advisorCtx, personId, input))).fieldErrors).toEqual(fieldErrors);
    }
    expect((await auditRows(tenant.id)).filter((r) => r.action === "client.legal_basis_set")).toEqual([]);
  });

  it("give, refuse a second active one, withdraw (not before it was given), give again — with the history and the trail", async () => {
    await giveConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", givenOn: "2026-02-01", clauseId });
    expect((await appErrorOf(giveConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", givenOn: "2026-02-02" }))).fieldErrors).toEqual({
      purpose: "consentActive",
    });
    expect((await appErrorOf(withdrawConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", withdrawnOn: "2026-01-31" }))).fieldErrors).toEqual({
      withdrawnOn: "withdrawnBeforeGiven",
    });
    expect((await appErrorOf(withdrawConsent(advisorCtx, personId, { purpose: "IMAGE", withdrawnOn: TODAY }))).fieldErrors).toEqual({
      purpose: "consentNotActive",
    });
    const { id: firstId } = await withdrawConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", withdrawnOn: "2026-03-01" });
    const { id: secondId } = await giveConsent(managerCtx, personId, { purpose: "SENSITIVE_DATA", givenOn: "2026-04-01" });

    const page = await getClientPrivacyPage(advisorCtx, personId);
    const sensitive = page.consents.find((c) => c.purpose === "SENSITIVE_DATA");
    expect(sensitive?.active).toMatchObject({ id: secondId, givenOn: dateOnly("2026-04-01"), clause: null, recordedByName: manager.name });
    expect(sensitive?.withdrawnOn).toBeNull();
    expect(sensitive?.history.map((e) => [e.id, e.withdrawnOn, e.withdrawnByName, e.clause?.version ?? null])).toEqual([
      [secondId, null, null, null],
      [firstId, dateOnly("2026-03-01"), advisor.name, 1],
    ]);

    const audit = (await auditRows(tenant.id)).filter((r) => r.action.startsWith("consent."));
    expect(audit.map((r) => [r.action, r.entity_type, r.entity_id, r.actor_id, r.after])).toEqual([
      ["consent.give", "Client", personId, advisor.id, { consentId: firstId, purpose: "SENSITIVE_DATA", givenOn: "2026-02-01", clauseId, clauseVersion: 1 }],
      ["consent.withdraw", "Client", personId, advisor.id, { consentId: firstId, purpose: "SENSITIVE_DATA", givenOn: "2026-02-01", withdrawnOn: "2026-03-01" }],
      [
        "consent.give",
        "Client",
        personId,
        manager.id,
        { consentId: secondId, purpose: "SENSITIVE_DATA", givenOn: "2026-04-01", clauseId: null, clauseVersion: null },
      ],
    ]);
  });

  it("let one of two concurrent consents for a purpose in, the other refused next to the purpose", async () => {
    const outcomes = await Promise.allSettled([1, 2].map(() => giveConsent(advisorCtx, personId, { purpose: "IMAGE", givenOn: TODAY })));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { purpose: "consentActive" } });
    expect(await countRows("client_consent", tenant.id)).toBe(1);
  });

  it("are not changed for a restricted or an anonymised person, and the tab says why", async () => {
    await ownerQuery(`UPDATE client SET restricted_at = '2026-05-04T10:00:00Z' WHERE id = $1`, [personId]);
    for (const call of [
      () => setLegalBasis(advisorCtx, personId, { processingBasis: "EU_PROJECT" }),
      () => giveConsent(advisorCtx, personId, { purpose: "IMAGE", givenOn: TODAY }),
      () => withdrawConsent(advisorCtx, personId, { purpose: "IMAGE", withdrawnOn: TODAY }),
    ]) {
      const error = await appErrorOf(call());
      expect({ code: error.code, params: error.params }).toEqual({ code: "PROCESSING_RESTRICTED", params: { since: "2026-05-04" } });
    }
    expect((await getClientPrivacyPage(advisorCtx, personId)).canEdit).toBe(false);

    await ownerQuery(`UPDATE client SET restricted_at = NULL, anonymised_at = now() WHERE id = $1`, [personId]);
    expect((await appErrorOf(giveConsent(advisorCtx, personId, { purpose: "IMAGE", givenOn: TODAY }))).code).toBe("CLIENT_ANONYMISED");
    expect((await getClientPrivacyPage(advisorCtx, personId)).canEdit).toBe(false);
    expect(await countRows("client_consent", tenant.id)).toBe(0);
    expect((await auditRows(tenant.id)).filter((r) => r.action.startsWith("consent.") || r.action === "client.legal_basis_set")).toEqual([]);
  });

  it("answer NOT_FOUND out of scope and for another tenant's client, FORBIDDEN before any lookup without clients.write", async () => {
    const stranger = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    const other = await createTenant();
    const foreign = await createClient(other, { name: "Obca Osoba" });
    for (const [ctx, id] of [
      [stranger, personId],
      [managerCtx, foreign.id],
      [managerCtx, "not-a-uuid"],
    ] as const) {
      expect((await appErrorOf(getClientPrivacyPage(ctx, id))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(giveConsent(ctx, id, { purpose: "IMAGE", givenOn: TODAY }))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(withdrawConsent(ctx, id, { purpose: "IMAGE", withdrawnOn: TODAY }))).code).toBe("NOT_FOUND");
      expect((await appErrorOf(setLegalBasis(ctx, id, { processingBasis: "CONSENT" }))).code).toBe("NOT_FOUND");
    }
    // An animator on the client's team reads the tab but may not write; an IOD holds neither.
    const animator = await createUser(tenant, { role: "ANIMATOR" });
    await ownerQuery(
      `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id) VALUES (gen_random_uuid(), $1, $2, $3, 'ANIMATOR', current_date - 1, $4)`,
      [tenant.id, personId, animator.id, manager.id],
    );
    expect((await getClientPrivacyPage(contextFor(animator), personId)).canEdit).toBe(false);
    expect((await appErrorOf(giveConsent(contextFor(animator), personId, { purpose: "IMAGE", givenOn: TODAY }))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(getClientPrivacyPage(contextFor(await createUser(tenant, { role: "IOD" })), "not-a-uuid"))).code).toBe("FORBIDDEN");
    expect(await countRows("client_consent")).toBe(0);
  });

  it("the privacy tab costs a handful of statements in one transaction", async () => {
    await giveConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", givenOn: TODAY, clauseId });
    await withdrawConsent(managerCtx, personId, { purpose: "SENSITIVE_DATA", withdrawnOn: TODAY });
    const { statements } = await recordStatements(() => getClientPrivacyPage(advisorCtx, personId));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(9);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s))).toHaveLength(1);
  });
});

describe("withdrawing the consent to special-category data", () => {
  it("hides disability, foreign origin and minority at once from the client page, the participant page and the register; giving it again shows them", async () => {
    const visible = async () => {
      const client = (await getClientPage(managerCtx, personId, { tab: "details", recentServices: 5 })).client;
      const participant = (await getParticipantPage(managerCtx, personId)).participant;
      const [row] = await readRegister(managerCtx);
      return {
        client: { hasDisability: client.hasDisability, sensitiveHidden: client.sensitiveHidden, withdrawnOn: client.sensitiveWithdrawnOn },
        participant: {
          disability: participant?.values.disability,
          foreignOrigin: participant?.values.foreignOrigin,
          minority: participant?.values.minority,
          sensitiveHidden: participant?.sensitiveHidden,
          withdrawnOn: participant?.sensitiveWithdrawnOn,
        },
        register: [row?.[col("Osoba z niepełnosprawnościami")], row?.[col("Obce pochodzenie")], row?.[col("Mniejszość")]].map((cell) => cell ?? null),
      };
    };
    const shown = await visible();
    expect(shown.client).toEqual({ hasDisability: true, sensitiveHidden: false, withdrawnOn: null });
    expect(shown.participant).toEqual({ disability: "YES", foreignOrigin: "NO", minority: "REFUSED", sensitiveHidden: false, withdrawnOn: null });
    expect(shown.register.every((cell) => cell !== null)).toBe(true);

    await giveConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", givenOn: "2026-02-01" });
    await withdrawConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", withdrawnOn: TODAY });
    expect(await visible()).toEqual({
      client: { hasDisability: undefined, sensitiveHidden: true, withdrawnOn: dateOnly(TODAY) },
      participant: { disability: "", foreignOrigin: "", minority: "", sensitiveHidden: true, withdrawnOn: dateOnly(TODAY) },
      register: [null, null, null],
    });

    // Hidden, not erased: saves by someone who cannot see them keep what is stored …
    await updateClient(managerCtx, personId, {
      kind: "PERSON",
      name: "Anna Nowak",
      town: "Daleszyce",
      voivodeship: "świętokrzyskie",
      county: "kielecki",
      commune: "Daleszyce",
    });
    await saveParticipantData(advisorCtx, personId, fullInput({ disability: "NO", foreignOrigin: "YES", minority: "NO", educationLevel: "ISCED_4" }));
    const [stored] = await ownerQuery<Record<string, unknown>>(
      `SELECT c.has_disability, d.disability::text, d.foreign_origin::text, d.minority::text, d.education_level::text
       FROM client c JOIN participant_data d ON d.client_id = c.id WHERE c.id = $1`,
      [personId],
    );
    expect(stored).toEqual({ has_disability: true, disability: "YES", foreign_origin: "NO", minority: "REFUSED", education_level: "ISCED_4" });

    // … and the consent given again shows them again.
    await giveConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", givenOn: TODAY });
    expect(await visible()).toEqual(shown);
  });

  it("stops the completeness check asking for them: per person and in the 'only incomplete' list alike", async () => {
    await saveParticipantData(advisorCtx, personId, fullInput({ disability: "", foreignOrigin: "", minority: "" }));
    const incomplete = async () => {
      const list = await getParticipantsPage(managerCtx, { incomplete: true });
      const participant = (await getParticipantPage(managerCtx, personId)).participant;
      return { listed: list.items.map((i) => [i.id, i.missing]), missing: participant?.missing };
    };
    expect(await incomplete()).toEqual({
      listed: [[personId, ["disability", "foreignOrigin", "minority"]]],
      missing: ["disability", "foreignOrigin", "minority"],
    });

    await giveConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", givenOn: "2026-02-01" });
    await withdrawConsent(advisorCtx, personId, { purpose: "SENSITIVE_DATA", withdrawnOn: TODAY });
    expect(await incomplete()).toEqual({ listed: [], missing: [] });
  });
});

describe("withdrawing the consent to contact about the offer", () => {
  it("keeps the contact data for the support but marks them", async () => {
    const before = (await getClientPage(advisorCtx, personId, { recentServices: 5 })).client;
    expect({ email: before.email, contactWithdrawnOn: before.contactWithdrawnOn }).toEqual({ email: "anna@example.pl", contactWithdrawnOn: null });

    await giveConsent(advisorCtx, personId, { purpose: "CONTACT_OFFERS", givenOn: "2026-02-01" });
    await withdrawConsent(advisorCtx, personId, { purpose: "CONTACT_OFFERS", withdrawnOn: TODAY });
    const after = (await getClientPage(advisorCtx, personId, { recentServices: 5 })).client;
    expect({ email: after.email, phone: after.phone, contactWithdrawnOn: after.contactWithdrawnOn, hasDisability: after.hasDisability }).toEqual({
      email: "anna@example.pl",
      phone: "600100200",
      contactWithdrawnOn: dateOnly(TODAY),
      hasDisability: true,
    });
  });
});
