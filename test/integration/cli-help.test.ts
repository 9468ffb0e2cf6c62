/**
 * Every command-line entry point answers --help with what it does and its
 * options, and exits without starting anything; a wrong option says how to
 * get that help.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TSX = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, [TSX, script, ...args], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });

const CLIS: Array<[command: string, script: string, options: string[]]> = [
  ['npm run start:browser', 'electron/browser/cli.ts', ['--port', '--data-dir', '--token', '--fa-webhook-port', '--fa-webhook-host', '--help', 'FLEXFORWARD_API_TOKEN']],
  ['npm run sandbox', 'electron/sandbox/cli.ts', ['--port', '--host', '--speed', '--token', '--latency', '--error-rate', '--help']],
  [
    'npm run warehouse:move-in',
    'electron/core/warehouse/move-in-cli.ts',
    ['--from', '--to', '--ca', '--api-url', '--json', '--help', 'FLEXFORWARD_API_TOKEN', 'STATION_WAREHOUSE_URL', 'PGPASSWORD'],
  ],
  ['npm run warehouse:migrate', 'electron/core/warehouse/migrate-cli.ts', ['--to', '--ca', '--help', 'STATION_WAREHOUSE_URL', 'PGPASSWORD']],
];

describe.each(CLIS)('%s', (command, script, options) => {
  it('--help prints its usage and options, and exits 0 without starting', () => {
    const r = run(script, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Usage: ${command} -- [options]`);
    for (const option of options) expect(r.stdout).toContain(option);
    expect(r.stdout).not.toMatch(/ready:|listening on/);
  });

  it('an unknown option is refused with a pointer to --help', () => {
    const r = run(script, ['--colour', 'blue']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Unknown option '--colour'");
    expect(r.stderr).toContain('Run with --help to see the options.');
  });
});
