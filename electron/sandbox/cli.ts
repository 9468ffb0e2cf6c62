/**
 * `npm run sandbox`: the embedded sandbox on its own, for pointing another
 * client (curl, Postman, a second station) at it.
 *
 *   npm run sandbox -- --port 4010 --speed 360
 *
 * --speed is simulated shipping time per real time (360 = a day in 4 minutes).
 */
import { parseArgs } from 'node:util';
import { consoleSink, createLoggerFactory } from '../core/util/log';
import { startSandbox, DEMO_TOKEN } from './server';
import { DEMO_SPEED } from './flexforward/tracking-sim';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    speed: { type: 'string', default: String(DEMO_SPEED) },
    token: { type: 'string', multiple: true },
  },
});

const port = Number(values.port);
const speed = Number(values.speed);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
if (!(speed > 0)) throw new Error(`--speed must be a positive number, got ${values.speed}`);

const sandbox = await startSandbox({
  host: values.host,
  port,
  speed,
  tokens: values.token?.length ? values.token : [DEMO_TOKEN],
  logger: createLoggerFactory({ sink: consoleSink })('sandbox'),
});

console.log(`Flex Forward sandbox listening on ${sandbox.url}`);
console.log(`Token: ${sandbox.tokens.join(', ')}`);
console.log(`Try:   curl -H "Authorization: Bearer ${sandbox.tokens[0]}" ${sandbox.url}/couriers`);
console.log(
  'Test postal codes: 90001 Delivered, 90002 Exception, 90003 InTransit forever, 90004 Cancelled; 00000 or product REJECT01 = courier rejection.',
);

const shutdown = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
