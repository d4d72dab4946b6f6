/**
 * Polish identifiers of clients (SPEC §3.5): PESEL for persons; NIP, REGON and KRS for organisations.
 * Pure functions, shared by the form (in the browser) and the service.
 */

/** People type identifiers with spaces and dashes ("526-025-02-74"); the stored form is digits only. */
export function normalizeIdentifier(value: string): string {
  return value.replace(/[\s-]+/g, "");
}

/** A NIP may also arrive as an EU VAT number ("PL 526-025-02-74"). */
export function normalizeNip(value: string): string {
  return normalizeIdentifier(value).replace(/^PL/i, "");
}

function digitsOf(value: string, length: number): number[] | null {
  if (value.length !== length || !/^\d+$/.test(value)) return null;
  return [...value].map(Number);
}

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0);
}

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;
/** The month field of a PESEL carries the century: month + offset. */
const PESEL_CENTURY_OFFSETS = [
  { offset: 80, century: 1800 },
  { offset: 0, century: 1900 },
  { offset: 20, century: 2000 },
  { offset: 40, century: 2100 },
  { offset: 60, century: 2200 },
] as const;

/**
 * The birth date a PESEL encodes (UTC midnight), or null when the digits do not form a real date.
 * The check digit is not verified here: see {@link isValidPesel}.
 */
export function peselBirthDate(pesel: string): Date | null {
  const digits = digitsOf(normalizeIdentifier(pesel), 11);
  if (!digits) return null;
  const [y1 = 0, y2 = 0, m1 = 0, m2 = 0, d1 = 0, d2 = 0] = digits;
  const encodedMonth = m1 * 10 + m2;
  const era = PESEL_CENTURY_OFFSETS.find(({ offset }) => encodedMonth > offset && encodedMonth <= offset + 12);
  if (!era) return null;
  const year = era.century + y1 * 10 + y2;
  const month = encodedMonth - era.offset;
  const day = d1 * 10 + d2;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 February over into March: a real date survives the round trip unchanged.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/**
 * 11 digits, the check digit right, and a real birth date that is not in the future.
 * `today` is injectable so tests do not depend on the clock.
 */
export function isValidPesel(value: string, today: Date = new Date()): boolean {
  const digits = digitsOf(normalizeIdentifier(value), 11);
  if (!digits) return false;
  const check = (10 - (weightedSum(digits, PESEL_WEIGHTS) % 10)) % 10;
  if (check !== digits[10]) return false;
  const born = peselBirthDate(value);
  if (!born) return false;
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return born.getTime() <= todayUtc;
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/** 10 digits (after dropping dashes, spaces and a "PL" prefix); mod 11 check digit, 10 is never issued. */
export function isValidNip(value: string): boolean {
  const digits = digitsOf(normalizeNip(value), 10);
  if (!digits) return false;
  const check = weightedSum(digits, NIP_WEIGHTS) % 11;
  return check !== 10 && check === digits[9];
}

const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

function regonCheckDigit(digits: readonly number[], weights: readonly number[]): number {
  const check = weightedSum(digits, weights) % 11;
  return check === 10 ? 0 : check;
}

/**
 * REGON of an entity (9 digits) or of its local unit (14 digits: the entity's valid REGON-9, the
 * unit's number and a second check digit). For both, a remainder of 10 gives check digit 0.
 */
export function isValidRegon(value: string): boolean {
  const normalized = normalizeIdentifier(value);
  const digits = digitsOf(normalized, 9) ?? digitsOf(normalized, 14);
  if (!digits) return false;
  if (regonCheckDigit(digits, REGON9_WEIGHTS) !== digits[8]) return false;
  return digits.length === 9 || regonCheckDigit(digits, REGON14_WEIGHTS) === digits[13];
}

/**
 * Exactly 10 digits. The KRS number is a plain sequence number with no check digit, so the format
 * is all that can be verified offline (the register itself is the only source of truth).
 */
export function isValidKrs(value: string): boolean {
  return digitsOf(normalizeIdentifier(value), 10) !== null;
}
