import { resolve } from 'node:path';
import { build } from 'vite';
import { rendererConfig } from '../../renderer/vite.config';

/** The e2e tests run against the built renderer, exactly as browser mode serves it. */
export default async function setup(): Promise<void> {
  await build({ ...rendererConfig(resolve(process.cwd(), 'renderer')), logLevel: 'warn', configFile: false });
}
