import Link from "next/link";
import { cn } from "./cn";

/** A link inside text or a table cell: underlined and in the app's link colour (contrast ≥ 4.5:1). */
export function TextLink({ className, ...link }: React.ComponentProps<typeof Link>) {
  return <Link {...link} className={cn("text-blue-800 underline", className)} />;
}
