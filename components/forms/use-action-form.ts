"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { TActionResult } from "@/lib/actions/result";
import { useActionErrors } from "./use-action-errors";

export type TActionFailure = Extract<TActionResult<unknown>, { ok: false }>;
type TSend<TValues, TData> = (values: TValues) => Promise<TActionResult<TData>>;

type TActionFormOptions<TValues extends FieldValues, TData> = {
  /**
   * The form's schema, derived from the service's (house rule 6). The form keeps the values as
   * typed (`raw`): the service parses and normalises them again.
   */
  schema: z.ZodType<unknown, TValues>;
  defaultValues: DefaultValues<TValues>;
  /**
   * What the form sends, from what it holds: e.g. without the fields a chosen kind hides, which the
   * form keeps for switching back. The schema checks these values and the action receives them.
   */
  prepare?: (values: TValues) => TValues;
  /** The server action. */
  action: TSend<TValues, TData>;
  onSuccess?: (data: TData, values: TValues) => void | Promise<void>;
  /**
   * A refusal the form answers itself, such as a warning the user may confirm: return true and
   * the generic mapping onto fields and the error summary is skipped.
   */
  onRefusal?: (failure: TActionFailure, values: TValues) => boolean;
};

/**
 * A react-hook-form form bound to a server action: submit → check with the schema → call the
 * action → map field errors back (useActionErrors) → `onSuccess`. What the user typed stays in
 * the form whatever the server answers.
 */
export function useActionForm<TValues extends FieldValues, TData>({ schema, defaultValues, prepare, action, onSuccess, onRefusal }: TActionFormOptions<TValues, TData>) {
  const check: Resolver<TValues, unknown, TValues> = zodResolver(schema, undefined, { raw: true });
  const resolver: Resolver<TValues, unknown, TValues> = prepare ? (values, context, options) => check(prepare(values), context, options) : check;
  const form = useForm<TValues, unknown, TValues>({ resolver, defaultValues });
  const actionErrors = useActionErrors(form);

  /** A submit handler that sends through `send` — the action, or a variant such as "save anyway". */
  const submitWith = (send: TSend<TValues, TData>) =>
    form.handleSubmit(async (values) => {
      const result = await send(values);
      if (result.ok) {
        actionErrors.setFormError(null);
        await onSuccess?.(result.data, values);
        return;
      }
      if (onRefusal?.(result, values)) {
        actionErrors.setFormError(null);
        return;
      }
      actionErrors.apply(result);
    });

  return {
    form,
    errors: form.formState.errors,
    submitting: form.formState.isSubmitting,
    onSubmit: submitWith(action),
    submitWith,
    ...actionErrors,
  };
}
