/** IPv4 address and CIDR arithmetic for the pod network. */

/** An IPv4 prefix: the network address as an unsigned 32-bit number and its length. */
export interface Ipv4Cidr {
  network: number;
  bits: number;
}

/** The unsigned 32-bit value of a dotted IPv4 address, or undefined when it is not one. */
export function parseIpv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Dotted form of an unsigned 32-bit IPv4 value. */
export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Parses `a.b.c.d/n` (host bits are cleared), or undefined when it is not an IPv4 CIDR. */
export function parseCidr(cidr: string): Ipv4Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  const ip = m ? parseIpv4(m[1]!) : undefined;
  const bits = Number(m?.[2]);
  if (ip === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const size = 2 ** (32 - bits);
  return { network: ip - (ip % size), bits };
}

/** `a.b.c.d/n` of a prefix. */
export function formatCidr(c: Ipv4Cidr): string {
  return `${formatIpv4(c.network)}/${c.bits}`;
}

/** Whether two prefixes share any address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const aEnd = a.network + 2 ** (32 - a.bits);
  const bEnd = b.network + 2 ** (32 - b.bits);
  return a.network < bEnd && b.network < aEnd;
}

/** The `index`-th address of a prefix (1: the first host, the gateway by convention). */
export function nthAddress(c: Ipv4Cidr, index: number): string {
  return formatIpv4(c.network + index);
}
