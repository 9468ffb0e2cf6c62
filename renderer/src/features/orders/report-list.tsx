import { useTranslation } from 'react-i18next';
import { CourierText } from '../../lib/courier-text';

/** Problems, skipped orders and refused rows listed in full up to this many; the rest are counted. */
export const REPORT_LIST_MAX = 50;

/**
 * One titled list of an import's report (problems, skipped orders, refused
 * catalogue rows): nothing when empty, the first REPORT_LIST_MAX items in
 * full and a count of the rest (`more` words it; the order import's wording
 * by default).
 */
export function ReportList({
  title,
  items,
  testId,
  heading = 'h4',
  more,
}: {
  title: string;
  items: readonly string[];
  testId: string;
  heading?: 'h4' | 'h5';
  more?: (count: number) => string;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const Heading = heading;
  const rest = items.length - REPORT_LIST_MAX;
  return (
    <section aria-labelledby={`${testId}-title`} data-testid={testId}>
      <Heading id={`${testId}-title`}>{title}</Heading>
      <ul className="report-list">
        {items.slice(0, REPORT_LIST_MAX).map((text, i) => (
          <li key={i}>
            <CourierText text={text} />
          </li>
        ))}
      </ul>
      {rest > 0 && <p className="hint">{more ? more(rest) : t('importScreen.moreProblems', { count: rest })}</p>}
    </section>
  );
}
