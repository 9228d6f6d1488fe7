import { randomBytes } from 'node:crypto';

export interface MultipartPart {
	name: string;
	value: string | Buffer;
	/** Set for file parts. */
	filename?: string;
	contentType?: string;
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
export function buildMultipart(parts: MultipartPart[], boundary = `----n8nVoiceAgents${randomBytes(12).toString('hex')}`): MultipartBody {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(part.name)}"`;
		if (part.filename !== undefined) head += `; filename="${escapeQuoted(part.filename)}"`;
		head += '\r\n';
		if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
		head += '\r\n';
		chunks.push(Buffer.from(head, 'utf8'));
		chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, 'utf8'));
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
