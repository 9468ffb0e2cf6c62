/**
 * Packers and the packer on duty (issue 13), on a real database of each
 * dialect: added, renamed, retired and brought back; names and badges kept
 * apart; on duty from the list or by badge, local to the station's settings;
 * a retired or unknown badge refused with the packer on duty unchanged. Then
 * through a whole station: a badge scan goes to scan:resolve before anything
 * else and puts the packer on duty in one scan; the badge sheet's barcodes read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StationDb } from '../../../electron/core/db/open';
import { PackerDesk } from '../../../electron/core/packers/packer-desk';
import { MemorySettingsStore } from '../../../electron/core/settings/types';
import { silentLoggerFactory } from '../../../electron/core/util/log';
import { badgePayload, parseBadgeBarcode, type PackersView } from '../../../shared/domain/packers';
import { StationFailure } from '../../../shared/result';
import { testDialects, testStore, type TestStore } from '../../helpers/dialects';
import { ManualClock } from '../../helpers/manual-clock';
import { caller, value, type Call } from '../../helpers/orders';
import { startTestStation, type TestStation } from '../../helpers/station';
import { renderPages, popplerAvailable } from '../../helpers/pdf-check';
import { readBarcodesFrom } from '../../helpers/zpl-check';

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof StationFailure) return e;
    throw e;
  }
  throw new Error('expected a StationFailure');
};

describe.each(await testDialects())('packers on %s', (dialect) => {
  let store: TestStore;
  let db: StationDb;
  let settings: MemorySettingsStore;
  let desk: PackerDesk;
  const changes: string[] = [];
  beforeAll(async () => {
    store = await testStore(dialect);
    db = await store.open();
  });
  afterAll(async () => {
    await db.close();
    await store.dispose();
  });
  const fresh = (s = new MemorySettingsStore()) => {
    settings = s;
    desk = new PackerDesk({
      db: db.db,
      clock: new ManualClock(Date.parse('2026-03-01T08:00:00Z')),
      settings,
      logger: silentLoggerFactory('packers'),
      onChanged: (_v, c) => void changes.push(c.kind),
    });
    return desk;
  };

  it('adds packers with a made-up badge when none is given, renames one, and keeps names and badges apart', async () => {
    fresh();
    await desk.save({ name: 'Li Wei' });
    let view = await desk.save({ name: 'Ana Costa', badge: 'ana-7' });
    const li = view.packers.find((p) => p.name === 'Li Wei')!;
    const ana = view.packers.find((p) => p.name === 'Ana Costa')!;
    expect(li.badge).toMatch(/^\d{4}$/);
    expect(ana.badge).toBe('ANA-7');
    expect((await failure(desk.save({ name: 'li wei' }))).code).toBe('CONFLICT');
    const clash = await failure(desk.save({ name: 'Sam', badge: 'Ana-7' }));
    expect(clash.message).toContain('Ana Costa');
    expect(clash.fields?.[0]?.field).toBe('badge');
    view = await desk.save({ id: li.id, name: 'Li Wei (days)' });
    expect(view.packers.find((p) => p.id === li.id)).toMatchObject({ name: 'Li Wei (days)', badge: li.badge });
    expect(changes).toEqual(expect.arrayContaining(['added', 'renamed']));
  });

  it("puts a packer on duty from the list or by badge, in this station's settings only", async () => {
    fresh();
    const { packers } = await desk.view();
    const ana = packers.find((p) => p.name === 'Ana Costa')!;
    const li = packers.find((p) => p.name.startsWith('Li Wei'))!;
    expect((await desk.setOnDuty(li.id)).onDuty?.id).toBe(li.id);
    expect(settings.get().packerOnDutyId).toBe(li.id);
    // One scan hands over.
    expect((await desk.scanBadge('ana-7')).id).toBe(ana.id);
    expect((await desk.view()).onDuty?.name).toBe('Ana Costa');
    // Another station (its own settings) has nobody on duty.
    const other = new PackerDesk({
      db: db.db,
      clock: new ManualClock(0),
      settings: new MemorySettingsStore(),
      logger: silentLoggerFactory('packers'),
    });
    expect((await other.view()).onDuty).toBeNull();
    // An unknown badge is refused; whoever was on duty stays.
    const unknown = await failure(desk.scanBadge('9999'));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toMatch(/No packer has badge 9999.*Settings › Packers/);
    expect((await desk.view()).onDuty?.name).toBe('Ana Costa');
    expect((await desk.setOnDuty(null)).onDuty).toBeNull();
  });

  it('retires a packer (off duty, badge refused, still listed) and brings them back', async () => {
    fresh();
    const ana = (await desk.view()).packers.find((p) => p.name === 'Ana Costa')!;
    await desk.setOnDuty(ana.id);
    const view = await desk.setRetired(ana.id, true);
    expect(view.onDuty).toBeNull();
    expect(view.packers.at(-1)).toMatchObject({ id: ana.id, retired: true });
    expect((await failure(desk.scanBadge(ana.badge))).message).toContain('retired');
    expect((await failure(desk.setOnDuty(ana.id))).code).toBe('CONFLICT');
    // The name is free for a new packer while Ana is retired; bringing her back then asks for a rename first.
    await desk.save({ name: 'Ana Costa', badge: 'ANA-8' });
    expect((await failure(desk.setRetired(ana.id, false))).message).toContain('Rename');
    const other = (await desk.view()).packers.find((p) => p.badge === 'ANA-8')!;
    await desk.save({ id: other.id, name: 'Ana Souza' });
    expect((await desk.setRetired(ana.id, false)).packers.find((p) => p.id === ana.id)?.retired).toBe(false);
  });
});

describe('badge barcodes', () => {
  it('reads %BADGE-code and %BADGE:code in any case, and nothing else', () => {
    expect(badgePayload('0042')).toBe('%BADGE-0042');
    expect(parseBadgeBarcode('%badge-0042')).toBe('0042');
    expect(parseBadgeBarcode(' %BADGE:li-wei ')).toBe('LI-WEI');
    expect(parseBadgeBarcode('%BADGES-1')).toBeNull();
    expect(parseBadgeBarcode('%SHIP')).toBeNull();
    expect(parseBadgeBarcode('BADGE-0042')).toBeNull();
    expect(parseBadgeBarcode('%BADGE-')).toBeNull();
  });
});

describe('packers through a station', () => {
  let t: TestStation;
  let call: Call;
  afterEach(async () => t?.dispose());

  it('a badge scan is resolved before anything else and puts the packer on duty; the status hears of it', async () => {
    t = await startTestStation({ settings: { autoPrint: false } });
    call = caller(t.station);
    const heard: PackersView[] = [];
    t.station.events.subscribe((e) => e.type === 'packers:changed' && heard.push(e.payload as PackersView));
    await value(call('packers:save', { packer: { name: 'Mei Chen', badge: '0042' } }));
    const scan = await value(call<{ kind: string; packer: { name: string } }>('scan:resolve', { code: '%BADGE-0042' }));
    expect(scan).toMatchObject({ kind: 'packer', packer: { name: 'Mei Chen' } });
    expect((await value(call<PackersView>('packers:list'))).onDuty?.name).toBe('Mei Chen');
    expect(heard.at(-1)?.onDuty?.name).toBe('Mei Chen');
    const unknown = await call('scan:resolve', { code: '%BADGE-7777' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain('No packer has badge 7777');
    // Other reserved scans are still not orders.
    expect(await value(call('scan:resolve', { code: '%SHIP' }))).toMatchObject({ kind: 'command', command: 'ship' });
  });

  it.runIf(popplerAvailable())(
    "the badge sheet carries each active packer's badge as a Code 128 that reads back",
    async () => {
      t = await startTestStation({ settings: { autoPrint: false } });
      call = caller(t.station);
      await value(call('packers:save', { packer: { name: 'Mei Chen', badge: '0042' } }));
      await value(call('packers:save', { packer: { name: '王小明', badge: 'WANG-1' } }));
      const gone = await value(call<PackersView>('packers:save', { packer: { name: 'Gone Person', badge: 'GONE' } }));
      await value(call('packers:retire', { id: gone.packers.find((p) => p.badge === 'GONE')!.id, retired: true }));
      const sheet = await value(call<{ base64: string }>('packers:badgeSheet', { paper: 'A4' }));
      const { pages } = await renderPages(new Uint8Array(Buffer.from(sheet.base64, 'base64')), 150);
      const codes = (await readBarcodesFrom(pages[0]!, 16)).filter((r) => r.format === 'Code128').map((r) => r.text);
      expect(codes.sort()).toEqual(['%BADGE-0042', '%BADGE-WANG-1']);
    },
    120_000,
  );
});
