import type { z } from 'zod';

/** The first zod issue as a readable sentence, e.g. `status: "status" must be a string`. */
export function describeZodError(error: z.ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'Invalid payload';
	const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
	return `${where}${issue.message}`;
}
