/**
 * Path templates (a tenant setting in a later slice; these are the two the source documents
 * define). The local-government template is direction 2 of seed 000 as laid out in seed 002:
 * I recruitment and contract, II diagnosis, III action plan, IV joint implementation — where work
 * with an animator and specialist advisory are obligatory — and V results.
 */
export const PATH_TEMPLATES = ["DEFAULT", "LOCAL_GOVERNMENT"] as const;
export type TPathTemplate = (typeof PATH_TEMPLATES)[number];

/** Methods of implementation that a template makes obligatory, counted from delivered services. */
export const OBLIGATORY_METHODS = ["ANIMATION", "SPECIALIST_ADVISORY"] as const;
export type TObligatoryMethod = (typeof OBLIGATORY_METHODS)[number];

export const TEMPLATE_OBLIGATORY_METHODS: Record<TPathTemplate, readonly TObligatoryMethod[]> = {
  DEFAULT: [],
  LOCAL_GOVERNMENT: ["ANIMATION", "SPECIALIST_ADVISORY"],
};
