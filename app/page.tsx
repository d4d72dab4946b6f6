import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function HomePage() {
  const t = await getTranslations("home");
  const features = ["paths", "caseload", "services", "indicators"] as const;
  return (
    <main id="main" className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
      <p className="mt-4 text-lg text-slate-700">{t("lead")}</p>
      <ul className="mt-8 list-disc space-y-2 pl-6 text-slate-800">
        {features.map((key) => (
          <li key={key}>{t(`features.${key}`)}</li>
        ))}
      </ul>
      <Link
        href="/login"
        className="mt-10 inline-block rounded-md bg-blue-700 px-5 py-3 font-semibold text-white hover:bg-blue-800"
      >
        {t("signIn")}
      </Link>
    </main>
  );
}
