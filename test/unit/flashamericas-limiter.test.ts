import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../electron/core/api/flashamericas/limiter';
import { ManualClock } from '../helpers/manual-clock';

const settle = () => new Promise((r) => setImmediate(r));

function admitted(limiter: TokenBucketLimiter, labels: string[], priority: 'user' | 'background' = 'background'): string[] {
  const out: string[] = [];
  for (const l of labels) void limiter.acquire(priority).then(() => out.push(l));
  return out;
}

describe('Flash Americas limiter', () => {
  it('lets the burst through, then one request per 1/rate of a minute, to the millisecond', async () => {
    const clock = new ManualClock();
    // 60/min = one per second after a burst of 2.
    const limiter = new TokenBucketLimiter(clock, { requestsPerMinute: 60, burst: 2 });
    const out = admitted(limiter, ['a', 'b', 'c', 'd']);
    await settle();
    expect(out).toEqual(['a', 'b']);
    clock.advance(999);
    await settle();
    expect(out).toEqual(['a', 'b']);
    clock.advance(1);
    await settle();
    expect(out).toEqual(['a', 'b', 'c']);
    clock.advance(1000);
    await settle();
    expect(out).toEqual(['a', 'b', 'c', 'd']);
  });

  it('serves a packer’s request before queued background polls', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter(clock, { requestsPerMinute: 60, burst: 1 });
    const out: string[] = [];
    void limiter.acquire('background').then(() => out.push('bg1'));
    void limiter.acquire('background').then(() => out.push('bg2'));
    void limiter.acquire('user').then(() => out.push('user'));
    await settle();
    expect(out).toEqual(['bg1']);
    clock.advance(1000);
    await settle();
    expect(out).toEqual(['bg1', 'user']);
    clock.advance(1000);
    await settle();
    expect(out).toEqual(['bg1', 'user', 'bg2']);
  });

  it('after a 429 nobody goes before the pause ends', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter(clock, { requestsPerMinute: 600, burst: 10 });
    limiter.pauseFor(7_000);
    const out = admitted(limiter, ['x'], 'user');
    clock.advance(6_999);
    await settle();
    expect(out).toEqual([]);
    clock.advance(1);
    await settle();
    expect(out).toEqual(['x']);
  });
});
