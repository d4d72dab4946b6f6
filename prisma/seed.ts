/**
 * Demo data (`npm run db:seed`, run by `npm run demo`): tenants, offices, partners and the
 * accounts listed in prisma/demo-accounts.json, and the clients of prisma/demo-clients.json with
 * their key advisors, all created through the same services the app uses, so every row has its
 * audit trail (and the cap holds). Idempotent: does nothing when any tenant exists.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

if (process.env.NODE_ENV === "production") {
  console.error("The demo seed refuses to run with NODE_ENV=production.");
  process.exit(1);
}
// The seed acts as the owner (it creates tenants, which the app role may not).
if (process.env.DATABASE_URL) process.env.APP_DATABASE_URL = process.env.DATABASE_URL;
else delete process.env.APP_DATABASE_URL;

type TDemo = {
  password: string;
  tenants: { slug: string; name: string; offices: string[]; partners: string[] }[];
  accounts: { tenant: string; email: string; name: string; role: string; partner?: string; office?: string }[];
};
const demo = JSON.parse(readFileSync(path.join(__dirname, "demo-accounts.json"), "utf8")) as TDemo;

type TDemoClient = {
  name: string;
  kind: string;
  subtype?: string;
  town: string;
  commune: string;
  county: string;
  office: string;
  voivodeship?: string;
};
/**
 * Per tenant: clients assigned to key advisors (by e-mail) and clients waiting in the queue, in
 * the order they joined it. In ŚOWES doradca1 is at the cap (15/15), doradca2 and doradca5 are
 * near it — the caseload screens and the e2e journeys rely on these numbers.
 */
type TDemoClients = Record<string, { assigned: Record<string, TDemoClient[]>; waiting: TDemoClient[] }>;
const demoClients = JSON.parse(readFileSync(path.join(__dirname, "demo-clients.json"), "utf8")) as TDemoClients;

async function main() {
  const { prisma } = await import("@/lib/db/client");
  const { createTenant } = await import("@/lib/domain/tenancy/create-tenant");
  const { createOffice, createPartner } = await import("@/lib/domain/tenancy/service");
  const { createUser } = await import("@/lib/domain/users/service");
  const { isRole } = await import("@/lib/auth/permissions");
  const { createClient } = await import("@/lib/domain/clients/service");
  const { assignClient } = await import("@/lib/domain/caseload/service");
  const { CLIENT_KINDS, VOIVODESHIPS } = await import("@/lib/domain/clients/schemas");

  async function anyTenantExists(): Promise<boolean> {
    const rows = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM tenant`;
    return (rows[0]?.n ?? 0n) > 0n;
  }

  async function seedTenant(spec: TDemo["tenants"][number]) {
    const accounts = demo.accounts.filter((a) => a.tenant === spec.slug);
    const [admin, ...others] = accounts;
    if (!admin || admin.role !== "ADMIN") throw new Error(`The first demo account of ${spec.slug} must be its ADMIN`);
    const { tenant, adminId } = await createTenant(
      { name: spec.name, slug: spec.slug },
      { name: admin.name, email: admin.email, password: demo.password },
    );
    const ctx = { userId: adminId, tenantId: tenant.id, role: "ADMIN" as const, partnerId: null, requestId: "seed" };
    const officeIds = new Map<string, string>();
    for (const name of spec.offices) officeIds.set(name, (await createOffice(ctx, { name })).id);
    const partnerIds = new Map<string, string>();
    for (const name of spec.partners) partnerIds.set(name, (await createPartner(ctx, { name })).id);
    const userIds = new Map<string, string>();
    for (const account of others) {
      if (!isRole(account.role)) throw new Error(`Unknown role ${account.role}`);
      const user = await createUser(ctx, {
        name: account.name,
        email: account.email,
        role: account.role,
        password: demo.password,
        partnerId: account.partner ? partnerIds.get(account.partner) : "",
        officeId: account.office ? officeIds.get(account.office) : "",
      });
      userIds.set(account.email, user.id);
    }
    const clients = await seedClients(spec.slug, tenant.id, userIds, officeIds);
    console.log(`Seeded ${spec.name}: ${accounts.length} accounts, ${clients} clients.`);
  }

  /** Registers the tenant's demo clients as its manager would, then assigns them (the cap applies). */
  async function seedClients(slug: string, tenantId: string, userIds: Map<string, string>, officeIds: Map<string, string>) {
    const plan = demoClients[slug];
    if (!plan) return 0;
    const manager = demo.accounts.find((a) => a.tenant === slug && a.role === "MANAGER");
    const managerId = manager ? userIds.get(manager.email) : undefined;
    if (!managerId) throw new Error(`Demo clients of ${slug} need a MANAGER account`);
    const ctx = { userId: managerId, tenantId, role: "MANAGER" as const, partnerId: null, requestId: "seed" };
    const register = async (client: TDemoClient, index: number) => {
      const kind = CLIENT_KINDS.find((k) => k === client.kind);
      if (!kind) throw new Error(`Unknown client kind ${client.kind}`);
      const created = await createClient(ctx, {
        kind,
        subtype: client.subtype ?? "",
        name: client.name,
        town: client.town,
        commune: client.commune,
        county: client.county,
        voivodeship: VOIVODESHIPS.find((v) => v === (client.voivodeship ?? "świętokrzyskie")) ?? "",
        officeId: officeIds.get(client.office) ?? "",
        atRiskOfExclusion: kind === "PERSON" && index % 2 === 0,
        aged50Plus: kind === "PERSON" && index % 3 === 0,
        kpresSpheres: kind === "PERSON" ? [] : [index % 2 === 0 ? "LOCAL_COMMUNITY_AND_CULTURE" : "ACTIVE_INTEGRATION_SERVICES"],
      });
      return created.id;
    };
    let count = 0;
    for (const [email, clients] of Object.entries(plan.assigned)) {
      const advisorId = userIds.get(email);
      if (!advisorId) throw new Error(`No demo advisor ${email} in ${slug}`);
      for (const client of clients) {
        const clientId = await register(client, count++);
        await assignClient(ctx, { clientId, advisorId, reason: "Przydział początkowy (dane demonstracyjne)" });
      }
    }
    // Registered last, one after another: the queue shows them oldest first in this order.
    for (const client of plan.waiting) await register(client, count++);
    return count;
  }

  try {
    if (await anyTenantExists()) {
      console.log("Database already has data: seed skipped.");
    } else {
      for (const spec of demo.tenants) await seedTenant(spec);
    }
  } finally {
    await prisma.$disconnect();
  }
}

void main();
