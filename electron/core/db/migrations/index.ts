import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-shipment-search';
import { migration0030 } from './0030-flashamericas-details';
import { migration0040 } from './0040-list-indexes';
import { migration0050 } from './0050-orders';
import { migration0060 } from './0060-print-job-documents';
import { migration0070 } from './0070-waves';
import { migration0090 } from './0090-packers';
import { migration0100 } from './0100-warehouse-stations';
import { migration0110 } from './0110-audit-log';
import { migration0120 } from './0120-bulk-tag-counts';
import { migration0130 } from './0130-list-sorts';
import { migration0140 } from './0140-label-standing';
import { migration0150 } from './0150-sort-index-only';
import { migration0160 } from './0160-site-changes';
import { migration0170 } from './0170-site-tag-notify-station';
import { migration0180 } from './0180-active-tag-index';
import { migration0190 } from './0190-search-text';
import type { Migration } from './types';

/** Every schema step, oldest first. Versions go up in steps of 10 so a hotfix can slot in between. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0090,
  migration0100,
  migration0110,
  migration0120,
  migration0130,
  migration0140,
  migration0150,
  migration0160,
  migration0170,
  migration0180,
  migration0190,
];
