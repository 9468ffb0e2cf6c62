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
    void: {
      action: 'Mark as void',
      legend: 'Why is this label void?',
      note: 'Note (optional)',
      confirm: 'Mark as void here',
      cancel: 'Cancel',
      warning: 'This records the void at this station only. Flex Forward has no cancel: the courier is not told.',
      badge: 'Voided',
      banner: 'Voided {{time}} by {{by}}: {{reason}}.',
      courier: 'Voided here only: void it with the courier too.',
      reasons: {
        'wrong-address': 'Wrong address',
        'wrong-service': 'Wrong courier or service',
        duplicate: 'Duplicate label',
        'order-cancelled': 'Order cancelled',
        damaged: 'Label damaged or lost',
        other: 'Other',
      },
    },
    standing: {
      needs_action: 'Needs action',
      voided: 'Voided',
    },
    rejected: {
      message: 'The courier refused the label: {{reason}}.',
      fix: 'Correct the marked field, then press Try again: the same shipment is tried again as a new attempt.',
      fixAny: 'Check the address and service, then press Try again: the same shipment is tried again as a new attempt.',
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
    void: {
      action: '标记为作废',
      legend: '为什么作废此标签？',
      note: '备注（可选）',
      confirm: '在本机标记为作废',
      cancel: '取消',
      warning: '此操作仅在本工作站记录作废。Flex Forward 无法取消标签：承运商不会收到通知。',
      badge: '已作废',
      banner: '{{time}} 由 {{by}} 作废：{{reason}}。',
      courier: '仅在本机作废：请同时向承运商作废。',
      reasons: {
        'wrong-address': '地址错误',
        'wrong-service': '承运商或服务错误',
        duplicate: '重复标签',
        'order-cancelled': '订单已取消',
        damaged: '标签损坏或丢失',
        other: '其他',
      },
    },
    standing: {
      needs_action: '需要处理',
      voided: '已作废',
    },
    rejected: {
      message: '承运商拒绝了此标签：{{reason}}。',
      fix: '请修改标出的字段，然后按“重试”：同一货件将作为新的尝试再次提交。',
      fixAny: '请检查地址和服务，然后按“重试”：同一货件将作为新的尝试再次提交。',
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
    void: {
      action: '標記為作廢',
      legend: '為什麼作廢此標籤？',
      note: '備註（選填）',
      confirm: '在本機標記為作廢',
      cancel: '取消',
      warning: '此操作僅在本工作站記錄作廢。Flex Forward 無法取消標籤：貨運商不會收到通知。',
      badge: '已作廢',
      banner: '{{time}} 由 {{by}} 作廢：{{reason}}。',
      courier: '僅在本機作廢：請同時向貨運商作廢。',
      reasons: {
        'wrong-address': '地址錯誤',
        'wrong-service': '貨運商或服務錯誤',
        duplicate: '重複標籤',
        'order-cancelled': '訂單已取消',
        damaged: '標籤損壞或遺失',
        other: '其他',
      },
    },
    standing: {
      needs_action: '需要處理',
      voided: '已作廢',
    },
    rejected: {
      message: '貨運商拒絕了此標籤：{{reason}}。',
      fix: '請修改標出的欄位，然後按「重試」：同一貨件將作為新的嘗試再次提交。',
      fixAny: '請檢查地址和服務，然後按「重試」：同一貨件將作為新的嘗試再次提交。',
    },
  },
};
