export declare const DISTRIBUTION_COLUMN: "tenant_id";
export declare const REFERENCE_TABLES: Readonly<Record<string, string>>;
export declare const LOCAL_TABLES: Readonly<Record<string, string>>;
export declare function globalTableRole(qualifiedName: string): "reference" | "local" | null;
