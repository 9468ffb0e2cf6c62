/**
 * The sheet of station command barcodes (issue 12) the packer keeps beside
 * the bench: each command's name and what it does in the packer's language,
 * its Code 128 barcode, and the payload printed under it (shared/scan/commands.ts).
 * A4, Letter or 4×6 in, like the other documents.
 */
import { translate } from '../../../shared/i18n';
import { commandPayload, STATION_COMMANDS } from '../../../shared/scan/commands';
import { DocumentCanvas } from './canvas';
import type { DocumentOptions } from './types';

/** Taller than a slip's barcode: scanned from arm's length, often at an angle. */
const BARCODE_HEIGHT_FACTOR = 1.6;
const GAP_EM = 1.2;

export async function renderCommandSheet(options: DocumentOptions): Promise<Uint8Array> {
  const say = (key: string) => translate(options.language, `orderDesk.commands.${key}`);
  const canvas = await DocumentCanvas.open(options, say('sheetTitle'));
  const p = canvas.paper;
  canvas.startSection(say('footer'), (c) => {
    c.flow([c.set(say('sheetTitle'), 'header')], c.left, { size: p.titlePt, bold: true });
    c.y -= p.bodyPt * 0.5;
  });
  canvas.paragraph(say('sheetIntro'), 'intro', { size: p.bodyPt });
  const barHeight = p.barcodeHeightPt * BARCODE_HEIGHT_FACTOR;
  for (const command of STATION_COMMANDS) {
    const payload = commandPayload(command);
    const caption = canvas.wrap(say(command), command, p.headingPt, canvas.contentWidth);
    const moduleDots = canvas.barcodeModuleDots(payload, command, canvas.contentWidth);
    canvas.ensure(p.bodyPt * GAP_EM + caption.length * canvas.lineHeight(p.headingPt) + barHeight + canvas.lineHeight(p.bodyPt) * 2);
    canvas.y -= p.bodyPt * GAP_EM;
    canvas.flow(caption, canvas.left, { size: p.headingPt, bold: true });
    canvas.y -= p.bodyPt * 0.4;
    canvas.drawBarcode(payload, moduleDots, canvas.left, canvas.y - barHeight, barHeight);
    canvas.y -= barHeight;
    canvas.flow([canvas.set(payload, command)], canvas.left, { size: p.bodyPt, bold: true });
  }
  return canvas.save();
}
