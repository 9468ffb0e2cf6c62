/**
 * Documents to their printers. Every document the station prints comes
 * through here with its type; the routing rule (./routing.ts) names the
 * profile, the print service prints, and an injected recorder keeps each job
 * in the print history. Storage-free: whoever owns the history (the label
 * workflow's print_jobs, later the audit log) supplies the recorder.
 *
 * - A label goes to the label profile. Its pages that are documents (a
 *   commercial invoice delivered with the label) go whole to the documents
 *   profile when there is one; otherwise they stay in the label's job.
 * - A packing slip, document, test page or report goes to the profile of its
 *   type, else to the label profile; such documents always print whole pages
 *   (finding a label on them would crop an invoice or a handover list to a
 *   barcode).
 * - `printLabelAndSlip` prints an order's label and its packing slip in the
 *   order the label profile asks for (slip before, after, or none), one job
 *   after the other, to the two printers they route to.
 */
import type { DocumentType, PrintFailed, PrintOutcome, PrintProfile, SlipOrder } from '../../../shared/domain/printing';
import type { Language } from '../../../shared/domain/settings';
import { StationFailure } from '../../../shared/result';
import { renderPackingSlip } from '../documents/packing-slip';
import type { PackingSlip, PaperSize } from '../documents/types';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/log';
import type { LabelDocument } from './document';
import { countPages, splitByKind, type SplitDocument } from './page-split';
import type { PrintRequestOptions, PrintService } from './print-service';
import { documentPagesRoute, routeDocument, type ProfileList, type Route } from './routing';

/** What the jobs of one action are about, handed to the recorder as given. */
export interface PrintJobContext {
  /** The shipment the jobs belong to (the print history is kept per shipment). */
  shipmentId?: string;
  /** The label attempt the jobs print (the workflow's `attempt`). */
  attempt?: number;
  orderNumber?: string;
  /** `auto`: the action itself printed; `reprint`: the packer asked again. */
  reason?: 'auto' | 'reprint';
  /**
   * The caller keeps the label's own job in the history already (the label workflow writes its print_jobs row
   * before it asks to print): the recorder gets only the other jobs (the slip, the label's invoice pages).
   */
  labelRecorded?: boolean;
}

export type JobPart = 'whole' | 'label-pages' | 'document-pages';

/** One job as it is about to be sent. */
export interface PlannedJob {
  /** What is printed: a label's document pages are a `document`. */
  document: DocumentType;
  /** All of the document, or one part of a label document split between two printers. */
  part: JobPart;
  /** 1-based pages of the source document in this job; empty when it is the whole document. */
  sourcePages: number[];
  profileId: string;
  profileName: string;
  /** True when no profile takes this type and the label profile stands in. */
  fallback: boolean;
  /** Job name in the queue. */
  title: string;
  context: PrintJobContext;
}

export interface RoutedJob extends PlannedJob {
  outcome: PrintOutcome;
}

/**
 * The print history, injected. `begin` is called before the printer is asked (so a crash mid-print leaves a
 * trace) and resolves to the function that records how the job ended.
 */
export interface PrintJobRecorder {
  begin(job: PlannedJob): Promise<(outcome: PrintOutcome) => Promise<void>>;
}

export interface DocumentRouterOptions {
  service: Pick<PrintService, 'print' | 'testPrint'>;
  profiles: { list(): ProfileList };
  clock: Clock;
  log: Logger;
  recorder?: PrintJobRecorder;
  /** IANA zone the packing slip's dates are written in; the process's own by default. */
  timeZone?: string;
}

export interface LabelAndSlipRequest {
  label: LabelDocument;
  /** Job name for the label (its tracking number). */
  title: string;
  slip: PackingSlip;
  /** The packer's language, for the slip's headings. */
  language: Language;
  context?: PrintJobContext;
}

export interface LabelAndSlipResult {
  /** The label profile's rule this print followed. */
  slip: SlipOrder;
  /** Every job, in the order sent. */
  jobs: RoutedJob[];
}

/** Sheets a laser prints the slip on; anything else (a label printer) gets the 4×6 in slip. */
export function slipPaper(profile: Pick<PrintProfile, 'media'>): PaperSize {
  return profile.media.preset === 'A4' || profile.media.preset === 'Letter' ? profile.media.preset : '4x6in';
}

/** Queue name, "system default" or host:port, as the print service names targets. */
function targetOf(profile: PrintProfile): string {
  return profile.mode === 'zpl-network' ? `${profile.host}:${profile.port}` : (profile.printer ?? 'system default');
}

const NO_PROFILE = 'No print profile is set up. Add one under Printers, then print again.';

export class DocumentRouter {
  readonly #o: DocumentRouterOptions;

  constructor(options: DocumentRouterOptions) {
    this.#o = options;
  }

  /** Where a document of this type prints now; NOT_FOUND when there is no profile at all. */
  route(type: DocumentType): Route {
    const route = routeDocument(type, this.#o.profiles.list());
    if (!route) throw new StationFailure('NOT_FOUND', NO_PROFILE);
    return route;
  }

  /**
   * Prints a document of this type where it belongs (a label: its document pages possibly elsewhere). Failures
   * come back in the jobs' outcomes; only "no profile at all" throws.
   */
  async print(
    type: DocumentType,
    document: LabelDocument,
    options: { title?: string; context?: PrintJobContext } = {},
  ): Promise<RoutedJob[]> {
    const context = options.context ?? {};
    if (type === 'label') return this.#printLabel(document, options.title ?? 'Shipping label', context);
    const route = this.route(type);
    return [
      await this.#send(
        { type, part: 'whole', sourcePages: [], route, title: options.title ?? 'Shipping Station document', context },
        document,
      ),
    ];
  }

  /** The station's test page on the test-page profile (else the label profile). */
  async printTestPage(context: PrintJobContext = {}): Promise<RoutedJob> {
    const route = this.route('test-page');
    const job = this.#plan({ type: 'test-page', part: 'whole', sourcePages: [], route, title: 'Shipping Station test print', context });
    const finish = await this.#begin(job);
    const outcome = await this.#o.service.testPrint(route.profile);
    await this.#finish(finish, job, outcome);
    return { ...job, outcome };
  }

  /**
   * An order's label and its packing slip, in the label profile's order: `after` sends the label then the slip,
   * `before` the slip then the label, `none` the label alone. Each goes to its own profile (a thermal printer
   * and a laser, or both to the label printer when no profile takes slips), one job after the other. A slip
   * that cannot be written (a character no font has) is a failed job; the label prints all the same.
   */
  async printLabelAndSlip(request: LabelAndSlipRequest): Promise<LabelAndSlipResult> {
    const context = request.context ?? {};
    const list = this.#o.profiles.list();
    const labelRoute = routeDocument('label', list);
    if (!labelRoute) throw new StationFailure('NOT_FOUND', NO_PROFILE);
    const order = labelRoute.profile.packingSlip;
    if (order === 'none') return { slip: order, jobs: await this.#printLabel(request.label, request.title, context, list) };

    const slipRoute = routeDocument('packing-slip', list)!;
    const title = `Packing slip ${request.slip.orderNumber}`;
    // Written before anything is sent, so the two jobs follow each other closely.
    let slip: LabelDocument | Error;
    try {
      const paper = slipPaper(slipRoute.profile);
      slip = {
        bytes: await renderPackingSlip(request.slip, {
          language: request.language,
          paper,
          ...(paper === '4x6in' ? { printerDpi: slipRoute.profile.dpi } : {}),
          ...(this.#o.timeZone ? { timeZone: this.#o.timeZone } : {}),
          now: new Date(this.#o.clock.now()),
        }),
        format: 'pdf',
      };
    } catch (e) {
      slip = e instanceof Error ? e : new Error(String(e));
    }
    const printSlip = async (): Promise<RoutedJob> => {
      const plan = { type: 'packing-slip' as const, part: 'whole' as const, sourcePages: [], route: slipRoute, title, context };
      return slip instanceof Error ? this.#refused(plan, slip) : this.#send(plan, slip);
    };
    const jobs: RoutedJob[] = [];
    if (order === 'before') jobs.push(await printSlip());
    jobs.push(...(await this.#printLabel(request.label, request.title, context, list)));
    if (order === 'after') jobs.push(await printSlip());
    return { slip: order, jobs };
  }

  async #printLabel(
    document: LabelDocument,
    title: string,
    context: PrintJobContext,
    list = this.#o.profiles.list(),
  ): Promise<RoutedJob[]> {
    const route = routeDocument('label', list);
    if (!route) throw new StationFailure('NOT_FOUND', NO_PROFILE);
    const whole = { type: 'label' as const, part: 'whole' as const, sourcePages: [], route, title, context };
    const documentsRoute = documentPagesRoute(list, route.profile);
    if (!documentsRoute) return [await this.#send(whole, document)];
    let split: SplitDocument;
    try {
      // One page cannot split (whatever its kind, it stays with the label): most labels are not looked at twice.
      if ((await countPages(document, this.#o.log)) === 1) return [await this.#send(whole, document)];
      split = await splitByKind(document, this.#o.log);
    } catch (e) {
      // An unreadable document: the print service says so in the label's outcome, as for any label.
      this.#o.log.warn('label pages could not be sorted; the label prints as it is', {
        reason: e instanceof Error ? e.message : String(e),
      });
      return [await this.#send(whole, document)];
    }
    // All labels, or no page a label at all (then it is still the label: it stays with the label printer).
    if (!split.labels || !split.documents) return [await this.#send(whole, document)];
    this.#o.log.info('label split between printers', {
      labelPages: split.labelPages,
      documentPages: split.documentPages,
      labelProfileId: route.profile.id,
      documentsProfileId: documentsRoute.profile.id,
    });
    return [
      await this.#send({ ...whole, part: 'label-pages', sourcePages: split.labelPages }, split.labels),
      await this.#send(
        {
          type: 'document',
          part: 'document-pages',
          sourcePages: split.documentPages,
          route: documentsRoute,
          title: `${title} documents`,
          context,
        },
        split.documents,
      ),
    ];
  }

  #plan(p: {
    type: DocumentType;
    part: JobPart;
    sourcePages: number[];
    route: Route;
    title: string;
    context: PrintJobContext;
  }): PlannedJob {
    return {
      document: p.type,
      part: p.part,
      sourcePages: p.sourcePages,
      profileId: p.route.profile.id,
      profileName: p.route.profile.name,
      fallback: p.route.fallback,
      title: p.title,
      context: p.context,
    };
  }

  async #send(
    p: { type: DocumentType; part: JobPart; sourcePages: number[]; route: Route; title: string; context: PrintJobContext },
    document: LabelDocument,
  ): Promise<RoutedJob> {
    const job = this.#plan(p);
    const finish = await this.#begin(job);
    // Only labels are looked for on a sheet: on an invoice, slip or handover list that would print just a barcode.
    const profile = p.type === 'label' ? p.route.profile : { ...p.route.profile, findLabel: false };
    const request: PrintRequestOptions = { title: p.title };
    const outcome = await this.#o.service.print(document, profile, request);
    await this.#finish(finish, job, outcome);
    return { ...job, outcome };
  }

  /** A document that could not even be written (the slip) is a failed job on its printer, recorded like any other. */
  async #refused(
    p: { type: DocumentType; part: JobPart; sourcePages: number[]; route: Route; title: string; context: PrintJobContext },
    error: Error,
  ): Promise<RoutedJob> {
    const job = this.#plan(p);
    const finish = await this.#begin(job);
    const at = new Date(this.#o.clock.now()).toISOString();
    const profile = p.route.profile;
    const outcome: PrintFailed = {
      status: 'failed',
      profileId: profile.id,
      mode: profile.mode,
      target: targetOf(profile),
      pages: 0,
      copies: profile.copies,
      startedAt: at,
      finishedAt: at,
      code: 'DOCUMENT',
      reason: 'bad-document',
      message: error.message,
    };
    this.#o.log.warn('document not printed: it could not be written', { document: p.type, reason: error.message });
    await this.#finish(finish, job, outcome);
    return { ...job, outcome };
  }

  async #begin(job: PlannedJob): Promise<((outcome: PrintOutcome) => Promise<void>) | null> {
    if (!this.#o.recorder) return null;
    if (job.document === 'label' && job.context.labelRecorded) return null;
    try {
      return await this.#o.recorder.begin(job);
    } catch (e) {
      // The paper matters more than the history: print anyway, and say so.
      this.#o.log.error('print job could not be recorded before printing', { document: job.document, profileId: job.profileId, error: e });
      return null;
    }
  }

  async #finish(finish: ((outcome: PrintOutcome) => Promise<void>) | null, job: PlannedJob, outcome: PrintOutcome): Promise<void> {
    if (!finish) return;
    try {
      await finish(outcome);
    } catch (e) {
      this.#o.log.error('print job outcome could not be recorded', { document: job.document, profileId: job.profileId, error: e });
    }
  }
}
