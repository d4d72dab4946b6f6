import "server-only";
import { foldForSearch } from "@/lib/domain/clients/normalize";

/** A download's file name from its parts: "lista-obecnosci-szkolenie-z-ksiegowosci-2026-11-28.pdf". */
export function fileName(parts: string[], extension: string): string {
  const slug = parts
    .map((part) => foldForSearch(part).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("-")
    .slice(0, 120);
  return `${slug || "dokument"}.${extension}`;
}

/**
 * A PDF answered like the app's other downloads (the timesheet's export): never cached, named.
 * Shown in the browser's viewer (inline) — it is opened to be printed — and saved under the name.
 */
export function pdfResponse(body: Buffer, name: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
