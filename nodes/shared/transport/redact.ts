import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const SECRET_FIELDS = ['apiKey', 'webhookSecret', 'encryptedKeySecret'];

/** The credential values that must never appear in an error, a log line or an output item. */
export function secretsOf(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	if (!credentials) return [];
	return SECRET_FIELDS.map((field) => credentials[field])
		.filter((v): v is string => typeof v === 'string' && v.length >= 4);
}

/** Replaces every occurrence of a secret (and its Bearer form) with `***`. */
export function redactSecrets(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		out = out.split(secret).join('***');
	}
	return out;
}

/**
 * A response body with every secret replaced by `***`, whatever its shape (a vendor may echo the
 * key or the BYOT encrypted key in a 2xx body, e.g. in a call's request headers or a tool's
 * definition). The body is returned as is when it holds none, so the usual case costs one
 * stringify.
 */
export function redactBody<T>(body: T, secrets: string[]): T {
	if (secrets.length === 0 || body === null || body === undefined || Buffer.isBuffer(body)) return body;
	if (typeof body === 'string') return redactSecrets(body, secrets) as unknown as T;
	const text = JSON.stringify(body);
	if (text === undefined || !secrets.some((secret) => text.includes(secret))) return body;
	return JSON.parse(redactSecrets(text, secrets)) as T;
}
