"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { useFieldError } from "@/components/forms/use-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import { useCatalogueName } from "@/components/catalogue/use-catalogue-name";
import type { TCatalogueOption } from "@/lib/domain/catalogue/names";
import type { TServiceInput } from "@/lib/domain/services/schemas";
import type { TPlanActionOption } from "@/lib/domain/services/service";
import type { TClientOption } from "./client-picker";

/**
 * What the service implements: for each selected client with an open path, a choice among the
 * actions of its approved plan (or none). Links of clients no longer selected are not sent
 * (onlySelectedClientsLinks).
 */
export function PlanActionLinks({ clients, actions, supportTypes }: { clients: TClientOption[]; actions: TPlanActionOption[]; supportTypes: readonly TCatalogueOption[] }) {
  const t = useTranslations("services");
  const typeName = useCatalogueName(supportTypes);
  const fieldError = useFieldError();
  const form = useFormContext<TServiceInput, unknown, TServiceInput>();
  const selected = useWatch({ control: form.control, name: "clientIds" });

  return selected.map((clientId) => {
    const own = actions.filter((a) => a.clientId === clientId);
    if (own.length === 0) return null;
    const name = clients.find((c) => c.id === clientId)?.name ?? "";
    const { error } = form.getFieldState(`planActionIds.${clientId}`, form.formState);
    return (
      <Field key={clientId} label={t("fields.planAction", { client: name })} error={fieldError(error?.message)}>
        {(p) => (
          <select {...p} {...form.register(`planActionIds.${clientId}`)} className={inputClass(Boolean(error))}>
            <option value="">{t("noPlanAction")}</option>
            {own.map((a) => (
              <option key={a.id} value={a.id}>
                {`${a.position + 1}. ${typeName(a.supportType)} — ${a.description}`}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  });
}

/** The links to send: only those of the selected clients, and only where an action is chosen. */
export function onlySelectedClientsLinks(values: TServiceInput): TServiceInput {
  const links = Object.entries(values.planActionIds ?? {}).filter(([clientId, actionId]) => actionId && values.clientIds.includes(clientId));
  return { ...values, planActionIds: Object.fromEntries(links) };
}
