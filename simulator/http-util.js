'use strict';
/**
 * HTTP helpers for the simulator: body reading, JSON replies, multipart/form-data and CSV
 * parsing, E.164 checks, ids and timestamps. Node built-ins only.
 */
const crypto = require('node:crypto');

/** A few bytes that stand in for an MP3 recording. */
const FAKE_MP3 = Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfb, 0x90, 0x64, 0x00]);

/** Largest request body the simulator accepts (bytes). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Read the whole request body.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * Send a JSON reply.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/**
 * The media type of a content-type header, lower case, without parameters.
 * @param {string | undefined} contentType
 */
function mediaType(contentType) {
	return String(contentType || '').split(';')[0].trim().toLowerCase();
}

/**
 * Parse a request body by its content type. JSON → value; urlencoded → {fields};
 * multipart → {fields, files}; anything else → text (or undefined when empty).
 * @param {Buffer} raw
 * @param {string | undefined} contentType
 * @returns {{ kind: 'none' | 'json' | 'invalid-json' | 'form' | 'multipart' | 'text', value: any }}
 */
function parseBody(raw, contentType) {
	if (!raw || raw.length === 0) return { kind: 'none', value: undefined };
	const type = mediaType(contentType);
	if (type === 'multipart/form-data') {
		const parsed = parseMultipart(raw, contentType || '');
		return parsed ? { kind: 'multipart', value: parsed } : { kind: 'text', value: raw.toString('utf8') };
	}
	if (type === 'application/x-www-form-urlencoded') {
		/** @type {Record<string, string[]>} */
		const fields = {};
		for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) (fields[k] = fields[k] || []).push(v);
		return { kind: 'form', value: { fields, files: {} } };
	}
	const text = raw.toString('utf8');
	if (type === 'application/json' || type.endsWith('+json') || type === '') {
		try {
			return { kind: 'json', value: JSON.parse(text) };
		} catch {
			return { kind: type === '' ? 'text' : 'invalid-json', value: text };
		}
	}
	return { kind: 'text', value: text };
}

/**
 * @typedef {{ filename: string, contentType: string, data: Buffer }} UploadedFile
 * @typedef {{ fields: Record<string, string[]>, files: Record<string, UploadedFile[]> }} FormData
 */

/**
 * Parse a multipart/form-data body. Returns null when the boundary is missing or the body
 * does not contain a single part.
 * @param {Buffer} raw
 * @param {string} contentType
 * @returns {FormData | null}
 */
function parseMultipart(raw, contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) return null;
	const boundary = Buffer.from(`--${(match[1] || match[2]).trim()}`);
	/** @type {FormData} */
	const result = { fields: {}, files: {} };
	let pos = raw.indexOf(boundary);
	if (pos < 0) return null;
	let parts = 0;
	while (pos >= 0) {
		let start = pos + boundary.length;
		// "--" right after a boundary closes the body.
		if (raw[start] === 0x2d && raw[start + 1] === 0x2d) break;
		if (raw[start] === 0x0d && raw[start + 1] === 0x0a) start += 2;
		const next = raw.indexOf(boundary, start);
		if (next < 0) break;
		// The part ends with CRLF before the next boundary.
		let end = next;
		if (raw[end - 2] === 0x0d && raw[end - 1] === 0x0a) end -= 2;
		const part = raw.subarray(start, end);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd >= 0) {
			const headerText = part.subarray(0, headerEnd).toString('utf8');
			const data = part.subarray(headerEnd + 4);
			/** @type {Record<string, string>} */
			const headers = {};
			for (const line of headerText.split('\r\n')) {
				const i = line.indexOf(':');
				if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
			}
			const disposition = headers['content-disposition'] || '';
			const name = /\bname="([^"]*)"/i.exec(disposition);
			const filename = /\bfilename="([^"]*)"/i.exec(disposition);
			if (name) {
				parts += 1;
				if (filename) {
					(result.files[name[1]] = result.files[name[1]] || []).push({
						filename: filename[1],
						contentType: headers['content-type'] || 'application/octet-stream',
						data: Buffer.from(data),
					});
				} else {
					(result.fields[name[1]] = result.fields[name[1]] || []).push(data.toString('utf8'));
				}
			}
		}
		pos = next;
	}
	return parts > 0 ? result : null;
}

/**
 * Parse CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF). A leading BOM is
 * dropped; fully empty lines are skipped.
 * @param {string} text
 * @returns {string[][]}
 */
function parseCsv(text) {
	const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	/** @type {string[][]} */
	const rows = [];
	/** @type {string[]} */
	let row = [];
	let field = '';
	let quoted = false;
	let i = 0;
	const pushRow = () => {
		row.push(field);
		if (!(row.length === 1 && row[0] === '')) rows.push(row);
		row = [];
		field = '';
	};
	while (i < src.length) {
		const c = src[i];
		if (quoted) {
			if (c === '"') {
				if (src[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
			} else {
				field += c;
			}
			i += 1;
			continue;
		}
		if (c === '"' && field === '') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			pushRow();
			if (c === '\r' && src[i + 1] === '\n') i += 1;
		} else field += c;
		i += 1;
	}
	if (field !== '' || row.length > 0) pushRow();
	return rows;
}

/** E.164: '+', a non-zero digit, 7 to 15 digits in total. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** @param {unknown} value */
function isE164(value) {
	return typeof value === 'string' && E164.test(value);
}

/** A random v4 uuid. */
function uuid() {
	return crypto.randomUUID();
}

/** 32 lower-case hex characters (Bolna batch ids). */
function hex32() {
	return crypto.randomBytes(16).toString('hex');
}

/** ISO timestamp with `Z`. @param {number} [ms] */
function isoZ(ms = Date.now()) {
	return new Date(ms).toISOString();
}

/** ISO timestamp with a `+00:00` offset (the form Bland uses). @param {number} [ms] */
function isoOffset(ms = Date.now()) {
	return new Date(ms).toISOString().replace('Z', '+00:00');
}

/**
 * Whether a value is a plain object.
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Deep-merge `patch` into `target` (objects merge, everything else, arrays included, replaces).
 * @param {Record<string, any>} target
 * @param {Record<string, any>} patch
 */
function deepMerge(target, patch) {
	for (const [key, value] of Object.entries(patch)) {
		if (isObject(value) && isObject(target[key])) deepMerge(target[key], value);
		else target[key] = clone(value);
	}
	return target;
}

/**
 * JSON deep copy.
 * @template T
 * @param {T} value
 * @returns {T}
 */
function clone(value) {
	return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

module.exports = {
	FAKE_MP3,
	MAX_BODY_BYTES,
	readBody,
	sendJson,
	mediaType,
	parseBody,
	parseMultipart,
	parseCsv,
	isE164,
	uuid,
	hex32,
	isoZ,
	isoOffset,
	isObject,
	deepMerge,
	clone,
};
