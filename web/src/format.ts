// Formatting shared by the views: kubectl's ages, status tones, cells of Table rows.
import { scalarText } from './dom.js';
import type { TableRow } from './types.js';

/** kubectl's age (`duration.HumanDuration` in apimachinery): 45s, 3m12s, 5h, 12d. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

/** The age of an object from its creationTimestamp. */
export function age(timestamp: string | undefined, now = Date.now()): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - Date.parse(timestamp));
}

/** A colour family for a STATUS word: ok, warn, bad or neutral. */
export function tone(status: string): 'ok' | 'warn' | 'bad' | 'neutral' {
  if (/^(Running|Ready|Active|Bound|True)$/.test(status)) return 'ok';
  if (/^(Completed|Succeeded|Terminating)$/.test(status)) return 'neutral';
  if (/(Error|BackOff|Failed|Err|OOMKilled|Evicted|Unknown|NotReady|Invalid|ContainerStatusUnknown)/.test(status)) return 'bad';
  return 'warn';
}

/** The value of a named column in a Table row. */
export function cell(row: TableRow, column: string): string {
  const i = row.columns?.findIndex((c) => c.name === column) ?? -1;
  const v = i >= 0 ? row.cells[i] : undefined;
  return scalarText(v);
}

/** Decodes a Secret's base64 value for display. */
export function decodeBase64(value: string): string {
  try {
    const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch {
    return value;
  }
}
