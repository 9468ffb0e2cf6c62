/**
 * Moving a station in (issue 15): the report of copying a station's SQLite
 * history into the warehouse database (electron/core/warehouse/move-in.ts),
 * as the Settings button and the command show it.
 */
import { z } from 'zod';

export const MoveInTableSchema = z
  .object({
    table: z.string(),
    /** Rows in the station's file. */
    found: z.number().int().nonnegative(),
    copied: z.number().int().nonnegative(),
    /** Already in the warehouse with the same values (moved in before). */
    alreadyThere: z.number().int().nonnegative(),
    /** In the warehouse with other values: the warehouse's kept (it is the newer). */
    keptWarehouse: z.number().int().nonnegative(),
    /** Not copied: another row holds one of its unique values, or the row it belongs to was not copied. */
    conflicts: z.number().int().nonnegative(),
  })
  .strict();

export const MoveInConflictSchema = z
  .object({
    table: z.string(),
    key: z.record(z.string(), z.union([z.string(), z.number()])),
    reason: z.string(),
  })
  .strict();

export const UnfinishedLabelSchema = z
  .object({
    shipmentId: z.string(),
    attempt: z.number().int().positive(),
    state: z.string(),
    orderNumber: z.string().nullable(),
    reason: z.string(),
  })
  .strict();

export const MoveInReportSchema = z
  .object({
    /** False when unfinished labels stopped the move: nothing was copied. */
    moved: z.boolean(),
    labels: z
      .object({
        found: z.number().int().nonnegative(),
        /** Bought and fetched but not printed: marked for a reprint, which any station can do. */
        leftForReprint: z.number().int().nonnegative(),
        unfinished: z.array(UnfinishedLabelSchema),
      })
      .strict(),
    tables: z.array(MoveInTableSchema),
    /** The first conflicts one by one (the table counts cover them all). */
    conflicts: z.array(MoveInConflictSchema),
    /** Tables of the station's file this app does not know: not copied. */
    unknownTables: z.array(z.string()),
    durationMs: z.number().nonnegative(),
  })
  .strict();
export type MoveInReport = z.infer<typeof MoveInReportSchema>;
