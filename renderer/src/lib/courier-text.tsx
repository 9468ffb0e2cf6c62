import { createElement, type ReactNode } from 'react';

const HAN = /\p{Script=Han}/u;

/**
 * Words a courier or carrier wrote (a checkpoint, a status message), shown
 * as sent. In Latin script they are English in practice: marked `lang="en"`
 * so a screen reader on a Chinese screen reads them with an English voice.
 */
export function CourierText({ text, className, as = 'span' }: { text: string; className?: string; as?: 'span' | 'p' }): ReactNode {
  return createElement(as, { className, lang: HAN.test(text) ? undefined : 'en' }, text);
}

/**
 * A problem or refusal, in the words the station or the courier gave,
 * read out at once (role alert); nothing when there is none.
 */
export function AlertText({ text }: { text: string | null | undefined }): ReactNode {
  if (!text) return null;
  return createElement('p', { className: 'error', role: 'alert' }, createElement(CourierText, { text }));
}
