import { cn } from "./cn";

const VARIANTS = {
  primary: "bg-blue-700 text-white hover:bg-blue-800 disabled:bg-slate-400",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-500",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400",
  link: "text-blue-800 underline underline-offset-2 hover:text-blue-950",
} as const;

export const buttonClass = (variant: keyof typeof VARIANTS = "primary", extra?: string) =>
  cn(
    "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed",
    variant === "link" && "px-0 py-0",
    VARIANTS[variant],
    extra,
  );

type TButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS };

export function Button({ variant = "primary", className, type = "button", ...props }: TButtonProps) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
