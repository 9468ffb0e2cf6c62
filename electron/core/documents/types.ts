/**
 * View models of the documents the station writes. They are plain data:
 * whoever wires documents to orders, waves or the audit log maps its records
 * onto these, and the writers never touch storage.
 */
import type { Language } from '../../../shared/domain/settings';

/** Paper the documents are laid out for: sheets for a laser printer, or a 4×6 in thermal label. */
export const PAPER_SIZES = ['A4', 'Letter', '4x6in'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export interface DocumentOptions {
  /** The packer's language: headings, column names, dates and numbers. Recipient data prints as given. */
  language: Language;
  paper: PaperSize;
  /** IANA time zone the times are written in (the station's own); defaults to the process's. */
  timeZone?: string;
  /**
   * Resolution of the printer the document is meant for, in dots per inch.
   * Barcode bars are whole dots at this resolution so none is rounded thinner
   * than its neighbours. Defaults: 203 for 4×6 (thermal), 600 for A4/Letter (laser;
   * whole dots at 600 are whole dots at 300 too).
   */
  printerDpi?: number;
  /** When the document is written (printed in the footer, and the PDF's dates); defaults to now. */
  now?: Date;
}

/** An address as it is printed: any script, nothing transliterated. */
export interface DocumentAddress {
  name: string;
  company?: string | null;
  /** Street lines, in order. */
  lines: readonly string[];
  city: string;
  state?: string | null;
  postalCode?: string | null;
  /** ISO 3166-1 alpha-2; printed with its English name, as customs and couriers read it. */
  countryCode: string;
  phone?: string | null;
}

export interface PackingSlipLine {
  sku: string;
  description: string;
  /** Harmonized System code, e.g. "6109.10"; null when the catalogue has none. */
  hsCode: string | null;
  /** Units of this SKU in the parcel; a positive whole number. */
  quantity: number;
}

export interface PackingSlip {
  /** What the pack screen scans: printed as text and as a Code 128 barcode (printable ASCII). */
  orderNumber: string;
  orderDate?: Date | null;
  shipTo: DocumentAddress;
  /** The shop or warehouse the parcel comes from; optional. */
  shipFrom?: DocumentAddress | null;
  lines: readonly PackingSlipLine[];
  /** Gift message, packing instructions…; line breaks are kept. */
  notes?: string | null;
}

/** One label as the end-of-day documents need it (from the label records, whatever stores them). */
export interface HandoverLabelRecord {
  /** Groups the list: one handover per courier. */
  courierCode: string;
  courierName: string;
  /** Printed as text and as a Code 128 barcode the driver's scanner reads (printable ASCII). */
  trackingNumber: string;
  orderNumber: string | null;
  parcels: number;
  weightKg: number;
  createdAt: Date;
  /** Voided labels are left out of the handover (they are counted apart in the packer report). */
  voided: boolean;
  /** Who was on duty when the label was created; null when no packer was recorded. */
  packer: string | null;
}

/** A half-open time range [from, to): a day, a shift, or any span. */
export interface TimeRange {
  from: Date;
  to: Date;
}

export interface HandoverLabel {
  trackingNumber: string;
  orderNumber: string | null;
  parcels: number;
  weightKg: number;
  createdAt: Date;
  packer: string | null;
}

export interface HandoverTotals {
  labels: number;
  parcels: number;
  /** Summed in grams, so 0.1 + 0.2 is 0.3. */
  weightKg: number;
}

export interface CourierHandover {
  courierCode: string;
  courierName: string;
  /** In the order they were created. */
  labels: HandoverLabel[];
  totals: HandoverTotals;
}

export interface HandoverList {
  /** The station's name, printed in the header. */
  station: string;
  range: TimeRange;
  /** One per courier with at least one label in the range, by courier name. */
  couriers: CourierHandover[];
}

export interface PackerCount {
  /** null: labels created while no packer was on duty. */
  packer: string | null;
  labels: number;
  voided: number;
  parcels: number;
  weightKg: number;
  firstAt: Date;
  lastAt: Date;
}

export interface PackerReport {
  station: string;
  range: TimeRange;
  /** Most labels first. */
  packers: PackerCount[];
  totals: { labels: number; voided: number; parcels: number; weightKg: number };
}
