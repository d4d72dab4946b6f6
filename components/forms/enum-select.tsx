import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";

type TEnumSelectProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
  /** The values, in the order shown (the schema's list, e.g. WORK_FORMS). */
  options: readonly string[];
  /** The messages holding one label per value, e.g. "paths.workForms". */
  namespace: string;
  /** A first, empty option ("— choose —") for a field that may be left unset. */
  placeholder?: string;
  invalid?: boolean;
  ref?: React.Ref<HTMLSelectElement>;
};

/** A native select over a fixed list of values, each labelled from the messages. */
export function EnumSelect({ options, namespace, placeholder, invalid, className, ...select }: TEnumSelectProps) {
  const t = useTranslations(namespace);
  return (
    <select {...select} className={cn(inputClass(invalid), className)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((value) => (
        <option key={value} value={value}>
          {t(value)}
        </option>
      ))}
    </select>
  );
}
