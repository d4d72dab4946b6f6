import "server-only";
import type { TContext } from "@/lib/auth/context";
import { isCentreWide, scopesOf } from "@/lib/auth/scope";
import { clientScopeWhere } from "@/lib/domain/clients/access";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Whose jobs the durability list and the overdue counts show: the clients the caller answers for
 * — a key advisor their own clients, a coordinator their partner's advisors' clients (the
 * clients.write scope) — or every client for a centre-wide reader (manager, auditor). The
 * dashboards' counts ({@link overdueChecksSql}) state the same condition as the list they link to.
 */
export function durabilityClientsWhere(ctx: TContext): Prisma.ClientWhereInput | null {
  if (isCentreWide(ctx, "clients.read")) return {};
  return clientScopeWhere(ctx, "clients.write");
}

/**
 * The number of overdue checks (open, due before `today`, of an active job) in the same scope as
 * {@link durabilityClientsWhere}, as one scalar SQL expression for the dashboards' count statement.
 */
export function overdueChecksSql(ctx: TContext, today: string): Prisma.Sql {
  const scopes = scopesOf(ctx.role, "clients.write");
  let scope: Prisma.Sql;
  if (isCentreWide(ctx, "clients.read")) scope = Prisma.sql`TRUE`;
  else {
    const or: Prisma.Sql[] = [];
    if (scopes.includes("own")) or.push(Prisma.sql`c.key_advisor_id = ${ctx.userId}::uuid`);
    if (scopes.includes("partner") && ctx.partnerId !== null) {
      or.push(Prisma.sql`c.key_advisor_id IN (SELECT u.id FROM "user" u WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.partner_id = ${ctx.partnerId}::uuid)`);
    }
    scope = or.length ? Prisma.sql`(${Prisma.join(or, " OR ")})` : Prisma.sql`FALSE`;
  }
  return Prisma.sql`(SELECT count(*)::int FROM job_check k
      JOIN job_record j ON j.tenant_id = k.tenant_id AND j.id = k.job_id
      JOIN client c ON c.tenant_id = j.tenant_id AND c.id = j.client_id
      WHERE k.tenant_id = ${ctx.tenantId}::uuid AND k.outcome IS NULL AND k.due_on < ${today}::date AND j.withdrawn_at IS NULL AND ${scope})`;
}
