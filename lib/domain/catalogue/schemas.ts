import { z } from "zod";

// Messages are translation keys (messages.validation.*). Pure: forms share these.

/**
 * A code of the tenant's support catalogue (a support type, a specialist area, a path template) as
 * a form sends it. Services check it against the catalogue (lib/domain/catalogue/rules.ts): an
 * unknown code is "invalid", a retired one "retired" unless the record already had it.
 */
export const ZCatalogueCode = (required = "required") => z.string(required).trim().min(1, required).max(64, "tooLong");

/** An optional catalogue code: "" and missing both mean none (null). */
export const ZOptionalCatalogueCode = z
  .union([z.literal(""), z.null(), z.string("invalid").trim().max(64, "tooLong")])
  .optional()
  .transform((v) => (v ? v : null));

/** The three lists of the catalogue, as the editor and its URLs name them. */
export const CATALOGUE_LISTS = ["supportType", "specialistArea", "pathTemplate"] as const;
export type TCatalogueListName = (typeof CATALOGUE_LISTS)[number];
export const ZCatalogueList = z.enum(CATALOGUE_LISTS, "invalid");

/** Longest name of an entry. */
export const ENTRY_NAME_MAX = 200;

const ZEntryName = z.string("required").trim().min(1, "required").max(ENTRY_NAME_MAX, "tooLong");

/**
 * An entry as the editor writes it. `requiresSpecialistArea` is read for support types only,
 * `obligatorySupportTypes` (support type codes) for path templates only.
 */
export const ZEntryInput = z.object({
  name: ZEntryName,
  nameEn: z
    .union([z.literal(""), z.null(), z.string("invalid").trim().max(ENTRY_NAME_MAX, "tooLong")])
    .optional()
    .transform((v) => (v ? v : null)),
  /** Absent: false for a new entry, unchanged on an edit. */
  requiresSpecialistArea: z.boolean("invalid").optional(),
  /** Absent: none for a new template, unchanged on an edit. */
  obligatorySupportTypes: z
    .array(ZCatalogueCode())
    .max(50, "tooMany")
    .optional()
    .transform((codes) => (codes ? [...new Set(codes)] : undefined)),
});
export type TEntryInput = z.input<typeof ZEntryInput>;

export const ZMoveEntryInput = z.object({ direction: z.enum(["up", "down"], "invalid") });
export type TMoveEntryInput = z.input<typeof ZMoveEntryInput>;
