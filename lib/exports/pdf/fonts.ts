import "server-only";
import { fileURLToPath } from "node:url";

/**
 * The documents' typeface: DejaVu Sans from the npm package dejavu-fonts-ttf — a TrueType font
 * with every Polish letter (ą ć ę ł ń ó ś ź ż), embedded (as a subset) in each PDF, so the file
 * reads the same on any machine. PDF's built-in fonts cannot print Polish letters.
 *
 * Named as `new URL(<relative path>, import.meta.url)`, the form bundlers treat as an asset: under
 * `next build` Turbopack copies the files into .next/server/assets and the URL points there
 * (whatever the server's working directory; a package resolution — createRequire, require.resolve —
 * is replaced by a module id in the bundle and finds nothing at run time); unbundled (tests,
 * scripts) it is the file in node_modules. Checked against a production build and `next start`.
 */
export type TFontPaths = { regular: string; bold: string };

let paths: TFontPaths | null = null;

/** The font files' paths, resolved once per process. */
export function pdfFontPaths(): TFontPaths {
  paths ??= {
    regular: fileURLToPath(new URL("../../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf", import.meta.url)),
    bold: fileURLToPath(new URL("../../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf", import.meta.url)),
  };
  return paths;
}
