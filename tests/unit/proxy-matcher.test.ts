import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

// Only the static matcher is under test here; what the proxy does is in auth/session-token.test.ts.
/**
 * The proxy sends signed-out visitors of the signed-in area to /login. The files in public/ must
 * reach them as they are: a browser fetches the manifest and icons without the session cookie, and
 * a crawler reading robots.txt has none.
 */
const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("the proxy's matcher", () => {
  it("leaves the web manifest, robots.txt and the icons alone", () => {
    for (const file of ["/manifest.webmanifest", "/robots.txt", "/icon.svg", "/icon-192.png", "/icon-512.png", "/apple-touch-icon.png", "/favicon.ico"]) {
      expect(matches(file), file).toBe(false);
    }
  });

  it("still guards the pages of the signed-in area", () => {
    for (const page of ["/dashboard", "/clients", "/paths/8d2a0f4e-3c1b-4f7a-9e2d-5b6c7d8e9f01", "/services/timesheet"]) {
      expect(matches(page), page).toBe(true);
    }
  });
});
