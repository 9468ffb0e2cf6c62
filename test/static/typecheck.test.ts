import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('every part typechecks under strict TypeScript (tsc -b)', () => {
  const tsc = join(process.cwd(), 'node_modules/typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', '--pretty', 'false'], { encoding: 'utf8' });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 300_000);
