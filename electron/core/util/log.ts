/**
 * One named logger per module. Sinks are injected (console in plain Node and
 * tests, electron-log in the app); every line passes through `redact` first so
 * an API token can never reach a log file.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  scope: string;
  message: string;
  context?: LogContext;
}

export type LogSink = (record: LogRecord) => void;
export type LoggerFactory = (scope: string) => Logger;

const SECRET_KEYS = /^(authorization|token|apitoken|api_token|apikey|x-rr-apitoken|x-rr-apikey|password|secret)$/i;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;

/** Replaces known secrets and anything that looks like one (Bearer values, secret-named keys). */
export function redact(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') {
    let out = value.replace(BEARER, '$1 [redacted]');
    for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
    return out;
  }
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, secrets, depth + 1), stack: redact(value.stack ?? '', secrets, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, secrets, depth + 1);
  return out;
}

export interface LoggerFactoryOptions {
  sink: LogSink;
  minLevel?: LogLevel;
  /** Current secrets to scrub (read on every line, so a token set later is covered). */
  secrets?: () => readonly string[];
  now?: () => Date;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLoggerFactory(options: LoggerFactoryOptions): LoggerFactory {
  const min = LEVEL_ORDER[options.minLevel ?? 'info'];
  const now = options.now ?? (() => new Date());
  return (scope) => {
    const write = (level: LogLevel) => (message: string, context?: LogContext) => {
      if (LEVEL_ORDER[level] < min) return;
      const secrets = options.secrets?.() ?? [];
      const record: LogRecord = { time: now().toISOString(), level, scope, message: redact(message, secrets) as string };
      if (context) record.context = redact(context, secrets) as LogContext;
      options.sink(record);
    };
    return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
  };
}

export const consoleSink: LogSink = (r) => {
  const line = `${r.time} ${r.level.toUpperCase()} [${r.scope}] ${r.message}${r.context ? ' ' + JSON.stringify(r.context) : ''}`;
  (r.level === 'error' ? console.error : r.level === 'warn' ? console.warn : console.log)(line);
};

/** For tests and tools that want silence. */
export const silentLoggerFactory: LoggerFactory = createLoggerFactory({ sink: () => undefined });
