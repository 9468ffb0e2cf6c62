/** Local days as the packer means them: midnight to midnight in this computer's time zone. */

/** `YYYY-MM-DDTHH:mm` for a datetime-local input. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Local midnight `offsetDays` from today, to the next local midnight. */
export function localDay(now: Date, offsetDays = 0): { from: string; to: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offsetDays);
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offsetDays + 1);
  return { from: toLocalInput(from), to: toLocalInput(to) };
}

/** A datetime-local value as an ISO instant, or null when it is not a time. */
export function fromLocalInput(value: string): string | null {
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
