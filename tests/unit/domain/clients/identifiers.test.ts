import { describe, expect, it } from "vitest";
import {
  isValidKrs,
  isValidNip,
  isValidPesel,
  isValidRegon,
  normalizeIdentifier,
  normalizeNip,
  peselBirthDate,
} from "@/lib/domain/clients/identifiers";
import { foldForSearch } from "@/lib/domain/clients/normalize";

// Check digits below were computed by hand from the published algorithms, independently of the code.
const TODAY = new Date("2025-06-01T12:00:00Z");

describe("PESEL", () => {
  it.each([
    ["44051401359", "1944-05-14"],
    ["02270803624", "2002-07-08"],
    ["02811203456", "1802-01-12"],
    ["00222900009", "2000-02-29"], // 2000 is a leap year (divisible by 400)
    ["04022900001", "1904-02-29"],
    ["44013100009", "1944-01-31"],
    ["25260100002", "2025-06-01"], // born today
  ])("accepts %s (born %s) and reads the birth date with its century", (pesel, born) => {
    expect(isValidPesel(pesel, TODAY)).toBe(true);
    expect(peselBirthDate(pesel)?.toISOString().slice(0, 10)).toBe(born);
  });

  it("accepts spaces and dashes around the digits", () => {
    expect(isValidPesel(" 440514-01359 ", TODAY)).toBe(true);
  });

  it.each([
    ["44051401358", "wrong check digit"],
    ["02270803628", "wrong check digit"],
    ["4405140135", "10 digits"],
    ["440514013590", "12 digits"],
    ["4405140135A", "a letter"],
    ["", "empty"],
    ["01023100003", "31 February"],
    ["01022900000", "29 February 1901 (not a leap year)"],
    ["00022900003", "29 February 1900 (divisible by 100, not by 400)"],
    ["00622900001", "29 February 2200 (not a leap year)"],
    ["44130100007", "month 13"],
    ["01330100006", "month 33 (13 in the 2000s)"],
    ["00000000000", "month 00"],
    ["25260200009", "born tomorrow"],
    ["30410100007", "born in 2130"],
    ["99723100001", "born in 2299"],
  ])("rejects %s (%s)", (pesel) => {
    expect(isValidPesel(pesel, TODAY)).toBe(false);
  });

  it("judges the future against the day given", () => {
    expect(isValidPesel("25260200009", new Date("2025-06-02T00:00:00Z"))).toBe(true);
  });

  it("has no birth date for impossible dates", () => {
    expect(peselBirthDate("01023100003")).toBeNull();
    expect(peselBirthDate("44130100007")).toBeNull();
    expect(peselBirthDate("abc")).toBeNull();
  });
});

describe("NIP", () => {
  it.each(["5260250274", "1234563218", "526-025-02-74", "526 025 02 74", "PL5260250274", "pl 526-025-02-74"])("accepts %s", (nip) => {
    expect(isValidNip(nip)).toBe(true);
  });

  it.each([
    ["5260250275", "wrong check digit"],
    ["1234563219", "wrong check digit"],
    ["526025027", "9 digits"],
    ["52602502744", "11 digits"],
    ["52602502A4", "a letter"],
    ["DE5260250274", "a foreign prefix"],
  ])("rejects %s (%s)", (nip) => {
    expect(isValidNip(nip)).toBe(false);
  });

  it("rejects every number whose weighted sum leaves 10 (never issued)", () => {
    // 1·6 + 2·5 + 3·7 + 4·2 + 5·3 + 6·4 + 7·5 + 8·6 + 9·7 = 230 ≡ 10 (mod 11)
    for (let last = 0; last <= 9; last++) expect(isValidNip(`123456789${last}`)).toBe(false);
  });

  it("normalises to digits only", () => {
    expect(normalizeNip(" PL 526-025-02-74 ")).toBe("5260250274");
  });
});

describe("REGON", () => {
  it.each(["123456785", "12345678512347", "123-456-785", "100000050", "12345678500010"])("accepts %s", (regon) => {
    expect(isValidRegon(regon)).toBe(true);
  });

  it.each([
    ["123456786", "wrong check digit"],
    ["100000051", "remainder 10 must give check digit 0"],
    ["12345678512348", "wrong second check digit"],
    ["12345678612347", "the first nine digits are not a valid REGON"],
    ["12345678500011", "remainder 10 must give check digit 0 (14 digits)"],
    ["12345678", "8 digits"],
    ["1234567851", "10 digits"],
    ["1234567851234", "13 digits"],
    ["12345678A", "a letter"],
  ])("rejects %s (%s)", (regon) => {
    expect(isValidRegon(regon)).toBe(false);
  });
});

describe("KRS (format only: the number has no check digit)", () => {
  it.each(["0000012345", "0000 012 345", "1234567890"])("accepts %s", (krs) => {
    expect(isValidKrs(krs)).toBe(true);
  });

  it.each(["000001234", "00000123456", "00000A2345", ""])("rejects %s", (krs) => {
    expect(isValidKrs(krs)).toBe(false);
  });
});

describe("normalizeIdentifier", () => {
  it("drops spaces and dashes, keeps everything else for the validators to judge", () => {
    expect(normalizeIdentifier(" 123-456 785\t")).toBe("123456785");
    expect(normalizeIdentifier("12a")).toBe("12a");
  });
});

describe("foldForSearch", () => {
  it("lower-cases, folds Polish diacritics including ł and collapses whitespace", () => {
    expect(foldForSearch("  Łódź   Spółdzielnia ")).toBe("lodz spoldzielnia");
    expect(foldForSearch("ZAŻÓŁĆ GĘŚLĄ JAŹŃ")).toBe("zazolc gesla jazn");
    expect(foldForSearch("Koło\tGospodyń\nWiejskich")).toBe("kolo gospodyn wiejskich");
  });

  it("leaves text without diacritics as lower case", () => {
    expect(foldForSearch("Fundacja ABC 2")).toBe("fundacja abc 2");
  });
});
