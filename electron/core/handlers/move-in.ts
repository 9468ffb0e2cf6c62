/**
 * `warehouse:moveIn`, the Settings button that moves this station into the
 * warehouse database (electron/core/warehouse/move-in.ts; the command line
 * does the same: npm run warehouse:move-in).
 *
 * - The station still on its SQLite file: that file is the history, and the
 *   station's own workflow finishes its unfinished labels (printing them at
 *   this bench, as a restart would); the warehouse database is opened for the
 *   copy and closed again.
 * - The station already in warehouse mode: its SQLite file in the data folder
 *   is opened beside it, and a label bought and fetched there is left for a
 *   reprint (this station now prints from the warehouse).
 * One move at a time; the report says what was copied, already there, kept
 * and in conflict.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StationFailure } from '../../../shared/result';
import { DB_FILE_NAME, openShipmentDb, type StationDb } from '../db/open';
import { openWarehouseDb } from '../db/open-warehouse';
import type { WarehouseConnection } from '../db/postgres';
import type { Handlers } from '../invoke';
import type { LabelApi } from '../labels/ports';
import { LabelWorkflow } from '../labels/workflow';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import { moveStationIn } from '../warehouse/move-in';

export interface MoveInHandlerDeps {
  dataDir: string;
  /** The station's open database (SQLite, or the warehouse in warehouse mode). */
  current: StationDb;
  /** The station's label workflow over `current`. */
  workflow: Pick<LabelWorkflow, 'resumeAll'>;
  api: () => LabelApi;
  /** The warehouse database from Settings or the environment; null when none is set. */
  warehouse: () => WarehouseConnection | null;
  clock: Clock;
  logger: Logger;
}

export function moveInHandlers(deps: MoveInHandlerDeps): Pick<Handlers, 'warehouse:moveIn'> {
  let running = false;
  return {
    'warehouse:moveIn': async () => {
      const connection = deps.warehouse();
      if (!connection) {
        throw new StationFailure('UNAVAILABLE', 'Set the warehouse database in Settings first, then move this station in.');
      }
      if (running) throw new StationFailure('CONFLICT', 'This station is already being moved in: wait for its report.');
      running = true;
      const opened: StationDb[] = [];
      const idle: LabelWorkflow[] = [];
      try {
        let source = deps.current;
        let workflow = deps.workflow;
        if (deps.current.dialect !== 'sqlite') {
          if (!existsSync(join(deps.dataDir, DB_FILE_NAME))) {
            throw new StationFailure(
              'NOT_FOUND',
              `This station has no history of its own to move in (no ${DB_FILE_NAME} in ${deps.dataDir}).`,
            );
          }
          source = await openShipmentDb(deps.dataDir);
          opened.push(source);
          const own = new LabelWorkflow({
            db: source.db,
            documentsDir: source.documentsDir,
            api: deps.api(),
            printer: { print: async () => ({ ok: false, printer: null, message: 'not printed by the move-in' }) },
            clock: deps.clock,
            logger: deps.logger,
            autoPrint: () => false,
          });
          idle.push(own);
          workflow = own;
        }
        let target = deps.current;
        if (deps.current.dialect !== 'postgres') {
          target = await openWarehouseDb(connection, { logger: deps.logger });
          opened.push(target);
        }
        return await moveStationIn({ source, target, workflow, clock: deps.clock, logger: deps.logger });
      } finally {
        for (const w of idle) await w.stop();
        for (const db of opened.reverse()) await db.close();
        running = false;
      }
    },
  };
}
