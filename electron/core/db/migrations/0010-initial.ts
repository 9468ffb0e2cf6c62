import { execScript } from '../types';
import type { Migration } from './types';

/**
 * The first schema. Times are epoch milliseconds (INTEGER) so comparisons and
 * indexes are cheap; the contract turns them into ISO strings.
 *
 * `shipments` is the list's row: one per parcel the station knows, whatever the
 * provider (labels made here, or shipments tracked from Flash Americas later).
 * It carries a copy of the current tag and the last activity time so that the
 * list's page, filter and sort are served by one index at 100,000 rows; the
 * tracking queries update that copy in the same transaction as `tracking`.
 *
 * PostgreSQL: the same tables and columns. Times and ids are BIGINT (read
 * back as numbers, see postgres.ts), documents BYTEA, generated ids identity
 * columns; types are enforced there anyway (SQLite needs STRICT for it).
 * Shipment ids sort bytewise (COLLATE "C"), as in SQLite, whatever the
 * database's locale: the list breaks ties by id, and C comparisons are the
 * cheapest.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'initial',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE shipments (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL CHECK (provider IN ('flexforward', 'flashamericas')),
        -- The provider's id for the shipment (the Flex Forward label UUID); NULL until created.
        remote_id TEXT,
        tracking_number TEXT,
        order_number TEXT,
        recipient_name TEXT,
        destination TEXT,
        tag TEXT NOT NULL DEFAULT 'Pending',
        -- Which label attempt is current (labels.attempt); NULL for tracked-only shipments.
        current_attempt INTEGER,
        created_at INTEGER NOT NULL,
        activity_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX shipments_remote ON shipments (provider, remote_id) WHERE remote_id IS NOT NULL;
      CREATE INDEX shipments_activity ON shipments (activity_at DESC, id);
      CREATE INDEX shipments_tag_activity ON shipments (tag, activity_at DESC, id);

      CREATE TABLE labels (
        shipment_id TEXT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        -- 1 for the first POST; a deliberate retry of a rejected label is attempt 2, 3, … with its own key.
        attempt INTEGER NOT NULL CHECK (attempt >= 1),
        idempotency_key TEXT NOT NULL UNIQUE,
        -- The create-label body exactly as sent (JSON), key included.
        request_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('submitting', 'created', 'failed', 'invalid', 'document_ready', 'printed', 'print_failed', 'tracked')),
        label_id TEXT,
        courier_order_number TEXT,
        courier_tracking_number TEXT,
        error_code TEXT,
        error_message TEXT,
        -- 400 field errors as JSON [{field, message}].
        field_errors_json TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (shipment_id, attempt)
      ) STRICT;
      CREATE INDEX labels_unfinished ON labels (state) WHERE state IN ('submitting', 'created', 'document_ready');

      CREATE TABLE documents (
        shipment_id TEXT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('pdf', 'png')),
        url TEXT NOT NULL,
        -- Small documents live in the row; large ones in a file beside the database (file_name).
        bytes BLOB,
        file_name TEXT,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (shipment_id, attempt),
        CHECK ((bytes IS NULL) <> (file_name IS NULL))
      ) STRICT;

      CREATE TABLE tracking (
        shipment_id TEXT PRIMARY KEY REFERENCES shipments (id) ON DELETE CASCADE,
        provider TEXT NOT NULL CHECK (provider IN ('flexforward', 'flashamericas')),
        tag TEXT NOT NULL,
        subtag TEXT,
        subtag_message TEXT,
        last_checkpoint_at INTEGER,
        -- Last time anything new was learnt (tag change or new checkpoint); 30 days without news stops polling.
        last_news_at INTEGER NOT NULL,
        last_polled_at INTEGER,
        -- NULL when polling has stopped (stopped_reason says why).
        next_poll_at INTEGER,
        failure_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        stopped_reason TEXT CHECK (stopped_reason IN ('terminal', 'stale', 'not_found')),
        CHECK ((next_poll_at IS NULL) = (stopped_reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX tracking_due ON tracking (next_poll_at) WHERE next_poll_at IS NOT NULL;

      CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        shipment_id TEXT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        checkpoint_at INTEGER NOT NULL,
        tag TEXT NOT NULL,
        subtag TEXT,
        message TEXT NOT NULL,
        location TEXT,
        city TEXT,
        state TEXT,
        country TEXT,
        UNIQUE (shipment_id, checkpoint_at, tag, message)
      ) STRICT;

      CREATE TABLE status_history (
        id INTEGER PRIMARY KEY,
        shipment_id TEXT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        from_tag TEXT,
        to_tag TEXT NOT NULL,
        subtag_message TEXT,
        changed_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX status_history_shipment ON status_history (shipment_id, changed_at);

      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        shipment_id TEXT NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('auto', 'reprint')),
        -- 'pending' is written before the printer is asked, so a crash mid-print is visible afterwards.
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'printed', 'failed', 'interrupted')),
        printer TEXT,
        error TEXT,
        requested_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX print_jobs_shipment ON print_jobs (shipment_id, requested_at);
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      CREATE TABLE shipments (
        id TEXT COLLATE "C" PRIMARY KEY,
        provider TEXT NOT NULL CHECK (provider IN ('flexforward', 'flashamericas')),
        remote_id TEXT,
        tracking_number TEXT,
        order_number TEXT,
        recipient_name TEXT,
        destination TEXT,
        tag TEXT NOT NULL DEFAULT 'Pending',
        current_attempt INTEGER,
        created_at BIGINT NOT NULL,
        activity_at BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX shipments_remote ON shipments (provider, remote_id) WHERE remote_id IS NOT NULL;
      CREATE INDEX shipments_activity ON shipments (activity_at DESC, id);
      CREATE INDEX shipments_tag_activity ON shipments (tag, activity_at DESC, id);

      CREATE TABLE labels (
        shipment_id TEXT COLLATE "C" NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL CHECK (attempt >= 1),
        idempotency_key TEXT NOT NULL UNIQUE,
        request_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('submitting', 'created', 'failed', 'invalid', 'document_ready', 'printed', 'print_failed', 'tracked')),
        label_id TEXT,
        courier_order_number TEXT,
        courier_tracking_number TEXT,
        error_code TEXT,
        error_message TEXT,
        field_errors_json TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (shipment_id, attempt)
      );
      CREATE INDEX labels_unfinished ON labels (state) WHERE state IN ('submitting', 'created', 'document_ready');

      CREATE TABLE documents (
        shipment_id TEXT COLLATE "C" NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('pdf', 'png')),
        url TEXT NOT NULL,
        -- Always in the row here, whatever the size (every station reads it); file_name stays for SQLite's shape.
        bytes BYTEA,
        file_name TEXT,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        fetched_at BIGINT NOT NULL,
        PRIMARY KEY (shipment_id, attempt),
        CHECK ((bytes IS NULL) <> (file_name IS NULL))
      );

      CREATE TABLE tracking (
        shipment_id TEXT COLLATE "C" PRIMARY KEY REFERENCES shipments (id) ON DELETE CASCADE,
        provider TEXT NOT NULL CHECK (provider IN ('flexforward', 'flashamericas')),
        tag TEXT NOT NULL,
        subtag TEXT,
        subtag_message TEXT,
        last_checkpoint_at BIGINT,
        last_news_at BIGINT NOT NULL,
        last_polled_at BIGINT,
        next_poll_at BIGINT,
        failure_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        stopped_reason TEXT CHECK (stopped_reason IN ('terminal', 'stale', 'not_found')),
        CHECK ((next_poll_at IS NULL) = (stopped_reason IS NOT NULL))
      );
      CREATE INDEX tracking_due ON tracking (next_poll_at) WHERE next_poll_at IS NOT NULL;

      CREATE TABLE checkpoints (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        shipment_id TEXT COLLATE "C" NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        checkpoint_at BIGINT NOT NULL,
        tag TEXT NOT NULL,
        subtag TEXT,
        message TEXT NOT NULL,
        location TEXT,
        city TEXT,
        state TEXT,
        country TEXT,
        UNIQUE (shipment_id, checkpoint_at, tag, message)
      );

      CREATE TABLE status_history (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        shipment_id TEXT COLLATE "C" NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        from_tag TEXT,
        to_tag TEXT NOT NULL,
        subtag_message TEXT,
        changed_at BIGINT NOT NULL
      );
      CREATE INDEX status_history_shipment ON status_history (shipment_id, changed_at);

      CREATE TABLE print_jobs (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        shipment_id TEXT COLLATE "C" NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('auto', 'reprint')),
        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'printed', 'failed', 'interrupted')),
        printer TEXT,
        error TEXT,
        requested_at BIGINT NOT NULL,
        finished_at BIGINT
      );
      CREATE INDEX print_jobs_shipment ON print_jobs (shipment_id, requested_at);
    `,
      ),
  },
};
