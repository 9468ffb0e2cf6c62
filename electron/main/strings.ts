/**
 * The few sentences the main process shows itself (tray, desktop
 * notifications), in the app's languages. The renderer has its own i18n
 * catalogue; main keeps this small table so it does not import renderer code.
 */
import type { Language } from '../../shared/domain/settings';
import type { Tag } from '../../shared/domain/tags';

export interface MainStrings {
  open: string;
  pauseTracking: string;
  resumeTracking: string;
  recent: string;
  noRecent: string;
  quit: string;
  health: { ok: string; paused: string; backingOff: string; printerProblem: string };
  tagTitle: Record<Tag, string>;
  digestTitle: (count: number) => string;
  digestBody: (byTag: string) => string;
  /** Pieces of a single change's body: "YT123 · order A-1 · to Pat Buyer". */
  someShipment: string;
  order: (order: string) => string;
  to: (name: string) => string;
  keepsRunning: string;
  settingsRepaired: string;
}

const en: MainStrings = {
  open: 'Open Shipping Station',
  pauseTracking: 'Pause tracking',
  resumeTracking: 'Resume tracking',
  recent: 'Recent notifications',
  noRecent: 'No notifications yet',
  quit: 'Quit',
  health: {
    ok: 'Shipping Station: all good',
    paused: 'Shipping Station: tracking paused',
    backingOff: 'Shipping Station: the API is not answering, retrying later',
    printerProblem: 'Shipping Station: printer problem, check the printer',
  },
  tagTitle: {
    Pending: 'Shipment pending',
    InfoReceived: 'Carrier received the shipment info',
    InTransit: 'Shipment in transit',
    Exception: 'Shipment exception: needs attention',
    Delivered: 'Shipment delivered',
    Cancelled: 'Shipment cancelled',
    Unknown: 'Shipment status changed',
  },
  digestTitle: (n) => `${n} shipments changed status`,
  digestBody: (byTag) => byTag,
  someShipment: 'A shipment',
  order: (o) => `order ${o}`,
  to: (n) => `to ${n}`,
  keepsRunning: 'Shipping Station keeps printing and tracking in the background. Quit it from the tray icon.',
  settingsRepaired: 'Shipping Station repaired its settings: please check them',
};

const zhCN: MainStrings = {
  open: '打开 Shipping Station',
  pauseTracking: '暂停跟踪',
  resumeTracking: '恢复跟踪',
  recent: '最近通知',
  noRecent: '暂无通知',
  quit: '退出',
  health: {
    ok: 'Shipping Station：一切正常',
    paused: 'Shipping Station：跟踪已暂停',
    backingOff: 'Shipping Station：API 无响应，稍后重试',
    printerProblem: 'Shipping Station：打印机故障，请检查打印机',
  },
  tagTitle: {
    Pending: '运单待处理',
    InfoReceived: '承运商已收到运单信息',
    InTransit: '运输中',
    Exception: '运单异常：需要处理',
    Delivered: '已签收',
    Cancelled: '运单已取消',
    Unknown: '运单状态已更新',
  },
  digestTitle: (n) => `${n} 个运单状态已更新`,
  digestBody: (byTag) => byTag,
  someShipment: '一个货件',
  order: (o) => `订单 ${o}`,
  to: (n) => `收件人 ${n}`,
  keepsRunning: 'Shipping Station 会在后台继续打印和跟踪。可从托盘图标退出。',
  settingsRepaired: 'Shipping Station 已修复其设置，请检查',
};

const zhTW: MainStrings = {
  open: '開啟 Shipping Station',
  pauseTracking: '暫停追蹤',
  resumeTracking: '恢復追蹤',
  recent: '最近通知',
  noRecent: '尚無通知',
  quit: '結束',
  health: {
    ok: 'Shipping Station：一切正常',
    paused: 'Shipping Station：追蹤已暫停',
    backingOff: 'Shipping Station：API 沒有回應，稍後重試',
    printerProblem: 'Shipping Station：印表機問題，請檢查印表機',
  },
  tagTitle: {
    Pending: '貨件待處理',
    InfoReceived: '貨運商已收到貨件資料',
    InTransit: '運送中',
    Exception: '貨件異常：需要處理',
    Delivered: '已送達',
    Cancelled: '貨件已取消',
    Unknown: '貨件狀態已更新',
  },
  digestTitle: (n) => `${n} 個貨件狀態已更新`,
  digestBody: (byTag) => byTag,
  someShipment: '一件貨件',
  order: (o) => `訂單 ${o}`,
  to: (n) => `收件人 ${n}`,
  keepsRunning: 'Shipping Station 會在背景繼續列印與追蹤。可從系統匣圖示結束。',
  settingsRepaired: 'Shipping Station 已修復其設定，請檢查',
};

const TABLE: Record<Language, MainStrings> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/** The setting wins; otherwise the OS locale (zh-HK/zh-MO/zh-Hant read as Traditional). */
export function resolveLanguage(setting: Language | null, osLocale: string): Language {
  if (setting) return setting;
  const locale = osLocale.toLowerCase();
  if (!locale.startsWith('zh')) return 'en';
  return /hant|tw|hk|mo/.test(locale) ? 'zh-TW' : 'zh-CN';
}

export function mainStrings(language: Language): MainStrings {
  return TABLE[language];
}
