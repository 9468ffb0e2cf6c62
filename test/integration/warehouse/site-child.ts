/**
 * One station process of the multi-station test: the real station
 * composition (createStation) in warehouse mode, on the site's PostgreSQL,
 * the shared sandbox and the private CUPS. Commands come as JSON lines on
 * stdin, answers go out as JSON lines on stdout:
 *   → {"id":1,"call":"labels:create","args":{…}}   ← {"id":1,"result":{ok,…}}
 *   ← {"event":"ready","stationId":"…"}  once started (labels resumed in the background)
 * SIGTERM stops the station as the app does; SIGKILL is the crash.
 *
 * Input (env SITE_CHILD): { dataDir, connection, apiUrl, token, cupsServer?, printer?, apiLimits? }.
 * Without a CUPS server (the site poll-rate bench) the station prints nothing:
 * auto-print off, no print profile.
 */
import { createInterface } from 'node:readline';
import { invoke } from '../../../electron/core/invoke';
import type { WarehouseConnection } from '../../../electron/core/db/postgres';
import { MemorySettingsStore } from '../../../electron/core/settings/types';
import { createStation } from '../../../electron/core/station';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';

interface ChildInput {
  dataDir: string;
  name: string;
  connection: WarehouseConnection;
  apiUrl: string;
  token: string;
  cupsServer?: string;
  printer?: string;
  apiLimits?: { maxPerWindow: number; windowMs: number };
}

const input = JSON.parse(process.env.SITE_CHILD ?? '{}') as ChildInput;
// A custom endpoint (the shared sandbox) with the live poll schedule: a poll is due only when the test makes it so.
const store = new MemorySettingsStore(
  {
    environment: 'custom',
    customBaseUrl: input.apiUrl,
    stationName: input.name,
    autoPrint: input.cupsServer !== undefined,
    // The sandbox serves label documents from its own (loopback) host, as a label server on the warehouse network would.
    privateDocumentHosts: [new URL(input.apiUrl).host],
  },
  input.token,
);
const station = await createStation({
  shell: 'browser',
  version: '0.0.0-site-test',
  platform: process.platform,
  dataDir: input.dataDir,
  settings: store,
  secrets: store,
  logger: silentLoggerFactory,
  clock: systemClock,
  ...(input.cupsServer !== undefined ? { printing: { cupsServer: input.cupsServer } } : {}),
  warehouse: input.connection,
  ...(input.apiLimits ? { apiLimits: input.apiLimits } : {}),
});
const log = silentLoggerFactory('site-child');
if (input.printer) {
  const saved = await invoke(
    station.handlers,
    'printProfiles:save',
    {
      profile: {
        name: 'Bench',
        mode: 'system',
        printer: input.printer,
        media: { preset: '4x6in' },
        dpi: 203,
        copies: 1,
        orientation: 'auto',
        findLabel: true,
        darkness: null,
      },
      makeDefault: true,
    },
    log,
  );
  if (!saved.ok) throw new Error(`print profile: ${saved.error.message}`);
}
process.stdout.write(`${JSON.stringify({ event: 'ready', stationId: station.stationId })}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, call, args } = JSON.parse(line) as { id: number; call: string; args: unknown };
  void invoke(station.handlers, call as never, args as never, log).then((result) =>
    process.stdout.write(`${JSON.stringify({ id, result })}\n`),
  );
});
process.once('SIGTERM', () => {
  void station.stop().then(() => process.exit(0));
});
