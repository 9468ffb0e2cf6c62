import type { LabelProgress } from '../../../../shared/domain/shipment-detail';

export const UI_STEPS = ['creating', 'fetching', 'printing'] as const;
export type UiStep = (typeof UI_STEPS)[number];
export type StepState = 'pending' | 'active' | 'done' | 'failed' | 'skipped';
export type Steps = Record<UiStep, StepState>;

export const initialSteps = (): Steps => ({ creating: 'active', fetching: 'pending', printing: 'pending' });

const ORDER: Record<UiStep, number> = { creating: 0, fetching: 1, printing: 2 };

/** Moves the three visible steps along with the workflow's `labels:progress` events. */
export function advance(steps: Steps, event: LabelProgress): Steps {
  const mark = (active: UiStep): Steps => {
    const next = { ...steps };
    for (const s of Object.keys(next) as UiStep[]) {
      if (ORDER[s] < ORDER[active]) next[s] = 'done';
      else if (s === active) next[s] = 'active';
    }
    return next;
  };
  switch (event.step) {
    case 'creating':
      return mark('creating');
    case 'fetching_document':
      return mark('fetching');
    case 'printing':
      return mark('printing');
    case 'done':
      return {
        creating: 'done',
        fetching: 'done',
        printing: event.state === 'printed' || event.state === 'tracked' ? 'done' : steps.printing === 'active' ? 'failed' : 'skipped',
      };
    case 'failed': {
      const next = { ...steps };
      const active = (Object.keys(next) as UiStep[]).find((s) => next[s] === 'active') ?? 'creating';
      next[active] = 'failed';
      return next;
    }
    default:
      return steps;
  }
}

/** The final picture from the result alone (for when events were missed). */
export function stepsFromState(state: string, hasError: boolean): Steps {
  if (state === 'printed' || state === 'tracked') return { creating: 'done', fetching: 'done', printing: 'done' };
  if (state === 'print_failed') return { creating: 'done', fetching: 'done', printing: 'failed' };
  if (state === 'document_ready') return { creating: 'done', fetching: 'done', printing: 'skipped' };
  if (state === 'created') return { creating: 'done', fetching: hasError ? 'failed' : 'pending', printing: 'pending' };
  return { creating: hasError ? 'failed' : 'active', fetching: 'pending', printing: 'pending' };
}
