import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Keys whose values never reach an audit row or a log. */
const SECRET_KEYS = new Set(["password", "passwordHash", "newPassword", "currentPassword", "confirmPassword", "token", "secret"]);
/** Keys holding a PESEL: kept recognisable for a human (last 4 digits) but not in clear. */
const PESEL_KEYS = new Set(["pesel"]);

export function maskPesel(value: string): string {
  return value.length > 4 ? `${"*".repeat(value.length - 4)}${value.slice(-4)}` : "****";
}

/** A deep copy of `value` with secrets removed and PESEL numbers masked. */
export function redactForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_KEYS.has(key)) continue;
      out[key] = PESEL_KEYS.has(key) && typeof inner === "string" ? maskPesel(inner) : redactForAudit(inner);
    }
    return out;
  }
  return value;
}

/**
 * Special-category fields (GDPR art. 9) shown only to roles holding clients.read_sensitive: the
 * client's hasDisability and the EFS+ participant answers (lib/domain/participants).
 */
const SENSITIVE_KEYS = ["hasDisability", "disability", "foreignOrigin", "minority"] as const;

/** Drops special-category fields from an audited before/after for a viewer who may not read them. */
export function withoutSensitive(value: Prisma.JsonValue): { value: Prisma.JsonValue; removed: boolean } {
  if (!value || typeof value !== "object" || Array.isArray(value)) return { value, removed: false };
  const present = SENSITIVE_KEYS.filter((key) => key in value);
  if (present.length === 0) return { value, removed: false };
  const rest: Prisma.JsonObject = { ...value };
  for (const key of present) delete rest[key];
  return { value: rest, removed: true };
}
