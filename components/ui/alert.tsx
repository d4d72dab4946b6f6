import { cn } from "./cn";

const TONES = {
  error: "border-red-700 bg-red-50 text-red-900",
  success: "border-green-700 bg-green-50 text-green-900",
  info: "border-blue-700 bg-blue-50 text-blue-900",
} as const;

/**
 * A message block. Errors use role="alert" so they are announced when they appear; give them a
 * `data-testid` when a test must find one (Next's route announcer also has role="alert").
 */
export function Alert({ tone, children, className, ...rest }: { tone: keyof typeof TONES } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("rounded-md border-l-4 px-4 py-3 text-sm", TONES[tone], className)} {...rest}>
      {children}
    </div>
  );
}
