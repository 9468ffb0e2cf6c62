import type { Language } from '../../../shared/domain/settings';
import type { AuditLog } from '../audit/audit-log';
import type { Handlers } from '../invoke';

export interface AuditHandlerDeps {
  log: AuditLog;
  language: () => Language;
}

export function auditHandlers({ log, language }: AuditHandlerDeps): Pick<Handlers, 'audit:list' | 'audit:export'> {
  return {
    'audit:list': (q) => log.list(q),
    'audit:export': async ({ from, to }) => {
      const { csv, entries } = await log.exportCsv({ from, to }, language());
      const day = (iso: string) => iso.slice(0, 10);
      return { fileName: `audit-${day(from)}-${day(to)}.csv`, csv, entries };
    },
  };
}
