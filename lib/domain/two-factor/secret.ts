import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { SESSION_SECRET } from "@/lib/auth/session-token";

/**
 * The TOTP secret at rest: AES-256-GCM under a key derived (HKDF-SHA-256) from the app's session
 * secret (AUTH_SECRET), so a copy of the database alone does not yield codes. The user's tenant and
 * id are the authenticated data: a ciphertext copied onto another user's row does not decrypt.
 *
 * Rotating AUTH_SECRET makes every stored secret unreadable: the users must enrol again.
 */
const KEY = Buffer.from(hkdfSync("sha256", SESSION_SECRET, "owes", "owes:totp-secret:v1", 32));
const VERSION = "v1";

const aad = (owner: { tenantId: string; userId: string }) => Buffer.from(`${owner.tenantId}:${owner.userId}`);

export function encryptTotpSecret(secretBase32: string, owner: { tenantId: string; userId: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", KEY, iv).setAAD(aad(owner));
  const body = Buffer.concat([cipher.update(secretBase32, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The secret, or null when the value was not encrypted by us for this user (or under another key). */
export function decryptTotpSecret(stored: string, owner: { tenantId: string; userId: string }): string | null {
  const [version, payload, extra] = stored.split(":");
  if (version !== VERSION || !payload || extra !== undefined) return null;
  const raw = Buffer.from(payload, "base64url");
  if (raw.length <= 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", KEY, raw.subarray(0, 12)).setAAD(aad(owner));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
