/**
 * Finds English left in a Chinese sentence. Latin text that belongs in a
 * Chinese sentence is allowed: codes and abbreviations in capitals (US, PDF,
 * API, ISO 4217), the units kg and cm, product and brand names, key names,
 * e-mail and web addresses, file names and paths, literal values the packer
 * types or reads in a file (in quotes "…", “…” or 「…」, `true`/`false`, a list
 * of values joined by 、), and `{{params}}` still to be filled.
 */
const ALLOWED_PATTERNS = [
  /\{\{\s*\w+\s*\}\}/g,
  /[\w.+-]+@[\w-]+\.[\w.]+/g,
  /https?:\/\/\S*/g,
  // A path or a file name: docs/orders-json.md, .xls
  /[\w.-]*(?:\/[\w.-]+)+|(?<![\w])\.[a-z]{2,4}\b/g,
  // A literal in quotes (a column name, a value in the file): "format", “Weight unit”, 「Currency」
  /"[^"]*"/g,
  /“[^”\p{Script=Han}]*”/gu,
  /「[^」\p{Script=Han}]*」/gu,
  // A list of values: unfulfilled、partial、fulfilled
  /[A-Za-z_-]+(?:、[A-Za-z_-]+)+/g,
  /\b(?:true|false)\b/g,
];
/** Names that stay in Latin script in every language. */
const NAMES = [
  'Shipping Station',
  'Flash Americas',
  'Flex Forward',
  'FedEx',
  'YunExpress',
  'Shopify',
  'Excel',
  'Webhook',
  'Ctrl',
  'Enter',
  'English',
  'zip',
  'Code 128',
  'Letter',
  // Bench devices: the operating system and scale makers are named as such in Chinese too.
  'Windows',
  'Fairbanks',
  'Linux',
  // Warehouse mode: the database server is named as such in Chinese too.
  'PostgreSQL',
];
const UNITS = new Set(['kg', 'cm', 'oz', 'lb', 'mm']);

/** The English words in `text` (empty when none). */
export function englishWords(text: string): string[] {
  let rest = text;
  for (const pattern of ALLOWED_PATTERNS) rest = rest.replace(pattern, ' ');
  for (const name of NAMES) rest = rest.replaceAll(name, ' ');
  const words = rest.match(/[A-Za-z]{2,}/g) ?? [];
  return words.filter((w) => w !== w.toUpperCase() && !UNITS.has(w));
}

/** Every leaf of a nested message object, as [dotted key, text]. */
export function leaves(messages: object, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([k, v]): [string, string][] =>
    typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
  );
}
