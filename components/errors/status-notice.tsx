import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { ErrorPanel } from "./error-panel";

/** The 404 and 403 pages' words, the same with or without the app shell around them. */
export async function StatusNotice({ status }: { status: "notFound" | "forbidden" }) {
  const t = await getTranslations("errorPages");
  const te = await getTranslations("errors");
  return (
    <ErrorPanel
      title={t(`${status}.title`)}
      actions={
        <Link href="/dashboard" className={buttonClass("link")}>
          {t("dashboard")}
        </Link>
      }
    >
      <p>{te(status === "notFound" ? "NOT_FOUND" : "FORBIDDEN")}</p>
      <p>{t(`${status}.whatToDo`)}</p>
    </ErrorPanel>
  );
}
