import { beforeEach, describe, expect, it } from "vitest";
import { todayInPoland } from "@/lib/dates";
import { getClientPage } from "@/lib/domain/clients/service";
import { createInstitution } from "@/lib/domain/cooperation/institutions";
import { logExchange } from "@/lib/domain/cooperation/exchanges";
import { registerPerson } from "@/lib/domain/events/registration";
import { contextFor, createClient, createTenant, createUser, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createClientPerson, createEvent, createEvents } from "@/tests/factories/events";

/**
 * The client page's trainings and cooperation tabs (issue 14): a person's registrations with their
 * count toward the training limit ("2 z 3 szkoleń"), an organisation's people's registrations, and
 * the exchanges with institutions about the client — each read only on its own tab.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
});

describe("the client page's trainings tab", () => {
  it("lists the person's registrations with their count toward the limit of the year", async () => {
    const person = await createClient(tenant, { kind: "PERSON", name: "Zofia Wróbel", status: "ACTIVE", keyAdvisorId: advisor.id });
    const events = await createEvents(tenant, 2, { createdById: manager.id, countsTowardLimit: true, title: "Prawo spółdzielcze" });
    for (const event of events) await registerPerson(contextFor(manager), event.id, { personClientId: person.id });

    const page = await getClientPage(contextFor(advisor), person.id, { tab: "trainings", recentServices: 5 });

    expect(page.trainings).toHaveLength(2);
    expect(page.trainings?.map((r) => [r.personName, r.status, r.count?.count, r.count?.limit])).toEqual([
      ["Zofia Wróbel", "REGISTERED", 2, 3],
      ["Zofia Wróbel", "REGISTERED", 2, 3],
    ]);
    expect(page.exchanges).toBeNull();
  });

  it("lists an organisation's representatives' registrations on the organisation's page", async () => {
    const organisation = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Zdrojowa", status: "ACTIVE", keyAdvisorId: advisor.id });
    const representative = await createClientPerson(organisation, { name: "Jan Łęcki" });
    const event = await createEvent(tenant, { createdById: manager.id, countsTowardLimit: true });
    await registerPerson(contextFor(manager), event.id, { clientPersonId: representative.id });

    const page = await getClientPage(contextFor(manager), organisation.id, { tab: "trainings", recentServices: 5 });

    expect(page.trainings?.map((r) => [r.personName, r.kind])).toEqual([["Jan Łęcki", "REPRESENTATIVE"]]);
  });
});

describe("the client page's cooperation tab", () => {
  it("shows the exchanges with institutions about the client, newest first", async () => {
    const client = await createClient(tenant, { kind: "PERSON", name: "Irena Baran", status: "ACTIVE", keyAdvisorId: advisor.id });
    const ctx = contextFor(advisor);
    const pup = await createInstitution(ctx, { name: "PUP w Busku-Zdroju", kind: "PUP", town: "Busko-Zdrój" });
    await logExchange(ctx, { date: todayInPoland(), institutionId: pup.id, direction: "SENT", channel: "EMAIL", subject: "Informacja o stażu", clientId: client.id });

    const page = await getClientPage(ctx, client.id, { tab: "cooperation", recentServices: 5 });

    expect(page.exchanges?.total).toBe(1);
    expect(page.exchanges?.items.map((x) => [x.institution.name, x.subject, x.direction])).toEqual([["PUP w Busku-Zdroju", "Informacja o stażu", "SENT"]]);
    expect(page.trainings).toBeNull();
  });
});
