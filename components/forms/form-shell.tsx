import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

type TFormShellProps = Omit<React.FormHTMLAttributes<HTMLFormElement>, "children" | "noValidate"> & {
  /** The summary of a failed save, already translated (useActionErrors' `formError`). */
  error?: string | null;
  /** How a test finds the summary (Next's route announcer is an alert too). */
  errorTestId?: string;
  submitLabel: string;
  /** While the action runs the button is disabled and says so. */
  submitting: boolean;
  /** Beside the submit button: a cancel link, a secondary action. */
  footer?: React.ReactNode;
  children: React.ReactNode;
};

/**
 * The frame every form shares: the required-fields hint, the error summary, the fields, and the
 * submit button with its saving state. Validation is the schema's (`noValidate`), so messages are
 * the app's translated ones, not the browser's.
 */
export function FormShell({ error, errorTestId = "form-error", submitLabel, submitting, footer, className, children, ...form }: TFormShellProps) {
  const tc = useTranslations("common");
  return (
    <form {...form} noValidate className={cn("flex flex-col gap-4", className)}>
      <p className="text-sm text-slate-700">{tc("requiredHint")}</p>
      {error ? (
        <Alert tone="error" data-testid={errorTestId}>
          {error}
        </Alert>
      ) : null}
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={submitting}>
          {submitting ? tc("saving") : submitLabel}
        </Button>
        {footer}
      </div>
    </form>
  );
}
