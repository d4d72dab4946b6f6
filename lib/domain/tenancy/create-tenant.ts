import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/db/errors";
import { tenantTransaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { recordAudit } from "@/lib/domain/audit/service";
import { ZPassword } from "@/lib/domain/users/schemas";
import { ZCreateTenantInput, type TCreateTenantInput } from "./schemas";
import { z } from "zod";

const ZFirstAdmin = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: ZPassword,
});

/**
 * Operator-only: creates a tenant and its first administrator. Runs as the database owner
 * (npm run tenant:create), never through the web UI — the app role cannot insert tenants.
 */
export async function createTenant(rawTenant: TCreateTenantInput, rawAdmin: z.input<typeof ZFirstAdmin>) {
  const tenant = parseInput(ZCreateTenantInput, rawTenant);
  const admin = parseInput(ZFirstAdmin, rawAdmin);
  const tenantId = randomUUID();
  const passwordHash = await hashPassword(admin.password);
  try {
    return await tenantTransaction(tenantId, async (tx) => {
      const created = await tx.tenant.create({
        data: { id: tenantId, name: tenant.name, slug: tenant.slug, maxClientsPerAdvisor: tenant.maxClientsPerAdvisor },
        select: { id: true, name: true, slug: true, maxClientsPerAdvisor: true },
      });
      const user = await tx.user.create({
        // The operator chose the first admin's password: it counts as set (no invitation).
        data: { tenantId, name: admin.name, email: admin.email, role: "ADMIN", passwordHash, passwordSetAt: new Date() },
        select: { id: true, email: true },
      });
      await recordAudit(tx, { tenantId, userId: null }, {
        action: "tenant.create",
        entityType: "Tenant",
        entityId: tenantId,
        after: { ...tenant, firstAdmin: user.email },
      });
      return { tenant: created, adminId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_EXISTS", { fieldErrors: { slug: "slugTaken" } });
    throw error;
  }
}
