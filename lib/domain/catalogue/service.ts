import "server-only";

/** The support catalogue as tenant data (issue 14): the editor's services. Rules: rules.ts; reads: read.ts. */
export { createEntry, deleteEntry, moveEntry, setEntryRetired, updateEntry } from "./entries";
export { entriesOf, getCatalogueEntryPage, getCataloguePage, type TCataloguePage } from "./page";
