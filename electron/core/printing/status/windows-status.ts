/**
 * The Windows spooler's word on a queue: `System.Printing.PrintQueue`'s
 * `QueueStatus`, whose bits are the spooler's PRINTER_STATUS_* flags
 * (PAUSED 0x1, ERROR 0x2, PAPER_JAM 0x8, PAPER_OUT 0x10, OFFLINE 0x80,
 * DOOR_OPEN 0x400000, …; [MS-RPRN] 2.2.3.12). PowerShell prints one JSON line;
 * the printer name reaches it as an environment variable, never as script
 * text. The parser is pure and tested from recorded output.
 */
import { levelOf, type PrinterFault, type PrinterWarning } from '../../../../shared/domain/printer-status';
import type { QueueConditions } from '../backend';

export const WINDOWS_STATUS_SCRIPT = `
$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Printing
$server = New-Object System.Printing.LocalPrintServer
$name = $env:STATION_PRINTER
if ($name) {
  $kinds = @([System.Printing.EnumeratedPrintQueueTypes]::Local, [System.Printing.EnumeratedPrintQueueTypes]::Connections)
  $q = $server.GetPrintQueues($kinds) | Where-Object { $_.FullName -eq $name -or $_.Name -eq $name } | Select-Object -First 1
} else {
  try { $q = $server.DefaultPrintQueue } catch { $q = $null }
}
if (-not $q) { Write-Output '{"found":false}'; exit 0 }
$q.Refresh()
[pscustomobject]@{ found = $true; name = $q.FullName; status = [int64]$q.QueueStatus; jobs = [int]$q.NumberOfJobs } | ConvertTo-Json -Compress
`;

const FAULT_BITS: ReadonlyArray<[bit: number, fault: PrinterFault, name: string]> = [
  [0x1, 'stopped', 'Paused'],
  [0x8, 'jammed', 'Paper jam'],
  [0x10, 'paper-out', 'Paper out'],
  [0x40, 'other', 'Paper problem'],
  [0x80, 'offline', 'Offline'],
  [0x800, 'other', 'Output bin full'],
  [0x1000, 'other', 'Not available'],
  [0x40000, 'ribbon-out', 'No toner'],
  [0x80000, 'other', 'Cannot print the page'],
  [0x100000, 'other', 'User intervention required'],
  [0x200000, 'buffer-full', 'Out of memory'],
  [0x400000, 'door-open', 'Door open'],
  [0x800000, 'other', 'Server unknown'],
];
const WARNING_BITS: ReadonlyArray<[bit: number, warning: PrinterWarning, name: string]> = [[0x20000, 'ribbon-low', 'Toner low']];
const PRINTER_STATUS_ERROR = 0x2;
/** Busy, printing, processing, IO active: a job is moving. */
const BUSY_BITS = 0x200 | 0x400 | 0x4000 | 0x100;

export type WindowsQueueReport = ({ found: true; name: string } & QueueConditions) | { found: false };

/** One JSON line from WINDOWS_STATUS_SCRIPT; throws on anything else (the caller reports "cannot ask"). */
export function parseWindowsStatus(stdout: string): WindowsQueueReport {
  const line = stdout.trim().split(/\r?\n/).at(-1) ?? '';
  const raw = JSON.parse(line) as { found?: unknown; name?: unknown; status?: unknown; jobs?: unknown };
  if (raw.found === false) return { found: false };
  if (raw.found !== true || typeof raw.name !== 'string' || typeof raw.status !== 'number')
    throw new Error(`unexpected spooler status output: ${line.slice(0, 200)}`);
  const status = raw.status;
  const faults = new Set<PrinterFault>();
  const warnings = new Set<PrinterWarning>();
  const names: string[] = [];
  for (const [bit, fault, name] of FAULT_BITS) {
    if (status & bit) {
      faults.add(fault);
      names.push(name);
    }
  }
  for (const [bit, warning, name] of WARNING_BITS) {
    if (status & bit) {
      warnings.add(warning);
      names.push(name);
    }
  }
  if (status & PRINTER_STATUS_ERROR && faults.size === 0) {
    faults.add('other');
    names.push('Error');
  }
  const f = [...faults];
  const w = [...warnings];
  const jobs = typeof raw.jobs === 'number' ? raw.jobs : 0;
  return {
    found: true,
    name: raw.name,
    level: levelOf(f, w) as QueueConditions['level'],
    faults: f,
    warnings: w,
    busy: (status & BUSY_BITS) !== 0 || jobs > 0,
    detail: names.length > 0 ? names.join(', ') : null,
  };
}
