import { env } from "@/lib/env";
import { authorizeScrape, scrapeMetrics } from "@/lib/system/metrics";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Prometheus scrape endpoint. Never public: it answers only `Authorization: Bearer <METRICS_TOKEN>`,
 * and not at all (404) when no token is configured.
 */
export async function GET(request: Request) {
  const access = authorizeScrape(request.headers.get("authorization"), env.METRICS_TOKEN);
  if (access === "off") return new Response(null, { status: 404, headers: NO_STORE });
  if (access === "refused") {
    return new Response(null, { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { headers: { ...NO_STORE, "Content-Type": contentType } });
}
