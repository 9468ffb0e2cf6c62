/**
 * The optional scan sound (Settings → Scanner): one short high tone when the
 * scan found something, two low ones when it did not, so a packer looking at
 * the parcel knows without looking up. Made with Web Audio (no sound file to
 * load, nothing for the CSP to allow); silent where there is no audio.
 */
export type ScanTone = 'ok' | 'error';

interface ToneStep {
  hz: number;
  startS: number;
  lengthS: number;
}

export const SCAN_TONES: Readonly<Record<ScanTone, readonly ToneStep[]>> = {
  ok: [{ hz: 1_320, startS: 0, lengthS: 0.09 }],
  error: [
    { hz: 220, startS: 0, lengthS: 0.14 },
    { hz: 220, startS: 0.2, lengthS: 0.14 },
  ],
};
const VOLUME = 0.2;

type AudioContextClass = new () => AudioContext;
let context: AudioContext | null = null;

export function playScanTone(tone: ScanTone, win: Window & { AudioContext?: AudioContextClass } = window): void {
  const Ctor = win.AudioContext;
  if (!Ctor) return;
  try {
    context ??= new Ctor();
    const ctx = context;
    // A context made before the packer's first key starts suspended (autoplay policy); a keystroke lets it run.
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    for (const step of SCAN_TONES[tone]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone === 'ok' ? 'sine' : 'square';
      osc.frequency.value = step.hz;
      gain.gain.value = VOLUME;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + step.startS);
      osc.stop(ctx.currentTime + step.startS + step.lengthS);
    }
  } catch {
    // No audio device: the toast says it all.
  }
}

/** Tests make a fresh context each time. */
export function resetScanToneContext(): void {
  context = null;
}
