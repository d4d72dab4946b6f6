"use client";

import { RouteError, type TErrorBoundaryProps } from "@/components/errors/route-error";

/** A page of the signed-in area failed: the error shows inside the app shell, whose menu stays usable. */
export default function AppError(props: TErrorBoundaryProps) {
  return <RouteError {...props} home="/dashboard" />;
}
