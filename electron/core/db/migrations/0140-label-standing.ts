import { execScript } from '../types';
import type { Migration } from './types';

/**
 * Where a shipment stands in the list, beside its tracking tag (issue 11):
 * - `needs_action`: its current label was refused (failed, invalid) or did not
 *   print (print_failed); the packer has something to do, so it is not Pending;
 * - `voided`: the packer marked its label void here (a label made by mistake).
 *   Flex Forward has no cancel, so who, why and when are kept with the row,
 *   and the courier must be told separately;
 * - `active`: everything else, counted under its tag.
 *
 * `standing` follows the current label by trigger (any path that changes a
 * label's state moves it, so no writer can forget), except that a voided
 * shipment stays voided. The per-tag counts (0040, 0120) are now kept per list
 * key: the tag for an active shipment, `standing:needs_action` and
 * `standing:voided` otherwise, so the chips' counts never include a voided
 * label or a refused one under Pending.
 */
const NEEDS_ACTION_STATES = `('failed', 'invalid', 'print_failed')`;
const KEY = (row: 'new' | 'old' | 'NEW' | 'OLD') =>
  `CASE WHEN ${row}.standing = 'active' THEN ${row}.tag ELSE 'standing:' || ${row}.standing END`;

const COLUMNS = (epoch: string) => `
      ALTER TABLE shipments ADD COLUMN standing TEXT NOT NULL DEFAULT 'active' CHECK (standing IN ('active', 'needs_action', 'voided'));
      ALTER TABLE shipments ADD COLUMN voided_at ${epoch};
      ALTER TABLE shipments ADD COLUMN void_reason TEXT;
      ALTER TABLE shipments ADD COLUMN void_note TEXT;
      ALTER TABLE shipments ADD COLUMN voided_by TEXT;
      UPDATE shipments SET standing = 'needs_action' WHERE EXISTS (
        SELECT 1 FROM labels l WHERE l.shipment_id = shipments.id AND l.attempt = shipments.current_attempt AND l.state IN ${NEEDS_ACTION_STATES});
      CREATE INDEX shipments_standing_activity ON shipments (standing, activity_at, id);
      DELETE FROM shipment_tag_counts;
      INSERT INTO shipment_tag_counts (tag, n) SELECT ${KEY('shipments' as 'new')}, COUNT(*) FROM shipments GROUP BY 1;
`;

export const migration0140: Migration = {
  version: 140,
  name: 'label-standing',
  up: {
    sqlite: (tx) =>
      execScript(
        tx,
        `
      ${COLUMNS('INTEGER')}
      DROP TRIGGER shipment_tag_counts_insert;
      DROP TRIGGER shipment_tag_counts_delete;
      DROP TRIGGER shipment_tag_counts_update;
      CREATE TRIGGER shipment_tag_counts_insert AFTER INSERT ON shipments BEGIN
        INSERT INTO shipment_tag_counts (tag, n) VALUES (${KEY('new')}, 1) ON CONFLICT (tag) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER shipment_tag_counts_delete AFTER DELETE ON shipments BEGIN
        UPDATE shipment_tag_counts SET n = n - 1 WHERE tag = ${KEY('old')};
      END;
      CREATE TRIGGER shipment_tag_counts_update AFTER UPDATE OF tag, standing ON shipments
        WHEN ${KEY('old')} IS NOT ${KEY('new')} BEGIN
        UPDATE shipment_tag_counts SET n = n - 1 WHERE tag = ${KEY('old')};
        INSERT INTO shipment_tag_counts (tag, n) VALUES (${KEY('new')}, 1) ON CONFLICT (tag) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER labels_standing_insert AFTER INSERT ON labels BEGIN
        UPDATE shipments SET standing = CASE WHEN new.state IN ${NEEDS_ACTION_STATES} THEN 'needs_action' ELSE 'active' END
          WHERE id = new.shipment_id AND standing <> 'voided' AND (current_attempt IS NULL OR current_attempt <= new.attempt);
      END;
      CREATE TRIGGER labels_standing_update AFTER UPDATE OF state ON labels BEGIN
        UPDATE shipments SET standing = CASE WHEN new.state IN ${NEEDS_ACTION_STATES} THEN 'needs_action' ELSE 'active' END
          WHERE id = new.shipment_id AND standing <> 'voided' AND (current_attempt IS NULL OR current_attempt <= new.attempt);
      END;
    `,
      ),
    postgres: (tx) =>
      execScript(
        tx,
        `
      ${COLUMNS('BIGINT')}
      -- Inserts and deletes are counted per statement (0120); now per list key.
      CREATE OR REPLACE FUNCTION shipment_tag_counts_add_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO shipment_tag_counts (tag, n)
          SELECT k, COUNT(*) FROM (SELECT ${KEY('shipment_rows_added' as 'NEW')} AS k FROM shipment_rows_added) added GROUP BY k ORDER BY k
          ON CONFLICT (tag) DO UPDATE SET n = shipment_tag_counts.n + EXCLUDED.n;
        RETURN NULL;
      END
      $$;
      CREATE OR REPLACE FUNCTION shipment_tag_counts_remove_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE shipment_tag_counts c SET n = c.n - gone.n
          FROM (SELECT k, COUNT(*) AS n FROM (SELECT ${KEY('shipment_rows_removed' as 'OLD')} AS k FROM shipment_rows_removed) removed GROUP BY k) gone
          WHERE c.tag = gone.k;
        RETURN NULL;
      END
      $$;
      DROP TRIGGER shipment_tag_counts_update ON shipments;
      CREATE OR REPLACE FUNCTION shipment_tag_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_key TEXT;
        new_key TEXT;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_key := ${KEY('OLD')}; END IF;
        IF TG_OP <> 'DELETE' THEN new_key := ${KEY('NEW')}; END IF;
        IF TG_OP = 'INSERT' THEN
          INSERT INTO shipment_tag_counts (tag, n) VALUES (new_key, 1)
            ON CONFLICT (tag) DO UPDATE SET n = shipment_tag_counts.n + 1;
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE shipment_tag_counts SET n = n - 1 WHERE tag = old_key;
        ELSE
          INSERT INTO shipment_tag_counts (tag, n) VALUES (new_key, 0) ON CONFLICT (tag) DO NOTHING;
          -- Both rows in one UPDATE, in key order (0040): two stations moving rows in opposite directions never deadlock.
          UPDATE shipment_tag_counts SET n = n + CASE WHEN tag = new_key THEN 1 ELSE -1 END
            WHERE tag IN (old_key, new_key);
        END IF;
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER shipment_tag_counts_update AFTER UPDATE OF tag, standing ON shipments
        FOR EACH ROW WHEN ((${KEY('OLD')}) IS DISTINCT FROM (${KEY('NEW')})) EXECUTE FUNCTION shipment_tag_counts_follow();
      CREATE FUNCTION labels_standing_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE shipments SET standing = CASE WHEN NEW.state IN ${NEEDS_ACTION_STATES} THEN 'needs_action' ELSE 'active' END
          WHERE id = NEW.shipment_id AND standing <> 'voided' AND (current_attempt IS NULL OR current_attempt <= NEW.attempt)
            AND standing IS DISTINCT FROM (CASE WHEN NEW.state IN ${NEEDS_ACTION_STATES} THEN 'needs_action' ELSE 'active' END);
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER labels_standing_insert AFTER INSERT ON labels FOR EACH ROW EXECUTE FUNCTION labels_standing_follow();
      CREATE TRIGGER labels_standing_update AFTER UPDATE OF state ON labels
        FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION labels_standing_follow();
    `,
      ),
  },
};
