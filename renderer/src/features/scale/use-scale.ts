/**
 * The shipping scale on screen: one connection per page shared by every
 * part that shows it (the Create label form, Settings, the pack screen), and
 * the words a packer reads for each state.
 */
import { useSyncExternalStore } from 'react';
import { formatKg, type ScaleState } from '../../../../shared/devices/weight-policy';
import { ScaleConnection, type ChooseOutcome, type ScaleView } from './scale-connection';
import { browserHid, type Hid } from './webhid';

const connections = new WeakMap<Hid, ScaleConnection>();
const unsupported = new ScaleConnection(null);

export function scaleConnection(hid: Hid | null = browserHid()): ScaleConnection {
  if (!hid) return unsupported;
  let c = connections.get(hid);
  if (!c) connections.set(hid, (c = new ScaleConnection(hid)));
  return c;
}

export interface UseScale {
  view: ScaleView;
  /** The stable, non-zero weight the form may take (kg); null otherwise. */
  weighedKg: number | null;
  choose(): Promise<ChooseOutcome>;
  forget(): Promise<void>;
}

export function useScale(): UseScale {
  const connection = scaleConnection();
  const view = useSyncExternalStore(connection.subscribe, connection.snapshot);
  const weighedKg = view.kind === 'scale' && view.state.kind === 'weighed' ? view.state.kg : null;
  return { view, weighedKg, choose: () => connection.choose(), forget: () => connection.forget() };
}

const NO_SCALE: ScaleState = { kind: 'disconnected' };

/**
 * The scale's state alone, for screens that only take a weight: the pack
 * screen's weight seam (`WeightSourceContext` in features/orders) is given
 * this hook. No scale chosen, or no WebHID: `disconnected`.
 */
export function useScaleState(): ScaleState {
  const { view } = useScale();
  return view.kind === 'scale' ? view.state : NO_SCALE;
}

export interface ScaleWords {
  /** ok: a weight to take; busy: settling or reading; idle: nothing to weigh; problem: something to fix. */
  tone: 'ok' | 'busy' | 'idle' | 'problem';
  key: string;
  params: Record<string, string>;
  /** Params that hold English from outside (the scale's own name, a browser error), marked lang="en" on Chinese screens. */
  english: readonly string[];
}

function words(tone: ScaleWords['tone'], key: string, params: Record<string, string> = {}, english: readonly string[] = []): ScaleWords {
  return { tone, key: `scale.${key}`, params, english };
}

export function describeScale(view: ScaleView): ScaleWords {
  if (view.kind === 'unsupported') return words('idle', 'unsupported');
  if (view.kind === 'none') return words('idle', 'none');
  if (view.openError) return words('problem', 'openFailed', { name: view.name, message: view.openError }, ['name', 'message']);
  const s = view.state;
  switch (s.kind) {
    case 'disconnected':
      return words('problem', 'disconnected');
    case 'waiting':
      return words('busy', 'waiting');
    case 'asleep':
      return words('idle', 'asleep');
    case 'empty':
      return words('idle', 'empty');
    case 'settling':
      return s.kg === null || s.kg <= 0 ? words('busy', 'settlingNoWeight') : words('busy', 'settling', { weight: formatKg(s.kg) });
    case 'weighed':
      return words('ok', 'weighed', { weight: formatKg(s.kg) });
    case 'unreadable':
      return s.reason === 'unit' ? words('problem', 'unreadableUnit', { unit: s.detail }, ['unit']) : words('problem', 'unreadableReport');
    default:
      return words('problem', s.kind);
  }
}
