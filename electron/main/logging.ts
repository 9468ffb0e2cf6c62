/**
 * The app's log file, through electron-log: one file in the OS log folder,
 * rotated by size with a few numbered archives, every line redacted. Our
 * logger factory (core/util/log) redacts before a record reaches the sink;
 * the electron-log hook redacts again so that anything electron-log writes on
 * its own (an uncaught error it catches, a console line) is covered as well.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { MainLogger, LogMessage } from 'electron-log';
import { createLoggerFactory, redact, type LoggerFactory, type LogRecord, type LogSink } from '../core/util/log';

/** One file is enough for a shift of 800 labels at info level; five keep about a week. */
export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_ARCHIVES_KEPT = 5;
export const LOG_FILE_NAME = 'main.log';

/** main.log → main.1.log → … → main.N.log; the oldest falls off. Synchronous, as electron-log requires. */
export function rotateArchives(current: string, keep: number = LOG_ARCHIVES_KEPT): void {
  const { dir, name, ext } = parse(current);
  const archive = (n: number): string => join(dir, `${name}.${n}${ext}`);
  rmSync(archive(keep), { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) if (existsSync(archive(n))) renameSync(archive(n), archive(n + 1));
  renameSync(current, archive(1));
}

export function electronLogSink(log: Pick<MainLogger, 'scope'>): LogSink {
  return (record: LogRecord) => {
    const line = record.context ? [record.message, record.context] : [record.message];
    log.scope(record.scope)[record.level](...line);
  };
}

export interface AppLogging {
  logger: LoggerFactory;
  logsFolder(): string;
}

/**
 * Configures electron-log (the instance is passed in so tests can hand in a
 * fake) and returns the factory every module takes its named logger from.
 */
export function setUpLogging(log: MainLogger, secrets: () => readonly string[]): AppLogging {
  log.transports.file.fileName = LOG_FILE_NAME;
  log.transports.file.maxSize = LOG_FILE_MAX_BYTES;
  log.transports.file.archiveLogFn = (file) => rotateArchives(file.path);
  log.transports.file.level = 'info';
  log.transports.console.level = process.env.NODE_ENV === 'development' ? 'debug' : 'warn';
  log.hooks.push((message: LogMessage) => ({ ...message, data: message.data.map((d) => redact(d, secrets())) }));
  return {
    logger: createLoggerFactory({ sink: electronLogSink(log), secrets }),
    logsFolder: () => dirname(log.transports.file.getFile().path),
  };
}
