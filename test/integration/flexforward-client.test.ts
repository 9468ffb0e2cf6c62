/**
 * The real Flex Forward client against the real embedded sandbox over HTTP:
 * every endpoint and every error class a caller has to handle.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiValidationError,
  CourierRejectedError,
  DocumentError,
  ForbiddenError,
  InvalidRequestError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  TimeoutError,
  UnauthorizedError,
  UpstreamError,
} from '../../electron/core/api/flexforward';
import { json, type SandboxRouter } from '../../electron/sandbox/http';
import { StationFailure } from '../../shared/result';
import { sampleLabelRequest, startSandboxClient, type SandboxClient } from '../helpers/flexforward';

let t: SandboxClient;

/** Test-only routes mounted next to the Flex Forward router: odd answers the real API might give. */
const oddities: SandboxRouter = {
  name: 'oddities',
  async handle(req) {
    if (req.path === '/tracking/future-tag') {
      return json(200, {
        id: 'future-tag',
        trackingNumber: null,
        tag: 'OutForDelivery',
        subtag: 'OutForDelivery_001',
        subtagMessage: 'Out',
        slug: 'yunexpress',
        checkpoints: [],
        extraField: 1,
      });
    }
    if (req.method === 'POST' && req.path === '/labels' && (req.body as { idempotencyKey?: string }).idempotencyKey === 'future-status') {
      const base = {
        id: 'f-1',
        courier: 'yunexpress',
        customerOrderNumber: null,
        courierOrderNumber: 'YO1',
        courierTrackingNumber: 'YT1',
        newField: { x: 1 },
      };
      return json(201, { ...base, status: 'queued', error: null });
    }
    if (req.path === '/docs/html.pdf') return { status: 200, contentType: 'application/pdf', body: '<html>Access denied</html>' };
    if (req.path === '/docs/huge.pdf') return { status: 200, contentType: 'application/pdf', body: new Uint8Array(11 * 1024 * 1024) };
    // Redirects a document host might send: to another scheme, in a loop, a long chain, or to a real label.
    const redirect = (location: string) => ({ status: 302, contentType: 'text/plain', body: '', headers: { location } });
    if (req.path === '/docs/to-ftp') return redirect('ftp://files.example.com/label.pdf');
    if (req.path === '/docs/to-file') return redirect('file:///etc/passwd');
    if (req.path === '/docs/loop-a') return redirect('/docs/loop-b');
    if (req.path === '/docs/loop-b') return redirect('/docs/loop-a');
    const chain = /^\/docs\/chain-(\d+)$/.exec(req.path);
    if (chain) return redirect(`/docs/chain-${Number(chain[1]) + 1}`);
    if (req.path === '/docs/moved') return redirect(req.query.get('to') ?? '/');
    if (req.path === '/docs/hang') return new Promise<never>(() => undefined);
    if (req.path === '/docs/truncated.pdf')
      return { status: 200, contentType: 'application/pdf', body: '%PDF-1.7\n1 0 obj << /Type /Page >> endobj\n' };
    return null;
  },
};

beforeEach(async () => {
  t = await startSandboxClient({ sandbox: { routers: [oddities] } });
});
afterEach(async () => {
  await t.stop();
});

const posts = () => t.sandbox.requests().filter((r) => r.method === 'POST' && r.path === '/labels');

describe('POST /labels', () => {
  it('creates a label (201) and replays it for the same key (200) without creating another', async () => {
    const first = await t.client.createLabel(sampleLabelRequest(), 'order-1001-label-1');
    const again = await t.client.createLabel(sampleLabelRequest(), 'order-1001-label-1');
    expect(first.replayed).toBe(false);
    expect(first.label.status).toBe('created');
    expect(first.label.courierTrackingNumber).toMatch(/^YT\d{16}$/);
    expect(again.replayed).toBe(true);
    expect(again.label).toEqual(first.label);
    expect(t.sandbox.flexforward.labels()).toHaveLength(1);
  });

  it('keeps idempotency per account: another token with the same key gets its own label', async () => {
    const mine = await t.client.createLabel(sampleLabelRequest(), 'shared-key');
    const theirs = await t.clientFor('other-account-token').createLabel(sampleLabelRequest(), 'shared-key');
    expect(theirs.replayed).toBe(false);
    expect(theirs.label.id).not.toBe(mine.label.id);
  });

  it('retries an injected 502 with the same idempotency key and ends with exactly one label', async () => {
    // The first attempt is processed (the label exists) but its answer is lost as a 502.
    t.sandbox.faults.script({ kind: 'error', status: 502, when: 'after', match: 'POST /labels' });
    const outcome = await t.client.createLabel(sampleLabelRequest(), 'retry-key-1');
    expect(outcome.label.status).toBe('created');
    expect(outcome.replayed).toBe(true);
    expect(t.sandbox.flexforward.labels()).toHaveLength(1);
    expect(posts()).toHaveLength(2);
    expect(t.sleeps).toEqual([1_000]);
  });

  it('backs off 1, 2, 4, 8 s through a run of 500s, then gives up with an upstream error', async () => {
    t.sandbox.faults.set({ errorRate: 1, errorStatus: 500 });
    const error = await t.client.createLabel(sampleLabelRequest(), 'down-key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toBe('UPSTREAM');
    expect(t.sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(posts()).toHaveLength(5);
  });

  it('reports a 400 with field paths the form can mark', async () => {
    const bad = sampleLabelRequest();
    bad.shipment.parcels[0]!.weight = 0;
    bad.shipment.shipTo.address.countryCode = 'XX';
    const error = (await t.client.createLabel(bad, 'bad-key').catch((e: unknown) => e)) as ApiValidationError;
    expect(error).toBeInstanceOf(ApiValidationError);
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.map((f) => f.field).sort()).toEqual(['shipment.parcels.0.weight', 'shipment.shipTo.address.countryCode']);
    expect(t.sleeps).toEqual([]);
    // Nothing was created, so the same key works once the request is fixed (reference §9).
    const fixed = await t.client.createLabel(sampleLabelRequest(), 'bad-key');
    expect(fixed.replayed).toBe(false);
  });

  it('treats a 502 carrying a failed label as a courier rejection, not retried, replayed on the same key', async () => {
    const error = (await t.client
      .createLabel(sampleLabelRequest({ productCode: 'REJECT01' }), 'rej-key')
      .catch((e: unknown) => e)) as CourierRejectedError;
    expect(error).toBeInstanceOf(CourierRejectedError);
    expect(error.code).toBe('COURIER_REJECTED');
    expect(error.status).toBe(502);
    expect(error.label.error?.code).toBe('COURIER_ERROR');
    expect(error.message).toContain('not available');
    expect(posts()).toHaveLength(1);
    const replay = (await t.client
      .createLabel(sampleLabelRequest({ productCode: 'REJECT01' }), 'rej-key')
      .catch((e: unknown) => e)) as CourierRejectedError;
    expect(replay.label.id).toBe(error.label.id);
  });

  it('treats a 201 with status "failed" as a courier rejection too', async () => {
    const error = (await t.client
      .createLabel(sampleLabelRequest({ postalCode: '00000' }), 'rej-201')
      .catch((e: unknown) => e)) as CourierRejectedError;
    expect(error).toBeInstanceOf(CourierRejectedError);
    expect(error.status).toBe(201);
    expect(error.label.status).toBe('failed');
    expect(error.label.courierTrackingNumber).toBeNull();
  });

  it('reads a label status it does not know as created when no error comes with it, ignoring new fields', async () => {
    const outcome = await t.client.createLabel(sampleLabelRequest(), 'future-status');
    expect(outcome.label).toEqual({
      id: 'f-1',
      status: 'created',
      courier: 'yunexpress',
      customerOrderNumber: null,
      courierOrderNumber: 'YO1',
      courierTrackingNumber: 'YT1',
      error: null,
    });
  });

  it('refuses an unknown token with 401', async () => {
    const error = await t
      .clientFor('wrong-token')
      .createLabel(sampleLabelRequest(), 'k')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).message).toContain('Settings');
  });

  it('never sends shipperAccountId (gap 6)', async () => {
    await t.client.createLabel(sampleLabelRequest(), 'no-shipper-id');
    const stored = t.sandbox.flexforward.labels()[0]!;
    expect(JSON.stringify(stored.request)).not.toContain('shipperAccountId');
  });
});

describe('GET /labels/{id}', () => {
  it('returns the document URL by label id and by order number', async () => {
    const { label } = await t.client.createLabel(sampleLabelRequest({ orderNumber: 'N2026-04' }), 'k-doc');
    const byId = await t.client.getLabel(label.id);
    const byOrder = await t.client.getLabel('N2026-04');
    expect(byId.labelFormat).toBe('pdf');
    expect(byId.url).toContain(label.courierTrackingNumber!);
    expect(byOrder).toEqual(byId);
  });

  it('says 403 "different account" for another token\'s label and 404 for an unknown one', async () => {
    const { label } = await t.clientFor('other-account-token').createLabel(sampleLabelRequest(), 'theirs');
    const forbidden = await t.client.getLabel(label.id).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(ForbiddenError);
    expect((forbidden as ForbiddenError).message).toContain('different Flex Forward account');
    const missing = await t.client.getLabel('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).code).toBe('NOT_FOUND');
  });

  it('batches ids and reports which asked-for ids did not come back', async () => {
    const a = await t.client.createLabel(sampleLabelRequest({ orderNumber: 'A-1' }), 'a');
    const b = await t.client.createLabel(sampleLabelRequest({ orderNumber: 'B-1' }), 'b');
    const failed = await t.client
      .createLabel(sampleLabelRequest({ postalCode: '00000', orderNumber: 'F-1' }), 'f')
      .catch((e: CourierRejectedError) => e);
    const theirs = await t.clientFor('other-account-token').createLabel(sampleLabelRequest(), 'x');
    const batch = await t.client.getLabels([a.label.id, 'B-1', 'nope', failed.label.id, theirs.label.id]);
    expect(batch.documents.map((d) => d.id).sort()).toEqual([a.label.id, b.label.id].sort());
    expect(batch.missing).toEqual(['nope', failed.label.id, theirs.label.id]);
    expect(t.sandbox.requests().filter((r) => r.path.startsWith('/labels/'))).toHaveLength(1);
  });

  it('splits a long batch into requests of at most 50 ids', async () => {
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'chunk');
    const unknown = Array.from({ length: 60 }, (_, i) => `ORDER-X-${i}`);
    const batch = await t.client.getLabels([...unknown, label.id, unknown[0]!]);
    expect(batch.documents.map((d) => d.id)).toEqual([label.id]);
    expect(batch.missing).toEqual(unknown);
    const paths = t.sandbox.requests().filter((r) => r.path.startsWith('/labels/'));
    expect(paths.map((r) => r.path.slice('/labels/'.length).split(',').length)).toEqual([50, 11]);
  });

  it('refuses an id with a comma before calling the API', async () => {
    await expect(t.client.getLabel('A,B')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(t.sandbox.requests()).toHaveLength(0);
  });
});

describe('document download', () => {
  it('downloads a real PDF and a real PNG, without sending the API token to the document host', async () => {
    const pdfLabel = await t.client.createLabel(sampleLabelRequest(), 'pdf');
    const pngLabel = await t.client.createLabel(sampleLabelRequest({ format: 'PNG' }), 'png');
    const pdf = await t.client.downloadDocument((await t.client.getLabel(pdfLabel.label.id)).url);
    const pngRef = await t.client.getLabel(pngLabel.label.id);
    const png = await t.client.downloadDocument(pngRef.url);
    expect(pdf.format).toBe('pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pngRef.labelFormat).toBe('png');
    expect(png.format).toBe('png');
    const docRequests = t.sandbox.requests().filter((r) => r.router === 'documents');
    expect(docRequests).toHaveLength(2);
    expect(docRequests.every((r) => r.token === null)).toBe(true);
  });

  it('refuses non-http(s) addresses, non-documents, truncated files and oversize files', async () => {
    await expect(t.client.downloadDocument('file:///etc/passwd')).rejects.toBeInstanceOf(DocumentError);
    await expect(t.client.downloadDocument('ftp://example.com/a.pdf')).rejects.toThrow(/only http\(s\)/);
    await expect(t.client.downloadDocument(`${t.sandbox.url}/docs/html.pdf`)).rejects.toThrow(/neither a PDF nor a PNG/);
    await expect(t.client.downloadDocument(`${t.sandbox.url}/docs/truncated.pdf`)).rejects.toThrow(/truncated/);
    const huge = await t.client.downloadDocument(`${t.sandbox.url}/docs/huge.pdf`).catch((e: unknown) => e);
    expect(huge).toBeInstanceOf(DocumentError);
    expect((huge as DocumentError).code).toBe('DOCUMENT');
    expect((huge as DocumentError).message).toContain('10 MB');
  });
});

describe('document redirects, checked hop by hop', () => {
  const documentRequests = () => t.sandbox.requests().filter((r) => r.path.startsWith('/docs/'));

  it('follows a redirect to the real label', async () => {
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'moved');
    const real = new URL((await t.client.getLabel(label.id)).url);
    const doc = await t.client.downloadDocument(`${t.sandbox.url}/docs/moved?to=${encodeURIComponent(real.pathname)}`);
    expect(doc.format).toBe('pdf');
  });

  it('a redirect to a non-http(s) scheme is a DOCUMENT error at once, not a network failure retried five times', async () => {
    for (const path of ['/docs/to-ftp', '/docs/to-file']) {
      const error = await t.client.downloadDocument(`${t.sandbox.url}${path}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentError);
      expect((error as DocumentError).message).toMatch(/redirected to a (ftp|file): address; only http\(s\) is allowed/);
    }
    expect(documentRequests()).toHaveLength(2);
    expect(t.sleeps).toEqual([]);
  });

  it('a redirect loop and an endless chain are DOCUMENT errors at once', async () => {
    const loop = await t.client.downloadDocument(`${t.sandbox.url}/docs/loop-a`).catch((e: unknown) => e);
    expect(loop).toBeInstanceOf(DocumentError);
    expect((loop as DocumentError).message).toMatch(/redirects in a loop/);
    expect(documentRequests().map((r) => r.path)).toEqual(['/docs/loop-a', '/docs/loop-b']);
    const chain = await t.client.downloadDocument(`${t.sandbox.url}/docs/chain-0`).catch((e: unknown) => e);
    expect(chain).toBeInstanceOf(DocumentError);
    expect((chain as DocumentError).message).toMatch(/redirected more than 5 times/);
    expect(documentRequests().filter((r) => r.path.startsWith('/docs/chain-'))).toHaveLength(6);
    expect(t.sleeps).toEqual([]);
  });

  it('a host that never answers ends at the step deadline, not after five full timeouts', async () => {
    const client = t.clientFor('sandbox-demo-token', { documentTimeoutMs: 150, documentDeadlineMs: 1_000 });
    const error = await client.downloadDocument(`${t.sandbox.url}/docs/hang`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    // 150 ms tries with 1 s, 2 s… waits between them: at most the first retry fits in the 1 s deadline.
    expect(documentRequests().length).toBeLessThanOrEqual(2);
    expect(t.sleeps.length).toBeLessThanOrEqual(1);
  });
});

describe('document hosts on the local network (SSRF)', () => {
  const documentRequests = () => t.sandbox.requests().filter((r) => r.router === 'documents' || r.path.startsWith('/docs/'));

  it('refuses a loopback document host that is not trusted, by IP literal and by a name that resolves there', async () => {
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'ssrf');
    const url = new URL((await t.client.getLabel(label.id)).url);
    const untrusted = t.clientFor('sandbox-demo-token', { documentHosts: () => ({ privateHosts: [] }) });
    t.sandbox.clearRequests();
    const byAddress = await untrusted.downloadDocument(url.href).catch((e: unknown) => e);
    expect(byAddress).toBeInstanceOf(DocumentError);
    expect((byAddress as DocumentError).message).toMatch(/is on a local or private network \(127\.0\.0\.1\).*list it in Settings/);
    const byName = await untrusted.downloadDocument(`http://localhost:${url.port}${url.pathname}`).catch((e: unknown) => e);
    expect(byName).toBeInstanceOf(DocumentError);
    expect((byName as DocumentError).message).toMatch(/localhost:\d+ is on a local or private network \((127\.0\.0\.1|::1)\)/);
    expect(documentRequests()).toEqual([]);
    expect(t.sleeps).toEqual([]);
    // An admin listing the host by name lets it through.
    const listed = t.clientFor('sandbox-demo-token', { documentHosts: () => ({ privateHosts: ['LOCALHOST'] }) });
    expect((await listed.downloadDocument(`http://localhost:${url.port}${url.pathname}`)).format).toBe('pdf');
  });

  it('checks every hop: a trusted host cannot redirect to an untrusted local one', async () => {
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'ssrf-hop');
    const url = new URL((await t.client.getLabel(label.id)).url);
    t.sandbox.clearRequests();
    const hop = `http://localhost:${url.port}${url.pathname}`;
    const error = await t.client.downloadDocument(`${t.sandbox.url}/docs/moved?to=${encodeURIComponent(hop)}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).message).toMatch(/localhost:\d+ is on a local or private network/);
    expect(documentRequests().map((r) => r.path.split('?')[0])).toEqual(['/docs/moved']);
  });
});

describe('GET /tracking/{id}', () => {
  it('reads tracking, and maps a tag it does not know to Unknown while ignoring unknown fields', async () => {
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'trk');
    const tracking = await t.client.getTracking(label.id);
    expect(tracking.tag).toBe('Pending');
    expect(tracking.checkpoints).toEqual([]);
    const future = await t.client.getTracking('future-tag');
    expect(future.tag).toBe('Unknown');
    expect(future.unknownTag).toBe('OutForDelivery');
  });

  it('turns a malformed body into a typed upstream error, without retrying', async () => {
    const { label } = await t.client.createLabel(sampleLabelRequest(), 'trk-bad');
    t.sandbox.faults.script({ kind: 'malformed', when: 'after', match: 'GET /tracking/' });
    const error = await t.client.getTracking(label.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toBeInstanceOf(StationFailure);
    expect((error as MalformedResponseError).code).toBe('UPSTREAM');
    expect((error as MalformedResponseError).message).toContain('not JSON');
    expect(t.sleeps).toEqual([]);
  });

  it("says 403 for another account's label", async () => {
    const { label } = await t.clientFor('other-account-token').createLabel(sampleLabelRequest(), 'theirs-trk');
    await expect(t.client.getTracking(label.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('transport failures', () => {
  it('retries a dropped connection and succeeds on the next attempt', async () => {
    t.sandbox.faults.script({ kind: 'drop', match: 'GET /couriers' });
    const couriers = await t.client.listCouriers();
    expect(couriers).toEqual([{ code: 'yunexpress', name: 'YunExpress' }]);
    expect(t.sleeps).toEqual([1_000]);
  });

  it('gives up with a network error when the connection keeps dropping', async () => {
    t.sandbox.faults.set({ dropRate: 1 });
    const error = await t.client.listCouriers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('NETWORK');
    expect(t.sleeps).toHaveLength(4);
  });

  it('times out a request that never answers, retries, and reports TIMEOUT when it never does', async () => {
    const client = t.clientFor('sandbox-demo-token', { timeoutMs: 150, maxAttempts: 2 });
    t.sandbox.faults.script({ kind: 'timeout', match: 'GET /couriers' });
    expect(await client.listCouriers()).toHaveLength(1);
    t.sandbox.faults.set({ timeoutRate: 1 });
    const error = await client.listCouriers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe('TIMEOUT');
  });

  it('reports a network error when nothing listens', async () => {
    const url = t.sandbox.url;
    await t.sandbox.stop();
    const client = t.clientFor('sandbox-demo-token', { baseUrl: () => url, maxAttempts: 1 });
    await expect(client.listCouriers()).rejects.toBeInstanceOf(NetworkError);
    t = await startSandboxClient();
  });
});

describe('catalog', () => {
  it('lists couriers and products, for one courier or all', async () => {
    expect(await t.client.listCouriers()).toEqual([{ code: 'yunexpress', name: 'YunExpress' }]);
    const products = await t.client.listProducts('yunexpress');
    expect(products.map((p) => p.code)).toContain('YEXP01');
    expect(products.every((p) => p.courier === 'yunexpress')).toBe(true);
    expect(await t.client.listProducts()).toEqual(products);
    await expect(t.client.listProducts('nosuchcourier')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('base URL', () => {
  it('refuses to send the token over plain HTTP to anything but loopback', async () => {
    const client = t.clientFor('sandbox-demo-token', { baseUrl: () => 'http://api.example.com' });
    const error = await client.listCouriers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).message).toContain('https://');
  });

  it('answers a 429 (undocumented) with RATE_LIMITED, not a retry storm', async () => {
    t.sandbox.faults.script({ kind: 'error', status: 429, match: 'GET /couriers' });
    const error = await t.client.listCouriers().catch((e: unknown) => e);
    expect((error as StationFailure).code).toBe('RATE_LIMITED');
    expect(t.sleeps).toEqual([]);
  });
});

describe('backoff', () => {
  it.each([
    [0, [750, 1_500, 3_000, 6_000]],
    [0.999_999, [1_250, 2_500, 5_000, 8_000]],
  ])('spreads retries ±25 %% around 1, 2, 4, 8 s and never waits past 8 s (random %s)', async (random, expected) => {
    const client = t.clientFor('sandbox-demo-token', { random: () => random });
    t.sandbox.faults.set({ errorRate: 1, errorStatus: 503 });
    await expect(client.listCouriers()).rejects.toBeInstanceOf(UpstreamError);
    expect(t.sleeps).toEqual(expected);
  });

  it('turns injected latency beyond the timeout into TIMEOUT', async () => {
    t.sandbox.faults.set({ latencyMs: 300 });
    const client = t.clientFor('sandbox-demo-token', { timeoutMs: 100, maxAttempts: 1 });
    await expect(client.listCouriers()).rejects.toBeInstanceOf(TimeoutError);
    t.sandbox.faults.clear();
    expect(await client.listCouriers()).toHaveLength(1);
  });
});
