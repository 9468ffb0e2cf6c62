import type { EndOfDay } from '../audit/end-of-day';
import type { Handlers } from '../invoke';

const range = (a: { from: string; to: string }) => ({ from: new Date(a.from), to: new Date(a.to) });

export function endOfDayHandlers(endOfDay: EndOfDay): Pick<Handlers, 'endOfDay:view' | 'endOfDay:file' | 'endOfDay:print'> {
  return {
    'endOfDay:view': (args) => endOfDay.view(range(args)),
    'endOfDay:file': async (args) => {
      const file = await endOfDay.file(range(args), args.document, args.format, args.paper);
      return { fileName: file.fileName, mimeType: file.mimeType, base64: Buffer.from(file.bytes).toString('base64') };
    },
    'endOfDay:print': (args) => endOfDay.print(range(args), args.document),
  };
}
