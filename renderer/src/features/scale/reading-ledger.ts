/**
 * Which scale reading has already gone into a label, for the whole page (the
 * Create label form, every order on the pack screen): a parcel's weight is
 * taken only from a stable, non-zero reading the scale has come to since
 * the last label. The reading a label was bought with stays "used" until the
 * scale shows it has changed: back at zero, in motion, or a different stable
 * weight. So the next order never gets the previous parcel's weight just
 * because that parcel is still on the platter, while a second parcel that
 * happens to weigh the same is taken once the scale has been emptied and
 * has settled again.
 *
 * Fed by the scale connection itself (every state, even while no form is on
 * screen) and by each form that takes a weight.
 */
import type { ScaleState } from '../../../../shared/devices/weight-policy';

export class ScaleReadingLedger {
  #used: number | null = null;

  /** A state from the scale: zero, motion or another weight means the used reading has gone. */
  observe(state: ScaleState): void {
    if (this.#used === null) return;
    if (state.kind === 'empty' || state.kind === 'settling' || (state.kind === 'weighed' && state.kg !== this.#used)) this.#used = null;
  }

  /** The label is being (or has been) bought while the scale reads `kg`. */
  markUsed(kg: number): void {
    this.#used = kg;
  }

  /** True when `kg` is not the reading the last label was bought with. */
  fresh(kg: number): boolean {
    return this.#used !== kg;
  }
}
