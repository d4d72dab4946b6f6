"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * Recovery codes, shown once (only their hashes are kept). The page is refreshed only when the user
 * says they have them: refreshing earlier would take them off the screen.
 */
export function RecoveryCodes({ codes, title }: { codes: string[]; title: string }) {
  const t = useTranslations("account.security");
  const router = useRouter();
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <Alert tone="success">{title}</Alert>
      <h3 className="text-base font-semibold">{t("codesTitle")}</h3>
      <p className="text-slate-700">{t("codesHint")}</p>
      <ol data-testid="recovery-codes" className="grid grid-cols-2 gap-x-8 gap-y-1 rounded-md border border-slate-300 bg-white p-4 font-mono text-base">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3 print:hidden">
        <Button variant="secondary" onClick={() => window.print()}>
          {t("codesPrint")}
        </Button>
        <Button onClick={() => router.refresh()}>{t("codesDone")}</Button>
      </div>
    </div>
  );
}
