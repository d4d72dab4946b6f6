import "server-only";
import { createHash, randomInt } from "node:crypto";

/**
 * Recovery codes: ten one-time codes shown once when two-factor sign-in is switched on (or the set
 * is renewed), for a lost phone. Only a hash is stored; a code works once.
 */
export const RECOVERY_CODE_COUNT = 10;

/** No 0/o, 1/l/i: a code is copied by hand from paper. 32 letters, 8 of them: 40 random bits a code. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

const SHAPE = /^[a-z0-9]{4}-?[a-z0-9]{4}$/;

/** A new code, `xxxx-xxxx`. */
export function generateRecoveryCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

export function generateRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(generateRecoveryCode());
  return [...codes];
}

/** A typed code in the stored form (lower case, without spaces and the hyphen), or null when it does not look like one. */
export function normaliseRecoveryCode(typed: string): string | null {
  const code = typed.trim().toLowerCase().replace(/\s/g, "");
  return SHAPE.test(code) ? code.replace("-", "") : null;
}

/** The stored hash: SHA-256 of the user's id and the normalised code (the same code of two users hashes apart). */
export function hashRecoveryCode(userId: string, normalised: string): string {
  return createHash("sha256").update(`${userId}:${normalised}`).digest("hex");
}
