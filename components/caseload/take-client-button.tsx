"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { takeClientAction } from "@/lib/actions/caseload";
import { Button } from "@/components/ui/button";

/**
 * "Weź z kolejki": a key advisor takes a waiting client onto themselves. The server checks their
 * limit under its lock; a refusal (limit reached, client taken meanwhile) is shown in place.
 */
export function TakeClientButton({ clientId, clientName, label }: { clientId: string; clientName: string; label: string }) {
  const te = useTranslations("errors");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const take = () =>
    startTransition(async () => {
      setError(null);
      const result = await takeClientAction(clientId);
      if (result.ok) router.push(`/clients/${clientId}?taken=1`);
      else setError(te(result.code, result.params));
    });
  return (
    <div className="flex flex-col items-start gap-2">
      <Button onClick={take} disabled={pending}>
        {label}
        <span className="sr-only"> — {clientName}</span>
      </Button>
      {error ? (
        <p role="alert" data-testid="take-error" className="max-w-sm text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
