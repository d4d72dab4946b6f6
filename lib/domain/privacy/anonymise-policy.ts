import "server-only";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { ageOn } from "@/lib/domain/participants/derive";

/** The pure rules of anonymisation (anonymise.ts applies them). */

/**
 * A birth date that keeps every statistic: the age at the start of participation (the register's
 * only use of the date: register-export.ts ageAtStart) stays the same, the exact day goes — the
 * result is the start day `age` years back (the person's last possible birthday: 29 February falls
 * back to the 28th). Without a start, only the year is kept (1 January), so the field stays filled
 * for the completeness rule. Pure; dates YYYY-MM-DD.
 */
export function generalisedBirthDate(birthDate: string | null, participationStart: string | null): string | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, participationStart);
  if (age === null || !participationStart) return `${birthDate.slice(0, 4)}-01-01`;
  const [y = 0, m = 1, d = 1] = participationStart.split("-").map(Number);
  const year = y - age;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A name as texts may hold it: as written, "Surname Name", without middle names; each also in lower and upper case and folded. */
export function nameForms(name: string, { reorder }: { reorder: boolean }): string[] {
  const clean = name.trim().replace(/\s+/g, " ");
  const words = clean.split(" ");
  const orders = [name, clean];
  if (reorder && words.length >= 2) {
    const first = words[0] ?? "";
    const last = words.at(-1) ?? "";
    orders.push([last, ...words.slice(0, -1)].join(" "));
    if (words.length > 2) orders.push(`${first} ${last}`, `${last} ${first}`);
  }
  return orders.flatMap((form) => [form, form.toLocaleLowerCase("pl"), form.toLocaleUpperCase("pl"), foldForSearch(form)]);
}
