import "server-only";
/** The dimensions a report can be cut by (issue 16 §4). Pure: client components and schemas read it. */
export const CUT_KINDS_LIST = ["SPHERE", "PARTNER", "OFFICE", "COUNTY"] as const;
export type TCutKind = (typeof CUT_KINDS_LIST)[number];

/** The cut value of evidence with no sphere, partner, office or county. */
export const NO_CUT_VALUE = "NONE";
