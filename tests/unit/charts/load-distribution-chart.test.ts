import { describe, expect, it } from "vitest";
import { LoadDistributionChart } from "@/components/charts/load-distribution-chart";
import { bar, linksOf, render, tableRows, tagsOf, textOf } from "./markup";

const labels = { advisors: "Doradcy", showTable: "Pokaż dane w tabeli", empty: "Brak danych" };
const buckets = [
  { key: "low", label: "0–49 %", count: 4, tone: "ok" as const, href: "/caseload?load=low" },
  { key: "mid", label: "50–79 %", count: 10, tone: "ok" as const },
  { key: "near", label: "80–99 %", count: 5, tone: "near" as const },
  { key: "at", label: "Na limicie", count: 2, tone: "at" as const },
  { key: "over", label: "Ponad limit", count: 1, tone: "over" as const, href: "/caseload?load=over" },
];

describe("LoadDistributionChart", () => {
  it("gives every bucket and its number of advisors in the data table", () => {
    const html = render(LoadDistributionChart, { title: "Obciążenie doradców", buckets, labels });

    expect(tableRows(html)).toEqual([
      ["Obciążenie doradców", "Doradcy"],
      ["0–49 %", "4"],
      ["50–79 %", "10"],
      ["80–99 %", "5"],
      ["Na limicie", "2"],
      ["Ponad limit", "1"],
    ]);
  });

  it("draws bars proportional to the counts: 10 advisors twice as long as 5", () => {
    const html = render(LoadDistributionChart, { title: "Obciążenie", buckets, labels });

    expect(bar(html, "mid").width).toBe(100);
    expect(bar(html, "near").width).toBe(bar(html, "mid").width / 2);
    expect(bar(html, "low").width).toBe(40);
    expect(bar(html, "over").width).toBe(10);
  });

  it("links the buckets that have an href", () => {
    const html = render(LoadDistributionChart, { title: "Obciążenie", buckets, labels });

    expect(linksOf(html)).toEqual([
      { href: "/caseload?load=low", text: "0–49 %" },
      { href: "/caseload?load=over", text: "Ponad limit" },
    ]);
  });

  it("colours the tones apart while the label and count say the same in text", () => {
    const html = render(LoadDistributionChart, { title: "Obciążenie", buckets, labels });
    const fillOf = (key: string) => tagsOf(html, "rect").find((rect) => rect["data-bar"] === key)?.fill;

    expect(new Set(["low", "near", "at", "over"].map(fillOf)).size).toBe(4);
    expect(fillOf("mid")).toBe(fillOf("low"));
    expect(textOf(html.slice(0, html.indexOf("<details")))).toBe("Obciążenie 0–49 % 4 50–79 % 10 80–99 % 5 Na limicie 2 Ponad limit 1");
  });

  it("shows the empty message when no advisor falls in any bucket", () => {
    const html = render(LoadDistributionChart, { title: "Obciążenie", buckets: [], labels });

    expect(textOf(html)).toBe("Obciążenie Brak danych");
    expect(html).not.toContain("<table");
  });
});
