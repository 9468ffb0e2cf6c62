/**
 * A station process of the multi-station tests and the site bench
 * (site-child.ts, the real station composition): calls over its stdin and
 * stdout as JSON lines, SIGTERM to stop as the app does, SIGKILL to crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The child script, for `new StationProcess(SITE_CHILD_SCRIPT, input)`. */
export const SITE_CHILD_SCRIPT = join(import.meta.dirname, 'site-child.ts');

export type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export class StationProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<string>;
  readonly exited: Promise<void>;
  #next = 0;
  readonly #pending = new Map<number, (r: Result) => void>();
  #stderr = '';

  constructor(script: string, input: object) {
    this.child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, SITE_CHILD: JSON.stringify(input) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.#stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code, signal) => reject(new Error(`station exited (${code ?? signal}) before ready: ${this.#stderr}`)));
      createInterface({ input: this.child.stdout! }).on('line', (line) => {
        const msg = JSON.parse(line) as { event?: string; stationId?: string; id?: number; result?: Result };
        if (msg.event === 'ready') resolve(msg.stationId!);
        else if (msg.id !== undefined) {
          this.#pending.get(msg.id)?.(msg.result!);
          this.#pending.delete(msg.id);
        }
      });
    });
  }

  call(name: string, args: unknown): Promise<Result> {
    const id = ++this.#next;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.child.stdin!.write(`${JSON.stringify({ id, call: name, args })}\n`);
    });
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
