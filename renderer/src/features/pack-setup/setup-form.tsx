import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertText } from '../../lib/courier-text';
import { focusFirstError } from './setup-fields';

/**
 * The form's problem line (what to fix, or the station's refusal) and the
 * move to its first marked field once React has drawn the marks.
 */
export function useFormProblem() {
  const form = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    form,
    problem,
    show(message: string) {
      setProblem(message);
      setTimeout(() => focusFirstError(form.current), 0);
    },
    clear() {
      setProblem(null);
    },
  };
}

/**
 * An add / edit form of the packing setup: its title, the problem line, the
 * fields, then Save and Cancel; Escape cancels like the Cancel button.
 */
export function SetupForm({
  form,
  className,
  titleId,
  title,
  heading = 'h4',
  problem,
  busy,
  testId,
  onSubmit,
  onCancel,
  children,
}: {
  form: RefObject<HTMLFormElement | null>;
  className: string;
  titleId: string;
  title: string;
  heading?: 'h4' | 'h5';
  problem: string | null;
  busy?: boolean;
  testId: string;
  onSubmit(e: FormEvent): Promise<void>;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const Heading = heading;
  return (
    <form
      ref={form}
      className={className}
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      data-testid={testId}
    >
      <Heading id={titleId} className={heading === 'h4' ? 'box-head' : undefined}>
        {title}
      </Heading>
      <AlertText text={problem} />
      {children}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('packSetup.save')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('packSetup.cancel')}
        </button>
      </div>
    </form>
  );
}
