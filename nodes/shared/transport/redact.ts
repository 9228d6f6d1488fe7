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
