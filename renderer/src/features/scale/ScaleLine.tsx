import { useMixedTranslation } from '../../lib/english-text';
import { describeScale } from './use-scale';
import type { ScaleView } from './scale-connection';

/** The scale's live state in one line: weight, "settling…", or what to fix. Announced politely as it changes. */
/** `live`: announced as it changes (beside the weight field); Settings shows it without interrupting. */
export function ScaleLine({ view, id, live = true }: { view: ScaleView; id?: string; live?: boolean }) {
  const mixed = useMixedTranslation();
  const w = describeScale(view);
  return (
    <p
      id={id}
      className={`scale-line scale-${w.tone}`}
      data-testid="scale-line"
      data-tone={w.tone}
      role={live ? 'status' : undefined}
      aria-live={live ? 'polite' : undefined}
    >
      {mixed(w.key, w.params, w.english)}
    </p>
  );
}
