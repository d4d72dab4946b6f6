import { describe, expect, it } from "vitest";
import { PathFunnelChart } from "@/components/charts/path-funnel-chart";
import { bar, linksOf, render, tableRows, tagsOf, textOf } from "./markup";

const labels = { clients: "Klienci", showTable: "Pokaż dane w tabeli", empty: "Brak danych" };
const steps = [
  { step: "IDENTIFICATION", label: "Identyfikacja", count: 12, href: "/clients?step=IDENTIFICATION" },
  { step: "DIAGNOSIS", label: "Diagnoza potrzeb", count: 6, href: "/clients?step=DIAGNOSIS" },
  { step: "PLAN", label: "Plan wsparcia", count: 3 },
  { step: "MONITORING", label: "Monitoring", count: 0 },
];

describe("PathFunnelChart", () => {
  it("titles the figure and gives every step and count in the data table, in path order", () => {
    const html = render(PathFunnelChart, { title: "Klienci na etapach ścieżki", steps, labels });

    expect(html).toMatch(/^<figure\b/);
    expect(textOf(html.match(/<figcaption\b[\s\S]*?<\/figcaption>/)?.[0] ?? "")).toBe("Klienci na etapach ścieżki");
    expect(tableRows(html)).toEqual([
      ["Klienci na etapach ścieżki", "Klienci"],
      ["Identyfikacja", "12"],
      ["Diagnoza potrzeb", "6"],
      ["Plan wsparcia", "3"],
      ["Monitoring", "0"],
    ]);
    expect(textOf(html.match(/<summary\b[\s\S]*?<\/summary>/)?.[0] ?? "")).toBe("Pokaż dane w tabeli");
  });

  it("draws bars proportional to the counts, the largest across the full width", () => {
    const html = render(PathFunnelChart, { title: "Lejek", steps, labels });

    expect(bar(html, "IDENTIFICATION").width).toBe(100);
    expect(bar(html, "DIAGNOSIS").width).toBe(50);
    expect(bar(html, "PLAN").width).toBe(25);
    expect(bar(html, "MONITORING").width).toBe(0);
  });

  it("links the label of each step that has an href, and only those", () => {
    const html = render(PathFunnelChart, { title: "Lejek", steps, labels });

    expect(linksOf(html)).toEqual([
      { href: "/clients?step=IDENTIFICATION", text: "Identyfikacja" },
      { href: "/clients?step=DIAGNOSIS", text: "Diagnoza potrzeb" },
    ]);
  });

  it("states each count as text beside its label and hides the decorative bars, so the links stay reachable", () => {
    const html = render(PathFunnelChart, { title: "Lejek", steps, labels });
    const chart = html.slice(0, html.indexOf("<details"));

    expect(textOf(chart)).toBe("Lejek Identyfikacja 12 Diagnoza potrzeb 6 Plan wsparcia 3 Monitoring 0");
    const svgs = tagsOf(chart, "svg");
    expect(svgs).toHaveLength(steps.length);
    // role="img" would turn the links into one picture: the text carries the chart instead.
    for (const svg of svgs) expect(svg).toMatchObject({ "aria-hidden": "true", width: "100%" });
  });

  it("shows the empty message instead of bars and table when no step has a client", () => {
    const html = render(PathFunnelChart, { title: "Lejek", steps: steps.map((step) => ({ ...step, count: 0 })), labels });

    expect(textOf(html)).toBe("Lejek Brak danych");
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("<table");
  });
});
