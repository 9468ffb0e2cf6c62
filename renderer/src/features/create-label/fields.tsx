import { createContext, useContext, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { PlacedErrors } from './form-model';

export const ErrorsContext = createContext<PlacedErrors>({ at: new Map(), unplaced: [] });

/** One id per request path, so an error can move focus to its box. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]/g, '-')}`;

function useFieldErrors(path: string) {
  const messages = useContext(ErrorsContext).at.get(path) ?? [];
  const errorId = `${fieldId(path)}-error`;
  return { messages, errorId, invalid: messages.length > 0 };
}

export function FieldErrors({ path }: { path: string }) {
  const { messages, errorId } = useFieldErrors(path);
  if (messages.length === 0) return null;
  return (
    <span className="field-error" id={errorId} data-field={path}>
      {messages.join(' ')}
    </span>
  );
}

type TextFieldProps = { path: string; label: string; value: string; onValue(v: string): void; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'id'
>;

/** What every control of the form carries: its id and name from the field path, and its error wiring. */
function useControlProps(path: string) {
  const { invalid, errorId } = useFieldErrors(path);
  return { id: fieldId(path), name: path, 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? errorId : undefined };
}

export function TextField({ path, label, value, onValue, className, ...rest }: TextFieldProps) {
  const control = useControlProps(path);
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={control.id}>{label}</label>
      <input {...control} value={value} onChange={(e) => onValue(e.target.value)} autoComplete="off" {...rest} />
      <FieldErrors path={path} />
    </div>
  );
}

type SelectFieldProps = {
  path: string;
  label: string;
  value: string;
  onValue(v: string): void;
  children: ReactNode;
  className?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'id'>;

export function SelectField({ path, label, value, onValue, children, className, ...rest }: SelectFieldProps) {
  const control = useControlProps(path);
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={control.id}>{label}</label>
      <select {...control} value={value} onChange={(e) => onValue(e.target.value)} {...rest}>
        {children}
      </select>
      <FieldErrors path={path} />
    </div>
  );
}
