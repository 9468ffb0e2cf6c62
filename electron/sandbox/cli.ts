/**
 * `npm run sandbox`: the embedded sandbox on its own, for pointing another
 * client (curl, Postman, a second station) at it.
 *
 *   npm run sandbox -- --port 4010 --speed 360 --latency 200 --error-rate 0.1
 *
 * --speed is simulated shipping time per real time (360 = a day in 4 minutes);
 * --latency (ms) and --error-rate (0–1, answered 502) show a packer what a
 * slow or flaky API looks like.
 */
import { parseArgs } from 'node:util';
import { consoleSink, createLoggerFactory } from '../core/util/log';
import { startSandbox, DEMO_TOKEN } from './server';
import { DEMO_SPEED } from './flexforward/tracking-sim';
import { createFlashAmericasSandboxRouter, FA_SANDBOX_PREFIX } from './flashamericas/router';
import { FlashAmericasSandboxState } from './flashamericas/state';

const USAGE = `The embedded Flex Forward (and Flash Americas) sandbox on its own, for pointing another client at it.

Usage: npm run sandbox -- [options]

Options:
  --port N          listen on port N (default: any free port)
  --host H          listen address (default: 127.0.0.1)
  --speed X         simulated shipping time per real time (default: ${DEMO_SPEED}; 360 = a day in 4 minutes)
  --token T         accept this API token (repeatable; default: ${DEMO_TOKEN})
  --latency MS      answer every request MS milliseconds late (default: 0)
  --error-rate R    answer this share of requests (0–1) with HTTP 502 (default: 0)
  -h, --help        show this and exit`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        speed: { type: 'string', default: String(DEMO_SPEED) },
        token: { type: 'string', multiple: true },
        latency: { type: 'string', default: '0' },
        'error-rate': { type: 'string', default: '0' },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\nRun with --help to see the options.`);
    process.exit(1);
  }
}

const { values } = readArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
const speed = Number(values.speed);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
if (!(speed > 0)) throw new Error(`--speed must be a positive number, got ${values.speed}`);
const latencyMs = Number(values.latency);
const errorRate = Number(values['error-rate']);
if (!(latencyMs >= 0)) throw new Error(`--latency must be milliseconds ≥ 0, got ${values.latency}`);
if (!(errorRate >= 0 && errorRate <= 1)) throw new Error(`--error-rate must be between 0 and 1, got ${values['error-rate']}`);

const sandbox = await startSandbox({
  host: values.host,
  port,
  speed,
  tokens: values.token?.length ? values.token : [DEMO_TOKEN],
  logger: createLoggerFactory({ sink: consoleSink })('sandbox'),
  // Flash Americas tracking beside Flex Forward, at the same speed.
  routers: [createFlashAmericasSandboxRouter(new FlashAmericasSandboxState(Date.now, true, speed), Date.now)],
});

sandbox.faults.set({ latencyMs, errorRate, errorStatus: 502 });

console.log(`Flex Forward sandbox listening on ${sandbox.url}`);
console.log(`Token: ${sandbox.tokens.join(', ')}`);
console.log(`Try:   curl -H "Authorization: Bearer ${sandbox.tokens[0]}" ${sandbox.url}/couriers`);
console.log(
  'Test postal codes: 90001 Delivered, 90002 Exception, 90003 InTransit forever, 90004 Cancelled; 00000 or product REJECT01 = courier rejection.',
);
console.log(
  `Flash Americas: ${sandbox.url}${FA_SANDBOX_PREFIX} with any test_ key, e.g. curl -X POST -H "Authorization: Bearer test_demo" ` +
    `-H "Content-Type: application/json" -d '{"trackingNumber":"1234567890"}' ${sandbox.url}${FA_SANDBOX_PREFIX}/track/shipment ` +
    '(numbers starting 000 are unknown, 999 not yet available).',
);

const shutdown = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
