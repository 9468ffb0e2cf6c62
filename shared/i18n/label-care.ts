/**
 * Labels a packer must not buy twice or can put right (issue 11): the
 * duplicate-order question, voiding a label made by mistake, a rejected label
 * corrected and tried again, and the "Needs action" filter. Their own section,
 * spread into en.ts, zh-CN.ts and zh-TW.ts, so the catalogue's other owners
 * never edit the same lines; the type makes each language carry every key.
 */
export const labelCareEn = {
  labelCare: {
    duplicate: {
      title: 'Order {{order}} already has label {{label}}: create another?',
      titleNoTracking: 'Order {{order}} already has a label: create another?',
      body: 'Nothing has been bought yet. A second label is charged as a second shipment.',
      no: 'No, keep the one label',
      yes: 'Yes, create another',
      open: 'Open the existing label',
      kept: 'No label was bought. Order {{order}} keeps its label {{label}}.',
      keptNoTracking: 'No label was bought. Order {{order}} keeps its label.',
    },
  },
};

export type LabelCareMessages = typeof labelCareEn;

export const labelCareZhCN: LabelCareMessages = {
  labelCare: {
    duplicate: {
      title: '订单 {{order}} 已有标签 {{label}}：要再创建一个吗？',
      titleNoTracking: '订单 {{order}} 已有标签：要再创建一个吗？',
      body: '目前尚未购买任何标签。第二个标签将按第二票货件计费。',
      no: '不，只保留这一个标签',
      yes: '是，再创建一个',
      open: '打开已有标签',
      kept: '未购买标签。订单 {{order}} 保留其标签 {{label}}。',
      keptNoTracking: '未购买标签。订单 {{order}} 保留其标签。',
    },
  },
};

export const labelCareZhTW: LabelCareMessages = {
  labelCare: {
    duplicate: {
      title: '訂單 {{order}} 已有標籤 {{label}}：要再建立一個嗎？',
      titleNoTracking: '訂單 {{order}} 已有標籤：要再建立一個嗎？',
      body: '目前尚未購買任何標籤。第二個標籤將按第二筆貨件計費。',
      no: '不，只保留這一個標籤',
      yes: '是，再建立一個',
      open: '開啟已有標籤',
      kept: '未購買標籤。訂單 {{order}} 保留其標籤 {{label}}。',
      keptNoTracking: '未購買標籤。訂單 {{order}} 保留其標籤。',
    },
  },
};
