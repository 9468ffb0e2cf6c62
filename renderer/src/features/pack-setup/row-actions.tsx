import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Delete in two presses, one row at a time: the first press arms the row's
 * Delete (aria-pressed, and the notice says a second press deletes), the
 * second deletes; moving off the button disarms it, so a stray press later
 * never deletes.
 */
export function useDeleteConfirm(onArm: (notice: string) => void) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState<string | null>(null);
  return {
    armed,
    /** True when this press is the second one, so the row should be deleted now. */
    press(key: string, name: string): boolean {
      if (armed !== key) {
        setArmed(key);
        onArm(t('packSetup.confirmDelete', { name }));
        return false;
      }
      setArmed(null);
      return true;
    },
    disarm(key: string) {
      setArmed((a) => (a === key ? null : a));
    },
  };
}

export type DeleteConfirm = ReturnType<typeof useDeleteConfirm>;

/** A row's Edit and (two-press) Delete buttons, labelled with the row's name for screen readers. */
export function EditDeleteButtons({
  rowKey,
  name,
  confirm,
  onEdit,
  onDelete,
}: {
  rowKey: string;
  name: string;
  confirm: DeleteConfirm;
  onEdit(): void;
  onDelete(): Promise<void> | void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="link-button" aria-label={`${t('packSetup.edit')} ${name}`} onClick={onEdit}>
        {t('packSetup.edit')}
      </button>
      <button
        type="button"
        className="link-button danger-text"
        aria-label={`${t('packSetup.delete')} ${name}`}
        aria-pressed={confirm.armed === rowKey ? true : undefined}
        onClick={() => {
          if (confirm.press(rowKey, name)) void onDelete();
        }}
        onBlur={() => confirm.disarm(rowKey)}
      >
        {t('packSetup.delete')}
      </button>
    </>
  );
}
