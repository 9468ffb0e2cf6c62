/**
 * Who packed what (issue 13): packers, the audit log and the end-of-day
 * screen in every language, kept in a file of their own so the catalogue's
 * other owners never edit the same lines. en.ts, zh-CN.ts and zh-TW.ts spread
 * these in; the type makes each language carry every English key.
 */
export const auditEn = {
  packers: {
    title: 'Packers',
    intro: 'The people who pack here. The packer on duty is written with every label, print and change in the audit log.',
    name: 'Name',
    badge: 'Badge code',
    badgeHint: 'Letters, digits and "-". Left empty, the next free number is given.',
    add: 'Add packer',
    save: 'Save',
    edit: 'Edit',
    cancel: 'Cancel',
    retire: 'Retire',
    restore: 'Bring back',
    retired: 'Retired',
    none: 'No packers yet. Add the people who pack here, then print their badges.',
    printBadges: 'Badge sheet (PDF)',
    saved: 'Saved.',
    statusKey: 'Packer',
    onDuty: 'Packer on duty',
    nobody: 'Nobody on duty',
    addFirst: 'Add packers',
    scanned: 'On duty: {{name}}',
    rowLabel: '{{name}}, badge {{badge}}',
    sheet: {
      title: 'Packer badges',
      intro: 'Scan your badge at any station to go on duty there; the next badge scanned takes over.',
      empty: 'No active packers: add them in Settings › Packers.',
      footer: 'Shipping Station · packer badges',
    },
  },
};

export type AuditMessages = typeof auditEn;

export const auditZhCN: AuditMessages = {
  packers: {
    title: '打包员',
    intro: '在这里打包的人员。每张标签、每次打印和每项更改都会在审计日志中记下当班打包员。',
    name: '姓名',
    badge: '工牌编码',
    badgeHint: '字母、数字和“-”。留空则自动分配下一个空闲编号。',
    add: '添加打包员',
    save: '保存',
    edit: '编辑',
    cancel: '取消',
    retire: '停用',
    restore: '恢复',
    retired: '已停用',
    none: '还没有打包员。先添加在这里打包的人员，再打印他们的工牌。',
    printBadges: '工牌页（PDF）',
    saved: '已保存。',
    statusKey: '打包员',
    onDuty: '当班打包员',
    nobody: '无人当班',
    addFirst: '添加打包员',
    scanned: '当班：{{name}}',
    rowLabel: '{{name}}，工牌 {{badge}}',
    sheet: {
      title: '打包员工牌',
      intro: '在任一工作站扫描您的工牌即可在该站当班；扫描下一张工牌即由其接班。',
      empty: '没有在职的打包员：请在“设置 › 打包员”中添加。',
      footer: '出货工作站 · 打包员工牌',
    },
  },
};

export const auditZhTW: AuditMessages = {
  packers: {
    title: '包裝員',
    intro: '在這裡包裝的人員。每張標籤、每次列印和每項變更都會在稽核紀錄中記下當班包裝員。',
    name: '姓名',
    badge: '識別證編碼',
    badgeHint: '字母、數字和「-」。留空則自動給下一個空的編號。',
    add: '新增包裝員',
    save: '儲存',
    edit: '編輯',
    cancel: '取消',
    retire: '停用',
    restore: '恢復',
    retired: '已停用',
    none: '還沒有包裝員。先新增在這裡包裝的人員，再列印他們的識別證。',
    printBadges: '識別證頁（PDF）',
    saved: '已儲存。',
    statusKey: '包裝員',
    onDuty: '當班包裝員',
    nobody: '無人當班',
    addFirst: '新增包裝員',
    scanned: '當班：{{name}}',
    rowLabel: '{{name}}，識別證 {{badge}}',
    sheet: {
      title: '包裝員識別證',
      intro: '在任一工作站掃描您的識別證即可在該站當班；掃描下一張識別證即由其接班。',
      empty: '沒有在職的包裝員：請在「設定 › 包裝員」中新增。',
      footer: '出貨工作站 · 包裝員識別證',
    },
  },
};
