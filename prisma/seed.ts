/**
 * Demo data (`npm run db:seed`, run by `npm run demo`): tenants, offices, partners and the
 * accounts listed in prisma/demo-accounts.json, created through the same services the app uses,
 * so every row has its audit trail. Idempotent: does nothing when any tenant exists.
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

async function main() {
  const { prisma } = await import("@/lib/db/client");
  const { createTenant } = await import("@/lib/domain/tenancy/create-tenant");
  const { createOffice, createPartner } = await import("@/lib/domain/tenancy/service");
  const { createUser } = await import("@/lib/domain/users/service");
  const { isRole } = await import("@/lib/auth/permissions");

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
    for (const account of others) {
      if (!isRole(account.role)) throw new Error(`Unknown role ${account.role}`);
      await createUser(ctx, {
        name: account.name,
        email: account.email,
        role: account.role,
        password: demo.password,
        partnerId: account.partner ? partnerIds.get(account.partner) : "",
        officeId: account.office ? officeIds.get(account.office) : "",
      });
    }
    console.log(`Seeded ${spec.name}: ${accounts.length} accounts.`);
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
