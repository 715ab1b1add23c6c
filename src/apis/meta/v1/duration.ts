/**
 * Human durations for AGE-style columns, after apimachinery `pkg/util/duration/duration.go` and
 * `translateTimestampSince` in kubernetes `pkg/printers/internalversion/printers.go`. Durations are
 * in milliseconds; Go's integer conversions truncate toward zero, as `Math.trunc` does.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** `duration.ShortHumanDuration`: `5s`, `3m`, `4h`, `2d`, `3y`; `<invalid>` below -1s. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / S);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / M);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / H);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / H / 24 / 365)}y`;
}

/**
 * `duration.HumanDuration` (~2-3 significant figures): `90s`, `3m2s`, `15m`, `4h5m`, `30h`,
 * `2d4h`, `20d`, `2y30d`, `9y`; `<invalid>` below -1s.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / S);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / M);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / H);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * printers.go `translateTimestampSince`: the age of an RFC 3339 timestamp at `nowMs`, or
 * `<unknown>` when it is missing (or unparseable).
 */
export function translateTimestampSince(ts: string | undefined | null, nowMs: number): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}

/** printers.go `translateTimestampUntil`: the time left until a timestamp, `<unknown>` when missing. */
export function translateTimestampUntil(ts: string | undefined | null, nowMs: number): string {
  if (!ts) return '<unknown>';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(t - nowMs);
}
