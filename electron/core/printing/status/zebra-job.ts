/**
 * Did the label really come out of a network Zebra? TCP only says the bytes
 * arrived. Where the printer reports it, the station reads the printer's own
 * label counter (SGD `odometer.total_label_count`, Link-OS printers) before
 * and after the job; otherwise `~HS`'s formats-in-buffer and labels-remaining
 * going from busy to idle. A fault while the job waits (paper out) is "held":
 * the printer keeps the label and prints it once the fault is cleared. When
 * neither says anything certain, the job stays honestly "sent".
 */
import { Socket } from 'node:net';
import type { QueueConditions } from '../backend';
import { zebraConditions } from './zebra';
import { queryZebra, type ZebraQueryOptions } from './zebra-query';

/** The printer answers a getvar in milliseconds; a printer without SGD stays silent, so keep this short. */
export const LABEL_COUNTER_TIMEOUT_MS = 400;
/** A 4×6 label prints in 1–2 s at 4–6 ips; past this window the job stays "sent". */
export const CONFIRM_WINDOW_MS = 10_000;
export const CONFIRM_POLL_MS = 200;
/** Without a counter, answers in a row that never showed the job before the station stops waiting for it to appear. */
export const IDLE_ANSWERS_BEFORE_GIVING_UP = 3;

export const LABEL_COUNTER_QUERY = '! U1 getvar "odometer.total_label_count"\r\n';

export type JobConfirmation = { kind: 'printed' } | { kind: 'held'; conditions: QueueConditions } | { kind: 'sent' };

export interface JobWatchOptions {
  counterTimeoutMs?: number;
  windowMs?: number;
  pollMs?: number;
  zebra?: ZebraQueryOptions;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** The printer's total label count, or null when it does not answer the SGD query in time. */
export function readLabelCounter(host: string, port: number, timeoutMs = LABEL_COUNTER_TIMEOUT_MS): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let text = '';
    let done = false;
    const finish = (value: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.once('error', () => finish(null));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const m = /"(\d+)"/.exec(text);
      if (m) finish(Number(m[1]));
    });
    socket.once('close', () => finish(null));
    socket.connect(port, host, () => socket.write(LABEL_COUNTER_QUERY));
  });
}

/**
 * Watches a job just sent: `counterBefore` is the label counter read before
 * it (null when the printer has none), `labels` how many labels it makes.
 */
export async function watchJob(
  host: string,
  port: number,
  job: { counterBefore: number | null; labels: number },
  options: JobWatchOptions = {},
): Promise<JobConfirmation> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + (options.windowMs ?? CONFIRM_WINDOW_MS);
  let seenBusy = false;
  let idleAnswers = 0;
  for (;;) {
    if (job.counterBefore !== null) {
      const count = await readLabelCounter(host, port, options.counterTimeoutMs);
      if (count !== null && count >= job.counterBefore + job.labels) return { kind: 'printed' };
    }
    const answer = await queryZebra(host, port, options.zebra);
    if (answer.kind !== 'answered') return { kind: 'sent' };
    const conditions = zebraConditions(answer.extended, answer.host);
    if (conditions.faults.length > 0) return { kind: 'held', conditions };
    if (job.counterBefore === null) {
      if (answer.host === null) return { kind: 'sent' };
      if (conditions.busy) seenBusy = true;
      // Idle before we ever saw it busy could also mean "not parsed yet": only busy → idle counts.
      else if (seenBusy) return { kind: 'printed' };
      else if (++idleAnswers >= IDLE_ANSWERS_BEFORE_GIVING_UP) return { kind: 'sent' };
    }
    if (now() >= deadline) return { kind: 'sent' };
    await sleep(options.pollMs ?? CONFIRM_POLL_MS);
  }
}
