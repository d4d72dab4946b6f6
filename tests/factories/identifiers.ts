/**
 * Valid Polish identifiers for tests and benchmarks that need many distinct ones (imports of
 * thousands of clients), built with the real check-digit rules.
 */

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** The n-th valid PESEL (n < 365 × 10,000): a birth day in 1960–1999 and a serial number. */
export function peselNumber(n: number): string {
  const day = n % 28;
  const month = Math.floor(n / 28) % 12;
  const year = Math.floor(n / (28 * 12)) % 40;
  const serial = Math.floor(n / (28 * 12 * 40)) % 10_000;
  const digits = `${String(60 + year).padStart(2, "0")}${String(month + 1).padStart(2, "0")}${String(day + 1).padStart(2, "0")}${String(serial).padStart(4, "0")}`;
  const sum = digits.split("").reduce((total, digit, i) => total + Number(digit) * (PESEL_WEIGHTS[i] ?? 0), 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** A PESEL with its check digit wrong. */
export function wrongPesel(n: number): string {
  const valid = peselNumber(n);
  return `${valid.slice(0, 10)}${(Number(valid[10]) + 1) % 10}`;
}

/** The n-th valid NIP (skipping the prefixes whose check digit would be 10). */
export function nipNumber(n: number): string {
  for (let k = n * 2; ; k += 1) {
    const digits = `${String(100 + (k % 900)).padStart(3, "0")}${String(Math.floor(k / 900)).padStart(6, "0")}`;
    const check = digits.split("").reduce((total, digit, i) => total + Number(digit) * (NIP_WEIGHTS[i] ?? 0), 0) % 11;
    if (check !== 10) return `${digits}${check}`;
  }
}

/** Windows-1250 bytes of a text: ASCII plus the Polish letters (what a Polish Excel writes to CSV). */
export function windows1250(text: string): Uint8Array {
  const table: Record<string, number> = {
    ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
    Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf,
  };
  return Uint8Array.from([...text].map((char) => {
    const code = table[char] ?? char.charCodeAt(0);
    if (code > 0xff) throw new Error(`No Windows-1250 byte for ${char}`);
    return code;
  }));
}
