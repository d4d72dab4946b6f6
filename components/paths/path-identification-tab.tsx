import { getTranslations } from "next-intl/server";
import { isoDateOr } from "@/lib/dates";
import type { TIdentificationInput } from "@/lib/domain/paths/schemas";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import { ContractForm } from "./contract-form";
import { IdentificationForm } from "./identification-form";

type TProps = {
  path: { id: string; identification: string | null } & Pick<TIdentificationInput, "direction" | "workForm">;
  contract: Extract<TPathPageTab, { name: "identification" }>["contract"];
  canEditContent: boolean;
};

/** Step 1: the identification (direction, form of work, description) and the cooperation contract. */
export async function PathIdentificationTab({ path, contract, canEditContent }: TProps) {
  const t = await getTranslations("paths");
  return (
    <div className="flex flex-col gap-8">
      <IdentificationForm pathId={path.id} readOnly={!canEditContent} defaults={{ direction: path.direction, workForm: path.workForm, identification: path.identification ?? "" }} />
      <div>
        <h3 className="mb-3 text-lg font-semibold">{t("contract")}</h3>
        <ContractForm
          pathId={path.id}
          readOnly={!canEditContent}
          defaults={{ number: contract?.number ?? "", status: contract?.status ?? "DRAFT", signedOn: isoDateOr(contract?.signedOn), scope: contract?.scope ?? "" }}
        />
      </div>
    </div>
  );
}
