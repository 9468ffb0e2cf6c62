import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The renderer's build, shared by browser mode (this file), electron-vite and
 * the e2e set-up. It takes its folder as an argument because a bundled config
 * (electron-vite's loader) sees `import.meta.dirname` as the project root.
 */
export function rendererConfig(rendererDir: string, outDir = resolve(rendererDir, 'dist')) {
  return {
    root: rendererDir,
    base: './',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      // One bundle loaded from disk, not the network: size warnings do not apply.
      chunkSizeWarningLimit: 4096,
      target: 'chrome130',
      rolldownOptions: { input: resolve(rendererDir, 'index.html') },
    },
  } satisfies UserConfig;
}

export default defineConfig(rendererConfig(import.meta.dirname));
