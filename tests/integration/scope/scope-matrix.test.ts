import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { ROLES, type TRole } from "@/lib/auth/permissions";
import * as clients from "@/lib/domain/clients/service";
import * as serviceLog from "@/lib/domain/services/service";
import * as paths from "@/lib/domain/paths/service";
import { auditRows, contextFor, createClient, createPartner, createTenant, createUser, ownerQuery } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { serviceInput } from "@/tests/factories/services";
import { insertPath } from "@/tests/factories/paths";
import { readmePermissions, readmeScopes } from "@/tests/support/readme-tables";

/**
 * The scope matrix: each role × own / team / partner's / other client × read minimal / read full /
 * write / log a service / annotate, run against the real services. The expected answers are
 * generated from the README's permission and scope tables, so the document and the code cannot
 * drift apart. A refusal of someone who may not read the full record is NOT_FOUND (the client
 * does not exist for them); of someone who may read it but not do this, FORBIDDEN; of a role
 * without the permission at all, FORBIDDEN before any lookup. Every refusal is audited.
 */

type TTarget = "own" | "team" | "partner" | "other";
type TOp = "readMinimal" | "readFull" | "write" | "logService" | "annotate";

/** How the actor (a member of partner P1) stands to each kind of client. */
const RELATIONS: Record<TTarget, { own: boolean; team: boolean; partner: boolean }> = {
  own: { own: true, team: true, partner: true },
  team: { own: false, team: true, partner: false },
  partner: { own: false, team: false, partner: true },
  other: { own: false, team: false, partner: false },
};

/** Per operation: the permission it needs, and the one that lets the caller see the record at all. */
const OPS: Record<Exclude<TOp, "readMinimal">, { permission: string; read: string }> = {
  readFull: { permission: "clients.read", read: "clients.read" },
  write: { permission: "clients.write", read: "clients.read" },
  logService: { permission: "services.log", read: "services.read" },
  annotate: { permission: "paths.annotate", read: "paths.read" },
};

const { grants } = readmePermissions();
const { scopes } = readmeScopes();

const holds = (role: TRole, permission: string) => (grants[permission] ?? []).includes(role);
const inReadmeScope = (role: TRole, permission: string, target: TTarget) =>
  (scopes[permission]?.[role] ?? []).some((scope) => scope === "centre" || RELATIONS[target][scope as keyof (typeof RELATIONS)["own"]]);

function expected(role: TRole, op: TOp, target: TTarget): "ok" | "FORBIDDEN" | "NOT_FOUND" {
  if (op === "readMinimal") return holds(role, "clients.read") ? "ok" : "FORBIDDEN";
  const { permission, read } = OPS[op];
  if (!holds(role, permission)) return "FORBIDDEN";
  if (!inReadmeScope(role, read, target)) return "NOT_FOUND";
  return inReadmeScope(role, permission, target) ? "ok" : "FORBIDDEN";
}

/** Roles that can be a client's key advisor or team member: only they have an "own" / "team" client. */
const TARGETS_OF: Record<TRole, TTarget[]> = {
  ADMIN: ["partner", "other"],
  MANAGER: ["team", "partner", "other"],
  COORDINATOR: ["team", "partner", "other"],
  KEY_ADVISOR: ["own", "team", "partner", "other"],
  ANIMATOR: ["team", "partner", "other"],
  SPECIALIST: ["team", "partner", "other"],
  AUDITOR: ["partner", "other"],
  IOD: ["partner", "other"],
};

async function world(role: TRole) {
  const tenant = await createTenant();
  const p1 = await createPartner(tenant, { name: "Partner 1" });
  const p2 = await createPartner(tenant, { name: "Partner 2" });
  const actor = await createUser(tenant, { role, partnerId: role === "MANAGER" || role === "ADMIN" || role === "AUDITOR" ? null : p1.id });
  const advisorP1 = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: p1.id });
  const advisorP2 = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: p2.id });
  // Staff of the centre as a whole (manager, admin, auditor) have no partner: for them the
  // "partner" client is simply another advisor's, and their scope is centre-wide or nothing.
  const carriers: Record<TTarget, string> = { own: actor.id, team: advisorP2.id, partner: advisorP1.id, other: advisorP2.id };
  const targets = {} as Record<TTarget, { clientId: string; pathId: string; name: string }>;
  for (const target of TARGETS_OF[role]) {
    const client = await createClient(tenant, { keyAdvisorId: carriers[target], name: `Klient ${target} ${randomUUID().slice(0, 6)}` });
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: carriers[target], createdById: carriers[target] });
    if (target === "team") {
      await ownerQuery(
        `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id)
         VALUES (gen_random_uuid(), $1, $2, $3, 'SPECIALIST_ADVISOR', current_date - 1, $3)`,
        [tenant.id, client.id, actor.id],
      );
    }
    targets[target] = { clientId: client.id, pathId: path.id, name: client.name };
  }
  return { tenant, ctx: contextFor(actor), targets };
}

async function outcome(ctx: TContext, op: TOp, target: { clientId: string; pathId: string; name: string }): Promise<string> {
  const run = (): Promise<unknown> => {
    switch (op) {
      case "readMinimal":
        return clients.findClients(ctx, { q: target.name }).then((page) => {
          if (!page.items.some((item) => item.id === target.clientId)) throw new Error("search did not find the client");
        });
      case "readFull":
        return clients.getClient(ctx, target.clientId);
      case "write":
        return clients.updateClient(ctx, target.clientId, { kind: "PERSON", name: `${target.name} (zmieniony)` });
      case "logService":
        return serviceLog.logService(ctx, serviceInput([target.clientId]));
      case "annotate":
        return paths.addAnnotation(ctx, target.pathId, { step: "IDENTIFICATION", text: "Adnotacja" });
    }
  };
  try {
    await run();
    return "ok";
  } catch (error) {
    return (await appErrorOf(Promise.reject(error))).code;
  }
}

describe("the scope matrix, generated from the README", () => {
  it("covers every role and the README has a scope row for every operation", () => {
    expect(Object.keys(TARGETS_OF)).toEqual([...ROLES]);
    for (const { permission, read } of Object.values(OPS)) {
      expect(scopes[permission], permission).toBeDefined();
      expect(scopes[read], read).toBeDefined();
    }
  });

  it.each(ROLES)("%s: every operation on every kind of client answers as the tables say, and refusals are audited", async (role) => {
    const { tenant, ctx, targets } = await world(role);
    const ops: TOp[] = ["readMinimal", "readFull", "write", "logService", "annotate"];
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    let refusals = 0;
    for (const target of TARGETS_OF[role]) {
      for (const op of ops) {
        const key = `${target} client · ${op}`;
        wanted[key] = expected(role, op, target);
        actual[key] = await outcome(ctx, op, targets[target]);
        if (wanted[key] !== "ok") refusals += 1;
      }
    }
    expect(actual).toEqual(wanted);
    const audited = (await auditRows(tenant.id)).filter((row) => row.action === "auth.forbidden" && row.actor_id === ctx.userId);
    expect(audited).toHaveLength(refusals);
  });
});
