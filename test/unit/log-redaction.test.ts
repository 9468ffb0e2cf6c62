import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../helpers/logs';

describe('logs never carry the API token', () => {
  it('scrubs the current token, Bearer values and secret-named keys, at any depth', () => {
    const token = 'ff_live_9f8e7d6c5b4a';
    const { factory, records } = recordingLogger(() => [token]);
    const log = factory('api');
    log.info(`calling with ${token}`, {
      headers: { Authorization: `Bearer ${token}` },
      nested: [{ token }],
      url: 'https://x/?a=1',
      note: `Bearer abc.def`,
    });
    log.error('failed', { error: new Error(`401 for ${token}`) });
    const text = JSON.stringify(records);
    expect(text).not.toContain(token);
    expect(text).not.toContain('abc.def');
    expect(text).toContain('https://x/?a=1');
    expect(records).toHaveLength(2);
  });
});
