import "server-only";
import { isoDate } from "@/lib/dates";
import { isValidPesel, normalizeIdentifier, peselBirthDate } from "@/lib/domain/clients/identifiers";
import type { Sex } from "@/lib/generated/prisma/enums";

/**
 * What a PESEL says of its holder: the birth date (its first six digits with the century in the
 * month) and the sex (the tenth digit: even for a woman, odd for a man). Null for a missing or
 * invalid number. Pure: the person's page offers these, the service refuses a contradiction.
 */
export function peselFacts(pesel: string | null): { sex: Sex; birthDate: string } | null {
  if (!pesel || !isValidPesel(pesel)) return null;
  const born = peselBirthDate(pesel);
  if (!born) return null;
  const sexDigit = Number(normalizeIdentifier(pesel)[9]);
  return { sex: sexDigit % 2 === 0 ? "FEMALE" : "MALE", birthDate: isoDate(born) };
}

/** Age in whole years on `day` of someone born on `birthDate` (both YYYY-MM-DD); null if either is unknown. */
export function ageOn(birthDate: string | null, day: string | null): number | null {
  if (!birthDate || !day || day < birthDate) return null;
  const [by = 0, bm = 0, bd = 0] = birthDate.split("-").map(Number);
  const [y = 0, m = 0, d = 0] = day.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
