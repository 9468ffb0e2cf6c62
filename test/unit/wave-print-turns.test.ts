/**
 * A wave's prints keep its sequence though its labels are bought several at
 * once: each waits for every item before it, including past an item that
 * ended without a print (a refused label settles at once).
 */
import { describe, expect, it } from 'vitest';
import { WavePrintTurns } from '../../electron/core/waves/print-turns';

const doc = { bytes: new Uint8Array([1]), format: 'pdf' as const };
const ctx = (shipmentId: string) => ({ shipmentId, attempt: 1, reason: 'auto' as const });

describe('wave print turns', () => {
  it('an item refused in the middle does not let the next one print ahead of the first', async () => {
    const printed: string[] = [];
    const turns = new WavePrintTurns({
      async print(_d, title) {
        printed.push(title);
        return { ok: true, printer: 'test' };
      },
    });
    const first = turns.take();
    const refused = turns.take();
    const third = turns.take();
    first.bind('s1');
    third.bind('s3');
    // The second item's label is refused: it ends without a print, before the first has printed.
    refused.settle();
    const thirdPrint = turns.print(doc, 'third', ctx('s3')).then(() => third.settle());
    await new Promise((r) => setTimeout(r, 20));
    expect(printed).toEqual([]);
    await turns.print(doc, 'first', ctx('s1'));
    first.settle();
    await thirdPrint;
    expect(printed).toEqual(['first', 'third']);
  });
});
