/**
 * Every external program the printing code runs goes through a CommandRunner:
 * execFile semantics (no shell, so printer names and paths stay data), an
 * optional stdin, a timeout. Tests inject their own to check argument lists.
 */
import { spawn } from 'node:child_process';

export interface CommandOptions {
  /** Bytes written to the program's stdin (e.g. the document for `lp`). */
  input?: Uint8Array;
  /** Extra environment; merged over the station's own. */
  env?: Record<string, string>;
  timeoutMs: number;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export type CommandRunner = (file: string, args: readonly string[], options: CommandOptions) => Promise<CommandResult>;

/** A program that ran and failed, ran out of time, or could not be started. */
export class CommandError extends Error {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** `ENOENT` when the program is not installed. */
  readonly spawnCode: string | null;
  constructor(
    message: string,
    details: { exitCode: number | null; stdout: string; stderr: string; timedOut: boolean; spawnCode: string | null },
  ) {
    super(message);
    this.name = 'CommandError';
    this.exitCode = details.exitCode;
    this.stdout = details.stdout;
    this.stderr = details.stderr;
    this.timedOut = details.timedOut;
    this.spawnCode = details.spawnCode;
  }
}

/** The real runner: spawn without a shell, kill on timeout. */
export const execFileRunner: CommandRunner = (file, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      shell: false,
      windowsHide: true,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => errOut.push(c));
    // A program that exits before reading all of stdin makes the pipe fail; its exit status tells the real story.
    child.stdin.on('error', () => undefined);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new CommandError(`${file} could not be started: ${e.message}`, {
          exitCode: null,
          stdout: '',
          stderr: '',
          timedOut: false,
          spawnCode: e.code ?? null,
        }),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(errOut).toString('utf8');
      if (code === 0 && !timedOut) resolve({ stdout, stderr });
      else
        reject(
          new CommandError(timedOut ? `${file} did not finish in ${options.timeoutMs} ms` : `${file} exited with ${code}`, {
            exitCode: code,
            stdout,
            stderr,
            timedOut,
            spawnCode: null,
          }),
        );
    });
    child.stdin.end(options.input ?? undefined);
  });
