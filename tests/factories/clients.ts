import { randomUUID } from "node:crypto";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { ownerQuery } from "./db";

export type TClientKindValue =
  | "PERSON"
  | "INITIATIVE_GROUP"
  | "NGO"
  | "SOCIAL_COOPERATIVE"
  | "OTHER_COOPERATIVE"
  | "SOCIAL_ENTERPRISE"
  | "REINTEGRATION_ENTITY"
  | "LOCAL_GOVERNMENT"
  | "CHURCH_ENTITY"
  | "BUSINESS"
  | "OTHER_INSTITUTION";

export type TClientRow = {
  id: string;
  tenantId: string;
  kind: TClientKindValue;
  name: string;
  status: "WAITING" | "ACTIVE" | "CLOSED";
  keyAdvisorId: string | null;
  officeId: string | null;
  town: string | null;
  pesel: string | null;
  nip: string | null;
  regon: string | null;
  krs: string | null;
  hasDisability: boolean;
};

export type TCreateClientOverrides = Partial<Omit<TClientRow, "id" | "tenantId">> & {
  /** Who made the open assignment of an ACTIVE client (default: the advisor). */
  assignedById?: string;
};

let sequence = 0;

/**
 * One client of `tenant`, inserted as the owner (setup, not the service under test). WAITING by
 * default; with `keyAdvisorId` it is ACTIVE and gets its open assignment row, as the services
 * would have left it. For many plain clients at once, see createCaseloadClients.
 */
export async function createClient(tenant: { id: string }, overrides: TCreateClientOverrides = {}): Promise<TClientRow> {
  sequence += 1;
  const keyAdvisorId = overrides.keyAdvisorId ?? null;
  const row: TClientRow = {
    id: randomUUID(),
    tenantId: tenant.id,
    kind: overrides.kind ?? "PERSON",
    name: overrides.name ?? `Klient ${sequence}-${randomUUID().slice(0, 8)}`,
    status: overrides.status ?? (keyAdvisorId ? "ACTIVE" : "WAITING"),
    keyAdvisorId,
    officeId: overrides.officeId ?? null,
    town: overrides.town ?? null,
    pesel: overrides.pesel ?? null,
    nip: overrides.nip ?? null,
    regon: overrides.regon ?? null,
    krs: overrides.krs ?? null,
    hasDisability: overrides.hasDisability ?? false,
  };
  await ownerQuery(
    `INSERT INTO client (id, tenant_id, kind, name, name_normalized, status, key_advisor_id, office_id, town, town_normalized,
                         pesel, nip, regon, krs, has_disability, waiting_since, updated_at)
     VALUES ($1, $2, $3::"ClientKind", $4, $5, $6::"ClientStatus", $7, $8, $9, $10, $11, $12, $13, $14, $15,
             CASE WHEN $6::"ClientStatus" = 'WAITING' THEN now() END, now())`,
    [
      row.id,
      row.tenantId,
      row.kind,
      row.name,
      foldForSearch(row.name),
      row.status,
      row.keyAdvisorId,
      row.officeId,
      row.town,
      row.town ? foldForSearch(row.town) : null,
      row.pesel,
      row.nip,
      row.regon,
      row.krs,
      row.hasDisability,
    ],
  );
  if (keyAdvisorId) {
    await ownerQuery(
      `INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, assigned_by_id) VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), row.tenantId, row.id, keyAdvisorId, overrides.assignedById ?? keyAdvisorId],
    );
  }
  return row;
}
