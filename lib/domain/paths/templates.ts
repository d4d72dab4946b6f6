/**
 * Path templates are tenant data (path_template, lib/domain/catalogue): a name, and the support
 * types a path on the template must have delivered before its evaluation. The source documents
 * define two, seeded for every tenant: the standard path, and the local-government one — direction
 * 2 of seed 000 as laid out in seed 002: I recruitment and contract, II diagnosis, III action plan,
 * IV joint implementation — where work with an animator and specialist advisory are obligatory —
 * and V results. A path stores its template's code.
 */

/** A path template's code (a key of the tenant's path_template). */
export type TPathTemplate = string;

/** The template a path gets when the form names none. */
export const DEFAULT_TEMPLATE = "DEFAULT";
