import type { MultipartPart } from '../../../shared/transport/multipart';

/** One multipart form field (a file when `filename` is given). */
export function formField(
	fieldName: string,
	fieldValue: string | Buffer,
	file?: { filename: string; contentType: string },
): MultipartPart {
	return { name: fieldName, value: fieldValue, ...(file ?? {}) };
}
