import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.config';

/** The e2e tests run against the built renderer, exactly as browser mode serves it. */
export default async function setup(): Promise<void> {
  await build({ ...rendererConfig, logLevel: 'warn', configFile: false });
}
