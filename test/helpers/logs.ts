import { createLoggerFactory, type LogRecord, type LoggerFactory } from '../../electron/core/util/log';

/** A logger factory that keeps every record, for assertions on what was logged. */
export function recordingLogger(secrets: () => readonly string[] = () => []): { factory: LoggerFactory; records: LogRecord[] } {
  const records: LogRecord[] = [];
  return { factory: createLoggerFactory({ sink: (r) => records.push(r), minLevel: 'debug', secrets }), records };
}
