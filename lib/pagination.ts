import { z } from "zod";

export const PAGE_SIZE_MAX = 100;

export const ZPageInput = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(25),
});
export type TPageInput = z.infer<typeof ZPageInput>;

export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

export function toSkipTake({ page, pageSize }: TPageInput) {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

export function toPage<T>(items: T[], total: number, { page, pageSize }: TPageInput): TPage<T> {
  return { items, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
