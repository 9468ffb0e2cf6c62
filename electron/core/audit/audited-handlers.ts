/**
 * Audit entries for contract entries whose own code does not record them:
 * print profiles saved or removed, the station defaults changed, a wave
 * cancelled. Written once the handler succeeded (a refused change changed
 * nothing, so there is nothing to answer for).
 */
import type { Handlers } from '../invoke';
import type { AuditEvent, AuditRecorder } from './audit-log';

type Describers = {
  [C in keyof Handlers]?: (args: Parameters<Handlers[C]>[0], result: Awaited<ReturnType<Handlers[C]>>) => AuditEvent | null;
};

const DESCRIBERS: Describers = {
  'printProfiles:save': ({ profile, makeDefault }) => ({
    action: 'setting-change',
    reason: 'print-profiles',
    detail: `print profile ${profile.id ? 'changed' : 'added'}: ${profile.name}${makeDefault ? ' (made the default)' : ''}`,
  }),
  'printProfiles:delete': ({ profileId }) => ({
    action: 'setting-change',
    reason: 'print-profiles',
    detail: `print profile removed: ${profileId}`,
  }),
  'stationDefaults:update': (patch) => ({
    action: 'setting-change',
    reason: 'station-defaults',
    detail: `station defaults changed: ${Object.keys(patch).join(', ')}`,
  }),
  'waves:cancel': (_args, wave) => ({
    action: 'cancellation',
    reason: 'wave',
    detail: `wave ${wave.id} cancelled: ${wave.counts.done} labelled, ${wave.counts.remaining} left without a label`,
  }),
};

export function withAudit(handlers: Handlers, audit: AuditRecorder): Handlers {
  const out: Record<string, unknown> = { ...handlers };
  for (const [channel, describe] of Object.entries(DESCRIBERS) as [keyof Handlers, (a: unknown, r: unknown) => AuditEvent | null][]) {
    const inner = handlers[channel] as (args: unknown) => Promise<unknown>;
    out[channel] = async (args: unknown) => {
      const result = await inner(args);
      const event = describe(args, result);
      if (event) await audit.record(event);
      return result;
    };
  }
  return out as Handlers;
}
