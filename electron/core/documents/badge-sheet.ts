/**
 * The packers' badge sheet (issue 13): each active packer's name and their
 * badge barcode (`%BADGE-<code>`, shared/domain/packers.ts), to cut out and
 * keep on a lanyard or at the bench. Scanning one puts that packer on duty.
 * A4, Letter or 4×6 in, like the other documents.
 */
import { badgePayload } from '../../../shared/domain/packers';
import { translate } from '../../../shared/i18n';
import { DocumentCanvas } from './canvas';
import type { DocumentOptions } from './types';

/** Scanned from arm's length, like the command barcodes. */
const BARCODE_HEIGHT_FACTOR = 1.6;
const GAP_EM = 1.4;

export interface BadgeSheetEntry {
  name: string;
  badge: string;
}

export async function renderBadgeSheet(packers: readonly BadgeSheetEntry[], options: DocumentOptions): Promise<Uint8Array> {
  const say = (key: string) => translate(options.language, `packers.sheet.${key}`);
  const canvas = await DocumentCanvas.open(options, say('title'));
  const p = canvas.paper;
  canvas.startSection(say('footer'), (c) => {
    c.flow([c.set(say('title'), 'header')], c.left, { size: p.titlePt, bold: true });
    c.y -= p.bodyPt * 0.5;
  });
  canvas.paragraph(say(packers.length === 0 ? 'empty' : 'intro'), 'intro', { size: p.bodyPt });
  const barHeight = p.barcodeHeightPt * BARCODE_HEIGHT_FACTOR;
  packers.forEach((packer, i) => {
    const field = `packers[${i}]`;
    const payload = badgePayload(packer.badge);
    const caption = canvas.wrap(packer.name, `${field}.name`, p.headingPt, canvas.contentWidth);
    const moduleDots = canvas.barcodeModuleDots(payload, `${field}.badge`, canvas.contentWidth);
    canvas.ensure(p.bodyPt * GAP_EM + caption.length * canvas.lineHeight(p.headingPt) + barHeight + canvas.lineHeight(p.bodyPt) * 2);
    canvas.y -= p.bodyPt * GAP_EM;
    canvas.flow(caption, canvas.left, { size: p.headingPt, bold: true });
    canvas.y -= p.bodyPt * 0.4;
    canvas.drawBarcode(payload, moduleDots, canvas.left, canvas.y - barHeight, barHeight);
    canvas.y -= barHeight;
    canvas.flow([canvas.set(payload, `${field}.badge`)], canvas.left, { size: p.bodyPt, bold: true });
  });
  return canvas.save();
}
