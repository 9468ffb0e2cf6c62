import { z } from 'zod';

/** A courier enabled for the account (GET /couriers): `code` goes into the request's `courier`. */
export const CourierOptionSchema = z.object({ code: z.string(), name: z.string() });
export type CourierOption = z.infer<typeof CourierOptionSchema>;

/** A shipping product (GET /products): `code` goes into `service.productCode`. */
export const ProductOptionSchema = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  courier: z.string(),
});
export type ProductOption = z.infer<typeof ProductOptionSchema>;

/** Without a courier: the products of every courier the account has. */
export const ProductQuerySchema = z
  .object({ courier: z.string().trim().min(1).max(50).optional() })
  .strict()
  .default({});
