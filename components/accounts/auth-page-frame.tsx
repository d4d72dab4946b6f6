import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";

/** The frame of the pages before sign-in (as the sign-in page): the product's name, the language switch, one column. */
export async function AuthPageFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const tc = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-slate-300 bg-white px-6 py-3">
        <p className="font-semibold">{tc("productName")}</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-6 py-12">
        <h1 className="mb-6 text-2xl font-bold">{title}</h1>
        {children}
      </main>
    </div>
  );
}
