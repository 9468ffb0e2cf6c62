/**
 * The label workflow as a station process runs it, for the kill test: open
 * the cache, resume whatever a previous (killed) run left unfinished, then
 * create every intended label of the batch that is not in the cache yet.
 * The parent SIGKILLs this process at random moments and starts it again.
 *
 * Input (env KILL_CHILD): { dataDir, sandboxUrl, token, orders: string[], printLog }.
 * Output: "ready" once the cache is open, "done" when every order is at rest.
 */
import { appendFileSync } from 'node:fs';
import { FlexForwardClient, SlidingWindowLimiter } from '../../../electron/core/api/flexforward';
import { openShipmentDb } from '../../../electron/core/db/open';
import { LabelWorkflow } from '../../../electron/core/labels/workflow';
import { systemClock } from '../../../electron/core/util/clock';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { LabelRequestSchema } from '../../../shared/domain/label-request';
import { sampleLabelInput } from '../../helpers/flexforward';

interface ChildInput {
  dataDir: string;
  sandboxUrl: string;
  token: string;
  orders: string[];
  printLog: string;
}

const input = JSON.parse(process.env.KILL_CHILD ?? '{}') as ChildInput;
const cache = await openShipmentDb(input.dataDir);
const workflow = new LabelWorkflow({
  db: cache.db,
  documentsDir: cache.documentsDir,
  api: new FlexForwardClient({
    baseUrl: () => input.sandboxUrl,
    token: () => input.token,
    // The sandbox enforces no rate and this test is about crashes, not pacing: a wide limiter
    // lets a batch finish in tens of ms, so the kills land across every step, not in the waits.
    limiter: new SlidingWindowLimiter({ maxPerWindow: 1_000, windowMs: 1_000 }),
    logger: silentLoggerFactory('child'),
    documentHosts: () => ({ privateHosts: [new URL(input.sandboxUrl).host] }),
  }),
  // A print is a line in a file, written the moment "paper comes out".
  printer: {
    async print(_document, title) {
      appendFileSync(input.printLog, `${title}\n`);
      return { ok: true, printer: 'kill-test' };
    },
  },
  clock: systemClock,
  logger: silentLoggerFactory('child'),
  autoPrint: () => true,
});
process.stdout.write('ready\n');

await workflow.resumeAll();
for (const order of input.orders) {
  const known = await cache.db.selectFrom('shipments').select('id').where('order_number', '=', order).executeTakeFirst();
  if (known) continue;
  await workflow.create(LabelRequestSchema.parse(sampleLabelInput({ orderNumber: order })));
}
await cache.close();
process.stdout.write('done\n');
// Keep-alive sockets would hold the process for seconds; everything is committed, so leave now.
process.exit(0);
