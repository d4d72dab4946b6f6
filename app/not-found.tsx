import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  const ts = await getTranslations("shell");
  return (
    <main id="main" className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-bold">404</h1>
      <p className="mt-4">{t("NOT_FOUND")}</p>
      <Link href="/dashboard" className="mt-6 inline-block text-blue-800 underline">
        {ts("nav.dashboard")}
      </Link>
    </main>
  );
}
