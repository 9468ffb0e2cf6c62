import { execScript } from '../types';
import type { Migration } from './types';

/**
 * The audit log (issue 13): who did what, when, at which station. One row per
 * event (an import, a label created, a print or reprint and why, a void, a
 * retry, a cancellation, a setting changed, a shift started), with the packer
 * on duty and the station's name as they were then (a later rename does not
 * rewrite history), and the order and shipment it is about.
 *
 * Append-only: no query module updates or deletes a row, and the database
 * refuses it too. SQLite: triggers that abort UPDATE and DELETE. PostgreSQL:
 * a trigger that raises on UPDATE, DELETE and TRUNCATE (an owner could drop
 * it, but no station statement does, and an accident cannot).
 *
 * No foreign keys: an entry outlives what it names.
 */
const REFUSED = 'the audit log is append-only: entries are never changed or removed';

export const migration0110: Migration = {
  version: 110,
  name: 'audit-log',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        station TEXT NOT NULL,
        packer_id TEXT,
        packer_name TEXT,
        action TEXT NOT NULL,
        order_id TEXT,
        order_number TEXT,
        shipment_id TEXT,
        tracking_number TEXT,
        reason TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at, id);
      CREATE INDEX audit_log_order ON audit_log (order_id, at) WHERE order_id IS NOT NULL;
      CREATE INDEX audit_log_shipment ON audit_log (shipment_id, at) WHERE shipment_id IS NOT NULL;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '${REFUSED}'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '${REFUSED}'); END;
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        station TEXT NOT NULL,
        packer_id TEXT COLLATE "C",
        packer_name TEXT,
        action TEXT COLLATE "C" NOT NULL,
        order_id TEXT COLLATE "C",
        order_number TEXT,
        shipment_id TEXT COLLATE "C",
        tracking_number TEXT,
        reason TEXT,
        detail TEXT
      );
      CREATE INDEX audit_log_at ON audit_log (at, id);
      CREATE INDEX audit_log_order ON audit_log (order_id, at) WHERE order_id IS NOT NULL;
      CREATE INDEX audit_log_shipment ON audit_log (shipment_id, at) WHERE shipment_id IS NOT NULL;
      CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '${REFUSED}' USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
    `,
      ),
  },
};
