/**
 * The contract surface (design rule 15): every channel and the shape of its
 * arguments, snapshotted, so a new or changed entry shows up in review. When
 * you add or change an entry on purpose, update the snapshot
 * (`npx vitest run -u test/unit/contract-surface.test.ts`) and commit it.
 *
 * And the rule every entry keeps: arguments are strict at every nesting
 * level (an unknown key is refused, with its path), while the settings file,
 * read through the same domain schemas, stays tolerant of older versions.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, contract } from '../../shared/contract';
import { boundedLeaves, MAX_CONTRACT_STRING_CHARS, objectNodes } from '../../shared/strict-schema';
import { invoke } from '../../electron/core/invoke';
import { loadSettings } from '../../electron/core/settings/document';
import { SETTINGS_SCHEMA_VERSION } from '../../electron/core/settings/migrations';
import { defaultSettings } from '../../electron/core/settings/types';
import { silentLoggerFactory } from '../../electron/core/util/log';
import { DEFAULT_PRINT_PROFILE } from '../../shared/domain/printing';
import { DEFAULT_NOTIFY_TAGS } from '../../shared/domain/settings';
import { stubHandlers } from '../helpers/handlers';

type Def = { type: string } & Record<string, unknown>;

/** A TypeScript-like one-line picture of what a schema accepts (input side). */
function shapeOf(schema: z.ZodType): string {
  const def = schema._zod.def as unknown as Def;
  const inner = (key: string) => shapeOf(def[key] as z.ZodType);
  switch (def.type) {
    case 'object': {
      const fields = Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => {
        const optional = (value._zod as { optin?: string }).optin === 'optional';
        return `${key}${optional ? '?' : ''}: ${shapeOf(value)}`;
      });
      const strict = (def.catchall as z.ZodType | undefined)?._zod.def.type === 'never';
      return `${strict ? '' : 'loose '}{ ${fields.join('; ')} }`;
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return inner('innerType');
    case 'nullable':
      return `${inner('innerType')} | null`;
    case 'array':
      return `Array<${inner('element')}>`;
    case 'union':
      return (def.options as z.ZodType[]).map(shapeOf).join(' | ');
    case 'pipe':
      return inner('in');
    case 'enum':
      return Object.values(def.entries as Record<string, string>)
        .map((v) => JSON.stringify(v))
        .join(' | ');
    case 'literal':
      return (def.values as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
    case 'record':
      return `Record<${inner('keyType')}, ${inner('valueType')}>`;
    case 'void':
      return 'void';
    default:
      return def.type;
  }
}

describe('contract surface', () => {
  it('channels and argument shapes are as reviewed', () => {
    const surface = Object.fromEntries(CHANNELS.map((channel) => [channel, shapeOf(contract[channel].args as z.ZodType)]));
    expect(surface).toMatchSnapshot();
  });

  it('every object in every entry’s arguments, at every nesting level, refuses an unknown key', () => {
    let checked = 0;
    for (const channel of CHANNELS) {
      for (const { path, node, strict } of objectNodes(contract[channel].args as z.ZodType)) {
        expect({ channel, path, strict }).toEqual({ channel, path, strict: true });
        const parsed = node.safeParse({ zzUnknownKey: 1 });
        expect(parsed.success).toBe(false);
        const unknown = parsed.error?.issues.find((i) => i.code === 'unrecognized_keys');
        expect({ channel, path, keys: unknown && 'keys' in unknown ? unknown.keys : null }).toEqual({
          channel,
          path,
          keys: ['zzUnknownKey'],
        });
        checked++;
      }
    }
    // The walk itself can fail: the label request alone holds a dozen nested objects.
    expect(checked).toBeGreaterThan(30);
  });

  it('every entry refuses a call carrying an unknown key, before any handler runs, naming the key', async () => {
    const handlers = stubHandlers({});
    for (const channel of CHANNELS) {
      const result = await invoke(handlers, channel, { zzUnknownKey: 1 }, silentLoggerFactory('t'));
      expect({ channel, ok: result.ok, code: result.ok ? null : result.error.code }).toEqual({
        channel,
        ok: false,
        code: 'INVALID_ARGUMENT',
      });
      // An entry with arguments names the key; one without any refuses the object as a whole.
      if (!result.ok && contract[channel].args._zod.def.type !== 'void') {
        expect({ channel, fields: result.error.fields?.map((f) => f.field) }).toEqual(
          expect.objectContaining({ channel, fields: expect.arrayContaining(['zzUnknownKey']) }),
        );
      }
    }
  });
});

describe('free text in the contract is bounded', () => {
  it('every string and every list in every entry’s arguments has a maximum', () => {
    const unbounded = CHANNELS.flatMap((channel) =>
      boundedLeaves(contract[channel].args as z.ZodType)
        .filter((leaf) => leaf.max === null)
        .map((leaf) => `${channel} ${leaf.path}`),
    );
    expect(unbounded).toEqual([]);
    const checked = CHANNELS.flatMap((channel) => boundedLeaves(contract[channel].args as z.ZodType));
    expect(checked.length).toBeGreaterThan(50);
  });

  it('a field without a limit of its own refuses 20,000 characters with a message naming it', async () => {
    const result = await invoke(stubHandlers({}), 'labels:reprint', { shipmentId: 'x'.repeat(20_000) }, silentLoggerFactory('t'));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        fields: [{ field: 'shipmentId', message: `Too long: at most ${MAX_CONTRACT_STRING_CHARS} characters.` }],
      },
    });
  });
});

describe('stored settings stay tolerant', () => {
  it('a settings file with keys this version does not know inside its values keeps those values', () => {
    const loaded = loadSettings({
      kind: 'ok',
      data: {
        ...defaultSettings(),
        schemaVersion: SETTINGS_SCHEMA_VERSION,
        stationName: 'Dock 8',
        notifyTags: { ...DEFAULT_NOTIFY_TAGS, Delivered: false, OutForDelivery: true },
        printProfiles: [{ ...DEFAULT_PRINT_PROFILE, name: 'Zebra by the door', cutter: true }],
      },
    });
    expect(loaded.settings.stationName).toBe('Dock 8');
    expect(loaded.settings.notifyTags.Delivered).toBe(false);
    expect(loaded.settings.printProfiles.map((p) => p.name)).toEqual(['Zebra by the door']);
    expect(loaded.notices).toEqual([]);
  });
});
