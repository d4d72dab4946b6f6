import { describe, expect, it } from "vitest";
import { HoursPerWeekChart, type THoursWeek } from "@/components/charts/hours-per-week-chart";
import { bar, render, tableRows, tagsOf, textOf } from "./markup";

const labels = { hours: "godziny", week: "Tydzień", total: "Razem", showTable: "Pokaż dane w tabeli", empty: "Brak danych" };
const weeks: THoursWeek[] = [
  {
    weekStart: "2026-11-02",
    weekLabel: "2 lis",
    byType: [
      { type: "ADVICE", label: "Doradztwo", hours: 5 },
      { type: "TRAINING", label: "Szkolenie", hours: 2.5 },
    ],
  },
  { weekStart: "2026-11-09", weekLabel: "9 lis", byType: [{ type: "TRAINING", label: "Szkolenie", hours: 10 }] },
  {
    weekStart: "2026-11-16",
    weekLabel: "16 lis",
    byType: [
      { type: "MENTORING", label: "Mentoring", hours: 1 },
      { type: "ADVICE", label: "Doradztwo", hours: 1.5 },
    ],
  },
];

describe("HoursPerWeekChart", () => {
  it("gives the hours of every type in every week and the weekly totals in the data table", () => {
    const html = render(HoursPerWeekChart, { title: "Godziny wsparcia", weeks, labels });

    expect(tableRows(html)).toEqual([
      ["Tydzień", "Doradztwo", "Szkolenie", "Mentoring", "Razem"],
      ["2 lis", "5", "2,5", "0", "7,5"],
      ["9 lis", "0", "10", "0", "10"],
      ["16 lis", "1,5", "0", "1", "2,5"],
    ]);
  });

  it("writes numbers in the caller's language", () => {
    const html = render(HoursPerWeekChart, { title: "Support hours", weeks, labels, locale: "en" });

    expect(tableRows(html)[1]).toEqual(["2 lis", "5", "2.5", "0", "7.5"]);
  });

  it("stacks each week's types one after another, in proportion to the hours", () => {
    const html = render(HoursPerWeekChart, { title: "Godziny", weeks, labels });

    // The longest week (10 h) spans the full width: 5 h is half of it, 2.5 h a quarter.
    expect(bar(html, "2026-11-09:TRAINING")).toEqual({ x: 0, width: 100 });
    expect(bar(html, "2026-11-02:ADVICE")).toEqual({ x: 0, width: 50 });
    expect(bar(html, "2026-11-02:TRAINING")).toEqual({ x: 50, width: 25 });
    expect(bar(html, "2026-11-16:ADVICE")).toEqual({ x: 0, width: 15 });
    expect(bar(html, "2026-11-16:MENTORING")).toEqual({ x: 15, width: 10 });
    expect(() => bar(html, "2026-11-09:ADVICE")).toThrow("no bar");
  });

  it("names the drawing with the weekly totals", () => {
    const html = render(HoursPerWeekChart, { title: "Godziny wsparcia", weeks, labels });
    const images = tagsOf(html, "svg").filter((svg) => svg.role === "img");

    expect(images).toHaveLength(1);
    expect(images[0]?.["aria-label"]).toBe("Godziny wsparcia (godziny). Tydzień 2 lis: Razem 7,5; Tydzień 9 lis: Razem 10; Tydzień 16 lis: Razem 2,5.");
    expect(images[0]?.width).toBe("100%");
  });

  it("tells the types apart by pattern as well as colour, and names each once in the legend", () => {
    const html = render(HoursPerWeekChart, { title: "Godziny", weeks, labels });
    const legend = html.match(/<ul\b[\s\S]*?<\/ul>/)?.[0] ?? "";
    const fills = ["ADVICE", "TRAINING", "MENTORING"].map((type) => tagsOf(html, "rect").find((rect) => rect["data-bar"]?.endsWith(`:${type}`))?.fill);

    expect(textOf(legend)).toBe("Doradztwo Szkolenie Mentoring");
    expect(tagsOf(legend, "rect").map((swatch) => swatch.fill)).toEqual(fills);
    const patterns = [...html.matchAll(/<pattern\b[^>]*id="([^"]+)"[^>]*>([\s\S]*?)<\/pattern>/g)];
    const drawingOf = (fill: string | undefined) => patterns.find((pattern) => fill === `url(#${pattern[1]})`)?.[2]?.replace(/fill="[^"]*"/, "");
    const drawings = fills.map(drawingOf);
    expect(drawings.every(Boolean)).toBe(true);
    // Without their colour, the three patterns still differ.
    expect(new Set(drawings).size).toBe(3);
  });

  it("shows the empty message when no week has an hour", () => {
    expect(textOf(render(HoursPerWeekChart, { title: "Godziny", weeks: [], labels }))).toBe("Godziny Brak danych");
    const idle = weeks.map((week) => ({ ...week, byType: week.byType.map((entry) => ({ ...entry, hours: 0 })) }));
    expect(textOf(render(HoursPerWeekChart, { title: "Godziny", weeks: idle, labels }))).toBe("Godziny Brak danych");
  });
});
