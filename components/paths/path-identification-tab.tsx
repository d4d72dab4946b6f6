import { getTranslations } from "next-intl/server";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { isoDateOr } from "@/lib/dates";
import type { TIdentificationInput } from "@/lib/domain/paths/schemas";
import { getPathContract } from "@/lib/domain/paths/service";
import { ContractForm } from "./contract-form";
import { IdentificationForm } from "./identification-form";

type TProps = {
  path: { id: string; identification: string | null } & Pick<TIdentificationInput, "direction" | "workForm">;
  canEditContent: boolean;
};

/** Step 1: the identification (direction, form of work, description) and the cooperation contract. */
export async function PathIdentificationTab({ path, canEditContent }: TProps) {
  const ctx = await requireSessionUser();
  const contract = await loadForPage(() => getPathContract(ctx, path.id));
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
