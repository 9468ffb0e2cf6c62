/**
 * View models for the document tests and bench: recipients in the scripts
 * packing benches really see (Traditional and Simplified Chinese, Japanese,
 * Korean, Polish, Vietnamese, Greek, Cyrillic), and label records for a
 * day's handover.
 */
import type { HandoverLabelRecord, PackingSlip, PackingSlipLine } from '../../electron/core/documents/types';

/** Descriptions in several scripts, one long enough to wrap over several lines. */
export const DESCRIPTIONS = [
  '男士纯棉圆领短袖T恤 黑色 XL 码',
  '繁體中文：臺灣製造的陶瓷茶杯組（附禮盒）',
  'Wireless earbuds, charging case included',
  'Łódź — ręcznie robiona świeca sojowa, zapach: żurawina',
  'Áo thun cotton Nguyễn Thị Hương — màu xanh lá',
  'Ελληνικό ελαιόλαδο, εξαιρετικό παρθένο 500 ml',
  'Матрёшка деревянная, ручная роспись, 5 штук',
  '한국어 설명: 스테인리스 텀블러 500ml',
  '日本語：ステンレス製タンブラー、保温・保冷対応',
  'An unusually long description that has to wrap across several lines of the description column, so the table row grows to hold it and nothing is cut off at the edge of the page, whatever the paper size is.',
];

export function slipLines(count: number): PackingSlipLine[] {
  return Array.from({ length: count }, (_, i) => ({
    sku: `SKU-${String(1000 + i)}-${i % 2 === 0 ? 'BLK' : 'WHT'}-XL`,
    description: DESCRIPTIONS[i % DESCRIPTIONS.length]!,
    hsCode: i % 4 === 3 ? null : '6109.10',
    quantity: 1 + (i % 5),
  }));
}

export function sampleSlip(overrides: Partial<PackingSlip> = {}): PackingSlip {
  return {
    orderNumber: 'SO-2026-000123',
    orderDate: new Date('2026-03-01T02:00:00Z'),
    shipTo: {
      name: '陳大文',
      company: '臺灣樂器股份有限公司',
      lines: ['臺北市信義區信義路五段7號 89樓', '台北101大樓'],
      city: '臺北市',
      state: null,
      postalCode: '110',
      countryCode: 'TW',
      phone: '+886 2 8101 8800',
    },
    shipFrom: {
      name: '深圳小部件有限公司',
      lines: ['南山区科技园南区深南大道10000号'],
      city: '深圳市',
      state: '广东省',
      postalCode: '518057',
      countryCode: 'CN',
      phone: null,
    },
    lines: slipLines(DESCRIPTIONS.length),
    notes: '请小心轻放，内有易碎品。\n生日快樂！祝你天天開心 — Happy birthday, Zoë!',
    ...overrides,
  };
}

const COURIERS = [
  { courierCode: 'yunexpress', courierName: 'YunExpress 云途物流', tracking: (i: number) => `YT25030100${String(i).padStart(5, '0')}` },
  { courierCode: '4px', courierName: '4PX 递四方', tracking: (i: number) => `4PX300${String(9_000_000 + i)}CN` },
  { courierCode: 'ups', courierName: 'UPS', tracking: (i: number) => `1Z999AA1${String(1_234_567_890 + i)}` },
] as const;

const PACKERS = ['王芳', 'Li Wei', 'Ана Петрова', null] as const;

/**
 * `count` labels from `from`, one every `everyMs`, round-robin over three
 * couriers and four packers (one of them "nobody on duty"); every
 * `voidEvery`th label is voided (0: none).
 */
export function handoverRecords(count: number, from: Date, options: { everyMs?: number; voidEvery?: number } = {}): HandoverLabelRecord[] {
  const every = options.everyMs ?? 60_000;
  const voidEvery = options.voidEvery ?? 0;
  return Array.from({ length: count }, (_, i) => {
    const courier = COURIERS[i % COURIERS.length]!;
    return {
      courierCode: courier.courierCode,
      courierName: courier.courierName,
      trackingNumber: courier.tracking(i),
      orderNumber: i % 10 === 9 ? null : `SO-${String(10_000 + i)}`,
      parcels: 1 + (i % 3),
      weightKg: Math.round((0.25 + (i % 7) * 0.333) * 1000) / 1000,
      createdAt: new Date(from.getTime() + i * every),
      voided: voidEvery > 0 && i % voidEvery === voidEvery - 1,
      packer: PACKERS[i % PACKERS.length]!,
    };
  });
}
