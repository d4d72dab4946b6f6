import { cn } from "./cn";
import { inputClass } from "./field";

/**
 * A list's filter in a GET form (role="search"): a labelled control whose value travels in the
 * URL. `FilterSelect` offers "all" (the empty value) and the given choices.
 */
export function FilterField({ id, label, className, children }: { id: string; label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={cn("flex max-w-full min-w-0 flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

export function FilterSelect({
  id,
  name,
  label,
  value,
  allLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | null | undefined;
  allLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <FilterField id={id} label={label}>
      <select id={id} name={name} defaultValue={value ?? ""} className={cn(inputClass(), "max-w-full")}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}
