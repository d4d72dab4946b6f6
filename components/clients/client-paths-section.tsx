import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inPolishTime } from "@/lib/dates";
import type { TClientPage } from "@/lib/domain/clients/service";

/** The client's support paths, newest first, and the way to open one when the caller may. */
export async function ClientPathsSection({ clientId, paths, canOpenPath }: { clientId: string; paths: NonNullable<TClientPage["paths"]>; canOpenPath: boolean }) {
  const tp = await getTranslations("paths");
  const format = await getFormatter();
  return (
    <section aria-labelledby="paths-heading" className="rounded-md border border-slate-300 bg-white p-4">
      <h2 id="paths-heading" className="text-lg font-semibold">
        {tp("clientPaths")}
      </h2>
      {paths.length === 0 ? <p className="mt-2">{tp("noPaths")}</p> : null}
      <ul className="mt-2 flex flex-col gap-1">
        {paths.map((p) => (
          <li key={p.id}>
            <Link href={`/paths/${p.id}`} className="text-blue-800 underline">
              {tp("pathItem", {
                direction: tp(`directions.${p.direction}`),
                step: tp(`steps.${p.step}`),
                opened: format.dateTime(p.openedAt, inPolishTime({ dateStyle: "long" })),
              })}
            </Link>
          </li>
        ))}
      </ul>
      {canOpenPath ? (
        <Link href={`/paths/new?clientId=${clientId}`} className={`${buttonClass("primary")} mt-3`}>
          {tp("openPath")}
        </Link>
      ) : null}
    </section>
  );
}
