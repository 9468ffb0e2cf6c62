import type { z } from 'zod';
import { contract, type Channel, type ParsedArgs, type Value } from '../../shared/contract';
import { err, ok, StationFailure, type FieldError, type Result } from '../../shared/result';
import type { Logger } from './util/log';

/** Every contract entry's implementation. Missing one is a type error. */
export type Handlers = { [C in Channel]: (args: ParsedArgs<C>) => Promise<Value<C>> };

function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((i) =>
    // One field per unknown key, named where it is, so the caller sees what to remove.
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ field: [...i.path, key].map(String).join('.'), message: 'Unknown field: remove it or check its name.' }))
      : [{ field: i.path.map(String).join('.'), message: i.message }],
  );
}

/**
 * The single entry point for a contract call, shared by IPC and browser mode:
 * unknown channel and malformed arguments are refused before any handler runs,
 * and nothing thrown escapes as anything but a Result.
 */
export async function invoke(handlers: Handlers, channel: string, rawArgs: unknown, logger: Logger): Promise<Result<unknown>> {
  if (!isChannel(channel)) return err('INVALID_ARGUMENT', `Unknown call "${channel}".`);
  const entry = contract[channel];
  const parsed = entry.args.safeParse(rawArgs);
  if (!parsed.success) {
    const fields = issuesToFields(parsed.error.issues);
    const where = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ');
    return err('INVALID_ARGUMENT', `Invalid arguments for ${channel}: ${where}`, fields);
  }
  try {
    const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = entry.result.safeParse(value);
    if (!checked.success) {
      logger.error('handler returned a value outside the contract', { channel, issues: checked.error.issues.slice(0, 5) });
      return err('INTERNAL', 'The station produced an unexpected answer. The details are in the log.');
    }
    return ok(checked.data);
  } catch (e) {
    if (e instanceof StationFailure) return err(e.code, e.message, e.fields, e.existing);
    logger.error('handler failed', { channel, error: e });
    return err('INTERNAL', 'Something went wrong inside the station. The details are in the log.');
  }
}
