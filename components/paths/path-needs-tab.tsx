import { getLocale, getTranslations } from "next-intl/server";
import { nameOf, type TCatalogueOption } from "@/lib/domain/catalogue/names";
import type { TPathPageTab } from "@/lib/domain/paths/service";
import { NeedsForm } from "./needs-form";

type TProps = {
  pathId: string;
  needs: Extract<TPathPageTab, { name: "needs" }>["needs"];
  canEditContent: boolean;
  /** The tenant's support types (retired ones too: old needs name them). */
  supportTypes: TCatalogueOption[];
};

/** Step 2: the diagnosed needs, each with its expected effects — a form for who may change them, text for everyone else. */
export async function PathNeedsTab({ pathId, needs, canEditContent, supportTypes }: TProps) {
  if (canEditContent) {
    return (
      <NeedsForm
        pathId={pathId}
        supportTypes={supportTypes}
        defaults={{ needs: needs.map((n) => ({ area: n.area, description: n.description, priority: n.priority, expectedEffects: n.expectedEffects })) }}
      />
    );
  }
  const t = await getTranslations("paths");
  const locale = await getLocale();
  if (needs.length === 0) return <p>{t("noNeeds")}</p>;
  return (
    <ol className="flex flex-col gap-3">
      {needs.map((need, index) => (
        <li key={need.id} className="rounded-md border border-slate-300 bg-white p-4">
          <h3 className="font-semibold">{t("needNumber", { number: index + 1 })}</h3>
          <p className="text-sm text-slate-700">
            {t("fields.needArea")}: {nameOf(supportTypes, need.area, locale)} · {t("fields.priority")}: {t(`priorities.${need.priority}`)}
          </p>
          <p className="mt-1 whitespace-pre-line break-words">{need.description}</p>
          {need.expectedEffects.length > 0 ? (
            <>
              <p className="mt-2 text-sm font-medium">{t("fields.expectedEffects")}</p>
              <ul className="list-disc pl-5 text-sm">
                {need.expectedEffects.map((effect, i) => (
                  <li key={i}>{effect}</li>
                ))}
              </ul>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
