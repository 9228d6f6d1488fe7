/** Largest webhook body the Bolna Trigger accepts (an execution object is a few KB to ~100 KB). */
export const BOLNA_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Largest webhook body the Bland AI Trigger accepts. Bland's post-call object can carry long
 * transcripts, pathway logs and citations, so it gets more room.
 */
export const BLAND_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Human form of a byte limit for error messages, e.g. "1 MB". */
export function describeLimit(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
