// Issue 18, SSRF guard of outgoing requests (webhooks): an address the app is asked to call must not
// lead into the internal network. A URL is checked when it is saved and again right before each request:
// its host is resolved (node:dns) and every address it resolves to must be public; the request then
// connects to the address that was checked (`pinnedLookup`), so a DNS answer that changes between the
// check and the connection (DNS rebinding) cannot send it elsewhere.
//
// Two classes of refused addresses:
//  - always refused: unspecified (0.0.0.0/8, ::), link-local (169.254.0.0/16 with the cloud metadata
//    service 169.254.169.254, fe80::/10), multicast, reserved and broadcast;
//  - private, refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true (tests, on-premises installs whose
//    receivers live in the internal network): loopback (127.0.0.0/8, ::1), RFC 1918 (10/8, 172.16/12,
//    192.168/16), CGNAT (100.64.0.0/10), IETF protocol assignments (192.0.0.0/24), benchmarking
//    (198.18.0.0/15), unique-local (fc00::/7) and site-local (fec0::/10) IPv6.
// IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d in either notation, IPv4-compatible
// ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that IPv4 address.
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';

export type AddressClass = { kind: 'always' | 'private'; label: string };

function v4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (with or without an embedded dotted quad). */
function v6Bytes(ip: string): number[] {
  let s = ip.split('%')[0].toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    tail.push(...v4Bytes(dotted[1]));
    s = s.slice(0, -dotted[1].length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const groupsNeeded = (16 - tail.length) / 2;
  const [head, rest] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':').filter((x) => x !== '') : [];
  const r = rest !== undefined && rest ? rest.split(':').filter((x) => x !== '') : [];
  const zeros = rest !== undefined ? groupsNeeded - h.length - r.length : 0;
  const groups = [...h, ...Array(Math.max(0, zeros)).fill('0'), ...r].map((g) => Number.parseInt(g, 16));
  const out: number[] = [];
  for (const g of groups) out.push((g >> 8) & 0xff, g & 0xff);
  return [...out, ...tail];
}

function classifyV4(b: number[]): AddressClass | null {
  const [a, c] = b;
  if (a === 0) return { kind: 'always', label: '未指定地址（0.0.0.0/8）' };
  if (a === 169 && c === 254) return { kind: 'always', label: '链路本地地址（169.254.0.0/16，含云主机元数据服务 169.254.169.254）' };
  if (a >= 224 && a <= 239) return { kind: 'always', label: '组播地址' };
  if (a >= 240) return { kind: 'always', label: '保留地址或广播地址' };
  if (a === 127) return { kind: 'private', label: '本机回环地址（127.0.0.0/8）' };
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return { kind: 'private', label: '内网地址（RFC 1918）' };
  if (a === 100 && c >= 64 && c <= 127) return { kind: 'private', label: '运营商级 NAT 地址（100.64.0.0/10）' };
  if (a === 192 && c === 0 && b[2] === 0) return { kind: 'private', label: '协议专用地址（192.0.0.0/24）' };
  if (a === 198 && (c === 18 || c === 19)) return { kind: 'private', label: '测试专用地址（198.18.0.0/15）' };
  return null;
}

/** Why an IP address is refused as a destination, or null for a public address. */
export function classifyAddress(ip: string): AddressClass | null {
  const kind = isIP(ip.split('%')[0]);
  if (kind === 4) return classifyV4(v4Bytes(ip));
  if (kind !== 6) return { kind: 'always', label: '无法识别的地址' };
  const b = v6Bytes(ip);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 16)) return { kind: 'always', label: '未指定地址（::）' };
  if (zero(0, 15) && b[15] === 1) return { kind: 'private', label: '本机回环地址（::1）' };
  const v4 = (at: number) => {
    const c = classifyV4(b.slice(at, at + 4));
    return c && { kind: c.kind, label: `${c.label}（以 IPv6 形式表示）` };
  };
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4(12); // IPv4-mapped ::ffff:a.b.c.d
  if (zero(0, 12)) return v4(12); // IPv4-compatible ::a.b.c.d (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return v4(12); // NAT64 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2); // 6to4 2002::/16
  if (b[0] === 0xff) return { kind: 'always', label: '组播地址' };
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return { kind: 'always', label: '链路本地地址（fe80::/10）' };
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return { kind: 'private', label: '站点本地地址（fec0::/10）' };
  if ((b[0] & 0xfe) === 0xfc) return { kind: 'private', label: '唯一本地地址（fc00::/7）' };
  return null;
}

/** The refusal of one address under the setting, or null when it may be called. */
export function refusedAddress(ip: string, allowPrivate: boolean): string | null {
  const c = classifyAddress(ip);
  if (!c || (c.kind === 'private' && allowPrivate)) return null;
  return c.label;
}

export type Resolved = { address: string; family: 4 | 6 };
export type Target = { ok: true; url: URL; host: string; addresses: Resolved[] } | { ok: false; reason: string; field: 'url' };

const LOOKUP_TIMEOUT_MS = 5_000;

function lookupAll(host: string): Promise<dns.LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' })), LOOKUP_TIMEOUT_MS);
    dns.lookup(host, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses);
    });
  });
}

/**
 * Checks an outgoing URL: http or https, no user name or password in it, and a host whose every address
 * may be called. The answer names the address to connect to. Reasons are in Chinese (shown to sysadmin).
 */
export async function checkOutgoingUrl(raw: string, opts: { allowPrivate: boolean }): Promise<Target> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, field: 'url', reason: '推送地址不是有效的网址' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, field: 'url', reason: '推送地址须以 http:// 或 https:// 开头' };
  if (u.username || u.password) return { ok: false, field: 'url', reason: '推送地址中不能包含用户名或密码' };
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookupAll(host);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      return { ok: false, field: 'url', reason: `推送地址的域名 ${host} 无法解析${code ? `（${code}）` : ''}` };
    }
    if (!addresses.length) return { ok: false, field: 'url', reason: `推送地址的域名 ${host} 无法解析` };
  }
  for (const a of addresses) {
    const why = refusedAddress(a.address, opts.allowPrivate);
    if (why) {
      const via = a.address === host ? '' : `解析为 ${a.address}，`;
      return { ok: false, field: 'url', reason: `推送地址 ${host} ${via}属于${why}，不允许推送到内部网络` };
    }
  }
  return { ok: true, url: u, host, addresses: addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })) };
}

/**
 * A `lookup` for http(s).request that answers only the addresses that were checked (no second DNS
 * query): all of them when asked for all (Node then tries them in turn, IPv6 and IPv4), else the first.
 */
export function pinnedLookup(addresses: readonly Resolved[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all)
      callback(
        null,
        addresses.map((a) => ({ ...a })),
      );
    else callback(null, addresses[0].address, addresses[0].family);
  }) as LookupFunction;
}
