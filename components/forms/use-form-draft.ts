"use client";

import { useEffect, useEffectEvent, useState } from "react";
import { useWatch, type FieldValues, type UseFormReturn } from "react-hook-form";

/** What is stored: the form's values and whatever else the form needs back (e.g. its idempotency key). */
type TStoredDraft<TValues, TExtra> = { version: number; values: TValues; extra: TExtra };

/**
 * A draft this form wrote. Only the envelope is checked: the rest was written by the same form,
 * which bumps `version` whenever the shape of its values or extra changes.
 */
function isStoredDraft<TValues, TExtra>(value: unknown, version: number): value is TStoredDraft<TValues, TExtra> {
  return (
    typeof value === "object" &&
    value !== null &&
    "version" in value &&
    value.version === version &&
    "values" in value &&
    typeof value.values === "object" &&
    value.values !== null &&
    "extra" in value
  );
}

type TFormDraftOptions<TValues extends FieldValues, TExtra> = {
  /** The localStorage key: one per user and form (a record's edit has its own). */
  storageKey: string;
  /** The shape of the stored draft; a draft of another version is dropped. */
  version: number;
  form: UseFormReturn<TValues, unknown, TValues>;
  /** Kept beside the values (e.g. the idempotency key chosen when the form opened). */
  extra: TExtra;
  onRestore: (extra: TExtra) => void;
};

/**
 * Keeps what the user typed in the browser until it is saved: it survives a reload, a crash or a
 * walk to another page. An untouched form leaves a stored draft alone; `clear` once it is saved
 * or discarded.
 */
export function useFormDraft<TValues extends FieldValues, TExtra>({ storageKey, version, form, extra, onRestore }: TFormDraftOptions<TValues, TExtra>) {
  const [restored, setRestored] = useState(false);
  const values = useWatch({ control: form.control });
  const isDirty = form.formState.isDirty;

  const restore = useEffectEvent(() => {
    const raw = window.localStorage.getItem(storageKey);
    if (!raw) return;
    try {
      const draft: unknown = JSON.parse(raw);
      if (!isStoredDraft<TValues, TExtra>(draft, version)) throw new Error("a draft of another version");
      form.reset(draft.values);
      onRestore(draft.extra);
      setRestored(true);
    } catch {
      window.localStorage.removeItem(storageKey);
    }
  });

  // Once, after hydration: localStorage exists only in the browser, so the server cannot render
  // the draft and it comes in as a reset of the form — one extra render, on purpose.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- syncing from a browser-only store after hydration is this effect's job
  useEffect(() => restore(), [storageKey]);

  useEffect(() => {
    if (isDirty) window.localStorage.setItem(storageKey, JSON.stringify({ version, values, extra }));
  }, [values, extra, isDirty, storageKey, version]);

  function clear() {
    window.localStorage.removeItem(storageKey);
    setRestored(false);
  }

  return { restored, clear };
}
