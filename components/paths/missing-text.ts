/** What a step change lacks (lib/domain/paths/state-machine.ts TMissing), in words. */
const OBLIGATORY = "obligatoryMethod.";

type TTranslate = (key: string, values?: Record<string, string>) => string;

/**
 * One missing item in words (`paths.missing.*`): an obligatory method names its support type as the
 * tenant's catalogue calls it — templates may oblige any of the tenant's types.
 */
export function missingText(t: TTranslate, key: string, typeName: (code: string) => string): string {
  return key.startsWith(OBLIGATORY) ? t("missing.obligatoryMethod", { type: typeName(key.slice(OBLIGATORY.length)) }) : t(`missing.${key}`);
}
