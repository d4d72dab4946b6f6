import { describe, expect, it } from "vitest";
import { UNMATCHED_ROUTE, createRouteLabeler, methodLabel, routePattern, statusClass } from "@/lib/system/metrics-registry.mjs";

/**
 * The labels of the request-duration histogram. Every distinct label is a time series in
 * Prometheus: a label per client id, or per path a scanner tries, would swamp it.
 */
const ID = "3f2b9c1e-8d4a-4b6f-9e21-0c5d7a8b9f10";

describe("routePattern", () => {
  it("replaces UUID segments with :id, whatever their case", () => {
    expect(routePattern(`/clients/${ID}`)).toBe("/clients/:id");
    expect(routePattern(`/clients/${ID.toUpperCase()}/privacy/clauses/${ID}`)).toBe("/clients/:id/privacy/clauses/:id");
  });

  it("replaces numeric segments with :n", () => {
    expect(routePattern("/indicators/2026/report")).toBe("/indicators/:n/report");
  });

  it("keeps words, and segments that only look like ids", () => {
    expect(routePattern("/admin/catalogue/services/A12")).toBe("/admin/catalogue/services/A12");
    expect(routePattern("/clients/3f2b9c1e-8d4a-4b6f-9e21")).toBe("/clients/3f2b9c1e-8d4a-4b6f-9e21");
    expect(routePattern("/v2")).toBe("/v2");
  });

  it("drops the query and the fragment, which may carry tokens", () => {
    expect(routePattern("/set-password?token=secret-value")).toBe("/set-password");
    expect(routePattern(`/clients?q=Kowalski&page=3#${ID}`)).toBe("/clients");
  });

  it("gives one pattern for a path with or without a trailing or doubled slash", () => {
    expect(routePattern("/")).toBe("/");
    expect(routePattern("/dashboard/")).toBe("/dashboard");
    expect(routePattern(`//clients//${ID}`)).toBe("/clients/:id");
  });

  it("collapses Next.js's hashed build files to their folder", () => {
    expect(routePattern("/_next/static/chunks/app/layout-4f1c2a.js")).toBe("/_next/static/*");
    expect(routePattern("/_next/static/media/font.woff2")).toBe("/_next/static/*");
    expect(routePattern("/_next/image?url=%2Flogo.png&w=64")).toBe("/_next/image");
  });

  it("reads the path of an absolute-form target, and has no pattern for `*`", () => {
    expect(routePattern(`http://app.example/clients/${ID}?x=1`)).toBe("/clients/:id");
    expect(routePattern("*")).toBe(UNMATCHED_ROUTE);
  });
});

describe("statusClass", () => {
  it("is the status's hundred, or `aborted` for a response the client did not wait for", () => {
    expect(statusClass(200, true)).toBe("2xx");
    expect(statusClass(307, true)).toBe("3xx");
    expect(statusClass(404, true)).toBe("4xx");
    expect(statusClass(503, true)).toBe("5xx");
    expect(statusClass(200, false)).toBe("aborted");
  });
});

describe("methodLabel", () => {
  it("keeps the methods the app answers and folds any other token", () => {
    expect(methodLabel("GET")).toBe("GET");
    expect(methodLabel("POST")).toBe("POST");
    expect(methodLabel("PROPFIND")).toBe("OTHER");
    expect(methodLabel("get")).toBe("OTHER");
    expect(methodLabel(undefined)).toBe("OTHER");
  });
});

describe("createRouteLabeler", () => {
  it("counts paths that never answered 2xx as unmatched: a scanner's 404s and redirects add no series", () => {
    const label = createRouteLabeler();
    expect(label("/wp-login.php", 404)).toBe(UNMATCHED_ROUTE);
    expect(label("/admin.php", 307)).toBe(UNMATCHED_ROUTE);
    expect(label("/wp-login.php", 404)).toBe(UNMATCHED_ROUTE);
  });

  it("keeps a route's label once it has answered 2xx, for every status after", () => {
    const label = createRouteLabeler();
    expect(label("/clients/:id", 200)).toBe("/clients/:id");
    expect(label("/clients/:id", 404)).toBe("/clients/:id");
    expect(label("/clients/:id", 500)).toBe("/clients/:id");
  });

  it("keeps at most `limit` labels", () => {
    const label = createRouteLabeler(2);
    expect(label("/a", 200)).toBe("/a");
    expect(label("/b", 204)).toBe("/b");
    expect(label("/c", 200)).toBe(UNMATCHED_ROUTE);
    expect(label("/a", 200)).toBe("/a");
  });

  it("keeps its own set: one labeler's routes do not leak into another's", () => {
    createRouteLabeler()("/x", 200);
    expect(createRouteLabeler()("/x", 404)).toBe(UNMATCHED_ROUTE);
  });
});
