import { expect, type Page, type Response } from "@playwright/test";

/** What Chromium logs when the Content-Security-Policy blocks something (an inline script, a style, a frame). */
export const CSP_VIOLATION = /Content Security Policy/i;

/**
 * Issue 17: a page's response is hardened — a CSP with a nonce that forbids framing, the static
 * headers, no X-Powered-By (nothing names the framework or its version).
 */
export function expectHardenedResponse(response: Response | null, url: string): void {
  expect(response, url).not.toBeNull();
  const headers = response?.headers() ?? {};
  const csp = headers["content-security-policy"] ?? "";
  expect.soft(csp, `${url}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect.soft(csp, `${url}: CSP`).toContain("frame-ancestors 'none'");
  expect.soft(csp, `${url}: CSP`).not.toContain("'unsafe-inline' 'unsafe-eval'");
  expect.soft(headers["x-content-type-options"], `${url}: nosniff`).toBe("nosniff");
  expect.soft(headers["referrer-policy"], `${url}: Referrer-Policy`).toMatch(/^(same-origin|strict-origin)$/);
  expect.soft(headers["permissions-policy"], `${url}: Permissions-Policy`).toContain("camera=()");
  expect.soft(headers["x-powered-by"], `${url}: X-Powered-By`).toBeUndefined();
}

/**
 * Inline scripts the page holds without the request's nonce. (Browsers hide a nonce attribute from
 * the DOM once parsed — `getAttribute` returns "" — but keep it in the `nonce` property.)
 */
export async function inlineScriptsWithoutNonce(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("script")].filter((s) => !s.src && !s.nonce).map((s) => (s.textContent ?? "").trim().slice(0, 80)),
  );
}
