import type { WebhookRequestLike } from './request';

/** Source addresses Bolna documents for its webhook deliveries. */
export const BOLNA_WEBHOOK_IPS = ['13.203.39.153', '13.126.9.249', '13.202.133.53'];

/** Splits a comma/space/newline separated list of IPs and IPv4 CIDR ranges. */
export function parseIpList(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return text
		.split(/[\s,;]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; lower-cases IPv6. */
export function normalizeIp(ip: string): string {
	const trimmed = ip.trim().toLowerCase();
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(trimmed);
	return mapped ? mapped[1] : trimmed;
}

function ipv4ToNumber(ip: string): number | undefined {
	const parts = ip.split('.');
	if (parts.length !== 4) return undefined;
	let n = 0;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return undefined;
		const v = Number(part);
		if (v > 255) return undefined;
		n = n * 256 + v;
	}
	return n;
}

function matches(ip: string, entry: string): boolean {
	const normalized = normalizeIp(entry);
	if (!normalized.includes('/')) return normalized === ip;
	const [base, bitsText] = normalized.split('/');
	const bits = Number(bitsText);
	const ipNum = ipv4ToNumber(ip);
	const baseNum = ipv4ToNumber(base);
	if (ipNum === undefined || baseNum === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) {
		return false;
	}
	if (bits === 0) return true;
	const size = 2 ** (32 - bits);
	return Math.floor(ipNum / size) === Math.floor(baseNum / size);
}

/** Whether `ip` is one of the entries (exact IPs or IPv4 CIDR ranges). */
export function ipAllowed(ip: string | undefined, allowList: string[]): boolean {
	if (!ip) return false;
	const normalized = normalizeIp(ip);
	return allowList.some((entry) => matches(normalized, entry));
}

/**
 * The client's address: the first hop of `X-Forwarded-For` when the proxy in front of n8n is
 * trusted, else the address n8n saw (`req.ip`, which honours n8n's own proxy-hops setting).
 */
/**
 * The client address as n8n determined it: Express's `req.ip`, which follows n8n's own
 * `N8N_PROXY_HOPS` setting (how many reverse proxies in front of n8n to trust). X-Forwarded-For is
 * never read here: behind a proxy that appends to it, its first entry is whatever the client sent.
 */
export function clientIpOf(req: WebhookRequestLike): string | undefined {
	const ip = typeof req.ip === 'string' && req.ip !== '' ? req.ip : req.socket?.remoteAddress;
	return typeof ip === 'string' && ip !== '' ? normalizeIp(ip) : undefined;
}
