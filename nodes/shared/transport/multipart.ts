import { randomBytes } from 'node:crypto';

export interface MultipartPart {
	name: string;
	value: string | Buffer;
	/** Set for file parts. */
	filename?: string;
	contentType?: string;
}

/** A part value that is produced in chunks, with its exact size known beforehand. */
export interface StreamedValue {
	length: number;
	/** Called once per sending (a 429 retry sends the body again). */
	chunks: () => Iterable<Buffer>;
}

export interface StreamedPart extends Omit<MultipartPart, 'value'> {
	value: string | Buffer | StreamedValue;
}

/**
 * A body axios streams without holding it whole: an object that reads as a Blob (axios sends
 * `stream()` chunk by chunk with `size` as Content-Length and `type` as Content-Type). Not a
 * Node stream: a verified community node may not import `node:stream`.
 */
export interface StreamedBody {
	readonly [Symbol.toStringTag]: 'Blob';
	size: number;
	type: string;
	stream: () => Iterable<Buffer>;
}

export interface StreamedMultipartBody {
	/** A fresh body for each call (a 429 retry sends it again). */
	body: () => StreamedBody;
	contentType: string;
	/** Exact size of the body, for Content-Length. */
	length: number;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

function escapeQuoted(value: string): string {
	return value.replace(/["\r\n]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'));
}

/**
 * Builds a multipart/form-data body in memory. Repeated names are sent as repeated fields
 * (Bolna's `from_phone_numbers`). Built here rather than with a FormData object so the exact
 * bytes are known, testable, and independent of n8n's own form-data copy.
 */
export function buildMultipart(parts: MultipartPart[], boundary = newBoundary()): MultipartBody {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		chunks.push(partHead(part, boundary));
		chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, 'utf8'));
		chunks.push(CRLF);
	}
	chunks.push(closing(boundary));
	return { body: Buffer.concat(chunks), contentType: contentTypeOf(boundary) };
}

/**
 * The same bytes as `buildMultipart`, sent as a stream: a streamed part (a large CSV) goes to
 * the socket chunk by chunk and is never held whole. `length` is exact, for Content-Length.
 */
export function streamMultipart(parts: StreamedPart[], boundary = newBoundary()): StreamedMultipartBody {
	const pieces = parts.map((part) => ({
		head: partHead(part, boundary),
		value:
			typeof part.value === 'string' ? Buffer.from(part.value, 'utf8') : part.value,
	}));
	const end = closing(boundary);
	let length = end.length;
	for (const { head, value } of pieces) length += head.length + value.length + CRLF.length;
	function* generate(): Generator<Buffer> {
		for (const { head, value } of pieces) {
			yield head;
			if (Buffer.isBuffer(value)) yield value;
			else yield* value.chunks();
			yield CRLF;
		}
		yield end;
	}
	const contentType = contentTypeOf(boundary);
	const body = (): StreamedBody => ({
		[Symbol.toStringTag]: 'Blob',
		size: length,
		type: contentType,
		stream: generate,
	});
	return { body, contentType, length };
}

const CRLF = Buffer.from('\r\n', 'utf8');

function newBoundary(): string {
	return `----n8nVoiceAgents${randomBytes(12).toString('hex')}`;
}

function contentTypeOf(boundary: string): string {
	return `multipart/form-data; boundary=${boundary}`;
}

function closing(boundary: string): Buffer {
	return Buffer.from(`--${boundary}--\r\n`, 'utf8');
}

function partHead(part: Pick<MultipartPart, 'name' | 'filename' | 'contentType'>, boundary: string): Buffer {
	let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(part.name)}"`;
	if (part.filename !== undefined) head += `; filename="${escapeQuoted(part.filename)}"`;
	head += '\r\n';
	if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
	head += '\r\n';
	return Buffer.from(head, 'utf8');
}
