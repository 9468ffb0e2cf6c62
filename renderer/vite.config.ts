import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

export const rendererConfig = {
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    // One bundle loaded from disk, not the network: size warnings do not apply.
    chunkSizeWarningLimit: 4096,
    target: 'chrome130',
    rollupOptions: { input: resolve(import.meta.dirname, 'index.html') },
  },
} satisfies UserConfig;

export default defineConfig(rendererConfig);
