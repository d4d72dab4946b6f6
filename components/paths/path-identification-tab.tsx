import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, isoDateOr } from "@/lib/dates";
import type { TIdentificationInput } from "@/lib/domain/paths/schemas";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import { ContractForm } from "./contract-form";
import { IdentificationForm } from "./identification-form";

type TProps = {
  path: { id: string; identification: string | null } & Pick<TIdentificationInput, "direction" | "workForm">;
  contract: Extract<TPathPageTab, { name: "identification" }>["contract"];
  canEditContent: boolean;
};

/**
 * Step 1: the identification (direction, form of work, description) and the cooperation contract —
 * forms for who may change them, plain text for everyone else (a read-only role sees no control).
 */
export async function PathIdentificationTab({ path, contract, canEditContent }: TProps) {
  const t = await getTranslations("paths");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  if (!canEditContent) {
    return (
      <div className="flex flex-col gap-8">
        <ReadOnlyList
          items={[
            [t("fields.direction"), t(`directions.${path.direction}`)],
            [t("fields.workForm"), t(`workForms.${path.workForm}`)],
            [t("fields.identification"), path.identification ? <span className="whitespace-pre-line">{path.identification}</span> : t("noIdentification")],
          ]}
        />
        <div>
          <h3 className="mb-3 text-lg font-semibold">{t("contract")}</h3>
          {contract ? (
            <ReadOnlyList
              items={[
                [t("fields.contractNumber"), contract.number],
                [t("fields.contractStatus"), t(`contractStatuses.${contract.status}`)],
                [t("fields.signedOn"), contract.signedOn ? format.dateTime(contract.signedOn, CALENDAR_DATE) : tc("none")],
                [t("fields.contractScope"), contract.scope ?? tc("none")],
              ]}
            />
          ) : (
            <p>{t("noContract")}</p>
          )}
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-8">
      <IdentificationForm pathId={path.id} defaults={{ direction: path.direction, workForm: path.workForm, identification: path.identification ?? "" }} />
      <div>
        <h3 className="mb-3 text-lg font-semibold">{t("contract")}</h3>
        <ContractForm
          pathId={path.id}
          defaults={{ number: contract?.number ?? "", status: contract?.status ?? "DRAFT", signedOn: isoDateOr(contract?.signedOn), scope: contract?.scope ?? "" }}
        />
      </div>
    </div>
  );
}

/** Label–value pairs, as text. */
export function ReadOnlyList({ items }: { items: [string, React.ReactNode][] }) {
  return (
    <dl className="grid max-w-3xl gap-x-6 gap-y-2 sm:grid-cols-[14rem_1fr]">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
