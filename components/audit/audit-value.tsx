import type { TAuditValue } from "@/lib/domain/audit/describe";
import { useAuditText } from "./use-audit-text";

/** Whether a value reads as lines (a list of needs, plan actions, people) rather than a phrase. */
export const isBlockValue = (value: TAuditValue) => value.kind === "list" && value.items.some((item) => item.kind === "record");

/** One audited value in words; a list of records one per line. */
export function AuditValue({ value }: { value: TAuditValue }) {
  const text = useAuditText();
  if (isBlockValue(value) && value.kind === "list") {
    return (
      <ul className="list-disc pl-4">
        {value.items.map((item, index) => (
          <li key={index}>{text(item)}</li>
        ))}
      </ul>
    );
  }
  return <>{text(value)}</>;
}
