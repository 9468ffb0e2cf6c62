/**
 * One line per network printer: labels and status questions to the same
 * printer take turns, so a status query is never sent while a label is
 * being written to that printer (a Zebra reading `~HQES` in the middle of a
 * `^GF` graphic would print garbage, and a second connection during a job
 * is refused by many print servers).
 */
export type LineTask = 'job' | 'status';

interface Line {
  tail: Promise<unknown>;
  /** Jobs queued or running on this line. */
  jobs: number;
}

export class PrinterLines {
  readonly #lines = new Map<string, Line>();

  #line(key: string): Line {
    let line = this.#lines.get(key);
    if (!line) {
      line = { tail: Promise.resolve(), jobs: 0 };
      this.#lines.set(key, line);
    }
    return line;
  }

  /** True while a job to this printer is queued or being sent. */
  busy(key: string): boolean {
    return (this.#lines.get(key)?.jobs ?? 0) > 0;
  }

  /** Runs `task` after everything already on the printer's line. */
  run<T>(key: string, kind: LineTask, task: () => Promise<T>): Promise<T> {
    const line = this.#line(key);
    if (kind === 'job') line.jobs += 1;
    const result = line.tail.then(task, task);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    line.tail = done;
    void done.then(() => {
      if (kind === 'job') line.jobs -= 1;
      if (line.tail === done && line.jobs === 0) this.#lines.delete(key);
    });
    return result;
  }
}
