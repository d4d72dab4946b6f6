"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { useActionErrors } from "@/components/forms/use-action-errors";
import type { TActionResult } from "@/lib/actions/result";

/**
 * The shared submit flow of the path forms: call the action, map errors next to the fields (the
 * typed values stay), refresh the page's server data on success and say so.
 */
export function usePathForm<T extends FieldValues>(form: UseFormReturn<T>, options: { resetOnSuccess?: boolean } = {}) {
  const router = useRouter();
  const errors = useActionErrors(form);
  const [saved, setSaved] = useState(false);

  async function run<R>(action: () => Promise<TActionResult<R>>): Promise<TActionResult<R>> {
    setSaved(false);
    const result = await action();
    if (errors.apply(result)) {
      setSaved(true);
      if (options.resetOnSuccess) form.reset();
      router.refresh();
    }
    return result;
  }

  return { ...errors, saved, run };
}
