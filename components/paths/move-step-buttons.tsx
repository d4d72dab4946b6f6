"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { movePathAction } from "@/lib/actions/paths";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useCatalogueName } from "@/components/catalogue/use-catalogue-name";
import type { TCatalogueOption } from "@/lib/domain/catalogue/names";
import type { TPathStep } from "@/lib/domain/paths/state-machine";
import { missingText } from "./missing-text";

type TNext = { to: TPathStep; missing: string[] };

/**
 * The moves open from the current step. A move that still lacks something is shown with what is
 * missing (and the server refuses it anyway, with the same explanation).
 */
export function MoveStepButtons({ pathId, next, supportTypes }: { pathId: string; next: TNext[]; supportTypes: readonly TCatalogueOption[] }) {
  const t = useTranslations("paths");
  const typeName = useCatalogueName(supportTypes);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<string[] | null>(null);

  function move(to: TPathStep) {
    setRefusal(null);
    startTransition(async () => {
      const result = await movePathAction(pathId, { to });
      if (result.ok) router.refresh();
      else setRefusal(result.code === "PATH_TRANSITION_REFUSED" ? String(result.params.missing ?? "").split(",") : [`error:${result.code}`]);
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-3">
        {next.map((option) => (
          <li key={option.to} className="flex flex-wrap items-start gap-3">
            <Button variant={option.missing.length ? "secondary" : "primary"} onClick={() => move(option.to)} disabled={pending}>
              {t(`moveTo.${option.to}`)}
            </Button>
            {option.missing.length > 0 ? (
              <div className="text-sm text-slate-800">
                <p className="font-medium">{t("missingTitle")}</p>
                <ul className="list-disc pl-5">
                  {option.missing.map((key) => (
                    <li key={key}>{missingText(t, key, typeName)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {refusal ? (
        <Alert tone="error" data-testid="move-error">
          <p>{t("moveRefused")}</p>
          <ul className="list-disc pl-5">
            {refusal.map((key) => (
              <li key={key}>{key.startsWith("error:") ? t("moveFailed") : missingText(t, key, typeName)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
