/**
 * Contract arguments are strict at every nesting level: an unknown key is a
 * mistake in the caller (a renamed field, a typo, a payload meant for another
 * entry) and is refused with its path, never silently dropped. The domain
 * schemas themselves stay tolerant (zod's default strips unknown keys),
 * because the same schemas read settings files written by older versions,
 * where a field since removed must not cost the whole value.
 *
 * `strictDeep` copies a schema with every object inside made strict, through
 * optionals, nullables, defaults, arrays, unions, pipes, records, tuples and
 * intersections. Refinements and checks are kept (they live in each node's
 * definition, which is copied, not rebuilt).
 *
 * It also bounds what a field forgot to bound: a string or list without a
 * maximum gets a generous one, so no entry takes a 20,000-character "id" or
 * a million-element list into memory, a log line or the database. Fields
 * with a meaning of their own keep their own, tighter maximum and message.
 */
import { z } from 'zod';

type Def = Record<string, unknown> & { type: string };

/** A copy of a definition that keeps its getters (e.g. a default's fresh value per parse). */
function withDef(def: Def, changes: Record<string, unknown>): Def {
  const out = Object.defineProperties({}, Object.getOwnPropertyDescriptors(def)) as Def;
  for (const [key, value] of Object.entries(changes))
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The fallback bounds; every field that has a natural limit states its own. */
export const MAX_CONTRACT_STRING_CHARS = 2_048;
export const MAX_CONTRACT_LIST_ITEMS = 1_000;

function hasMaximum(def: Def): boolean {
  const checks = (def.checks ?? []) as Array<{ _zod: { def: { check: string } } }>;
  return checks.some((c) => c._zod.def.check === 'max_length' || c._zod.def.check === 'length_equals');
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

export function strictDeep<T extends z.ZodType>(schema: T): T {
  return convert(schema, new Map()) as T;
}

function convert(schema: z.ZodType, done: Map<z.ZodType, z.ZodType>): z.ZodType {
  const already = done.get(schema);
  if (already) return already;
  const def = schema._zod.def as unknown as Def;
  const sub = (s: unknown): z.ZodType => convert(s as z.ZodType, done);
  let changes: Record<string, unknown> | null = null;
  if (def.type === 'object') {
    const shape = def.shape as Record<string, z.ZodType>;
    changes = {
      shape: Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, sub(value)])),
      catchall: z.never(),
    };
  } else if (WRAPPERS.has(def.type)) {
    changes = { innerType: sub(def.innerType) };
  } else if (def.type === 'array') {
    changes = { element: sub(def.element) };
  }
  if (def.type === 'string' && !hasMaximum(def)) {
    const bounded = (schema as z.ZodString).max(MAX_CONTRACT_STRING_CHARS, `Too long: at most ${MAX_CONTRACT_STRING_CHARS} characters.`);
    done.set(schema, bounded);
    return bounded;
  } else if (def.type === 'union') {
    changes = { options: (def.options as z.ZodType[]).map(sub) };
  } else if (def.type === 'pipe') {
    changes = { in: sub(def.in), out: sub(def.out) };
  } else if (def.type === 'record') {
    changes = { valueType: sub(def.valueType) };
  } else if (def.type === 'intersection') {
    changes = { left: sub(def.left), right: sub(def.right) };
  } else if (def.type === 'tuple') {
    changes = { items: (def.items as z.ZodType[]).map(sub), rest: def.rest ? sub(def.rest) : def.rest };
  }
  let out = changes === null ? schema : (schema.clone(withDef(def, changes) as never) as z.ZodType);
  if (def.type === 'array' && !hasMaximum(def)) {
    out = (out as z.ZodArray).max(MAX_CONTRACT_LIST_ITEMS, `Too many: at most ${MAX_CONTRACT_LIST_ITEMS} entries.`);
  }
  done.set(schema, out);
  return out;
}

/** Every string and list reachable in `schema` (inputs of pipes included), with its maximum or null, for tests. */
export function boundedLeaves(schema: z.ZodType): Array<{ path: string; kind: 'string' | 'list'; max: number | null }> {
  const out: Array<{ path: string; kind: 'string' | 'list'; max: number | null }> = [];
  const maxOf = (def: Def): number | null => {
    const checks = (def.checks ?? []) as Array<{ _zod: { def: { check: string; maximum?: number; length?: number } } }>;
    const c = checks.find((x) => x._zod.def.check === 'max_length' || x._zod.def.check === 'length_equals');
    return c ? (c._zod.def.maximum ?? c._zod.def.length ?? null) : null;
  };
  const seen = new Set<z.ZodType>();
  const walk = (s: z.ZodType, at: string): void => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = s._zod.def as unknown as Def;
    if (def.type === 'string') out.push({ path: at || '(arguments)', kind: 'string', max: maxOf(def) });
    else if (def.type === 'object')
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(value, `${at}.${key}`);
    else if (WRAPPERS.has(def.type)) walk(def.innerType as z.ZodType, at);
    else if (def.type === 'array') {
      out.push({ path: `${at}[]`, kind: 'list', max: maxOf(def) });
      walk(def.element as z.ZodType, `${at}[]`);
    } else if (def.type === 'union') (def.options as z.ZodType[]).forEach((o, i) => walk(o, `${at}<${i}>`));
    else if (def.type === 'pipe') {
      walk(def.in as z.ZodType, at);
      walk(def.out as z.ZodType, at);
    } else if (def.type === 'record') walk(def.valueType as z.ZodType, `${at}{}`);
    else if (def.type === 'intersection') {
      walk(def.left as z.ZodType, at);
      walk(def.right as z.ZodType, at);
    } else if (def.type === 'tuple') (def.items as z.ZodType[]).forEach((item, i) => walk(item, `${at}[${i}]`));
  };
  walk(schema, '');
  return out;
}

/** Every object node reachable in `schema`, with its path (`.a.b[]`), for checks and tests. */
export function objectNodes(schema: z.ZodType, path = ''): Array<{ path: string; node: z.ZodType; strict: boolean }> {
  const out: Array<{ path: string; node: z.ZodType; strict: boolean }> = [];
  const seen = new Set<z.ZodType>();
  const walk = (s: z.ZodType, at: string): void => {
    if (seen.has(s)) return;
    seen.add(s);
    const def = s._zod.def as unknown as Def;
    if (def.type === 'object') {
      const catchall = def.catchall as z.ZodType | undefined;
      out.push({ path: at || '(arguments)', node: s, strict: catchall?._zod.def.type === 'never' });
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(value, `${at}.${key}`);
    } else if (WRAPPERS.has(def.type)) walk(def.innerType as z.ZodType, at);
    else if (def.type === 'array') walk(def.element as z.ZodType, `${at}[]`);
    else if (def.type === 'union') (def.options as z.ZodType[]).forEach((o, i) => walk(o, `${at}<${i}>`));
    else if (def.type === 'pipe') {
      walk(def.in as z.ZodType, at);
      walk(def.out as z.ZodType, at);
    } else if (def.type === 'record') walk(def.valueType as z.ZodType, `${at}{}`);
    else if (def.type === 'intersection') {
      walk(def.left as z.ZodType, at);
      walk(def.right as z.ZodType, at);
    } else if (def.type === 'tuple') (def.items as z.ZodType[]).forEach((item, i) => walk(item, `${at}[${i}]`));
  };
  walk(schema, path);
  return out;
}
