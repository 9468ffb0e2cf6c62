import type { Handlers } from '../invoke';
import type { WaveRunner } from '../waves/wave-runner';
import type { WaveStore } from '../waves/wave-store';

/** Waves listed at most (the newest). */
export const WAVES_LISTED = 20;

export interface WavesHandlerDeps {
  store: WaveStore;
  runner: WaveRunner;
}

type WaveChannels = 'waves:preview' | 'waves:create' | 'waves:list' | 'waves:get' | 'waves:pause' | 'waves:resume' | 'waves:cancel' | 'waves:retry';

export function wavesHandlers({ store, runner }: WavesHandlerDeps): Pick<Handlers, WaveChannels> {
  return {
    'waves:preview': async ({ filter, sequence }) => store.preview(filter, sequence),
    'waves:create': async (args) => runner.create(args),
    'waves:list': async () => store.list(WAVES_LISTED),
    'waves:get': async ({ id }) => store.view(id),
    'waves:pause': async ({ id }) => runner.pause(id),
    'waves:resume': async ({ id }) => runner.resume(id),
    'waves:cancel': async ({ id }) => runner.cancel(id),
    'waves:retry': async (args) => runner.retry(args),
  };
}
