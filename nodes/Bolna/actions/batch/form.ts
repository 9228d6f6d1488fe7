import type { StreamedPart } from '../../../shared/transport/multipart';

/** One multipart form field (a file when `filename` is given). */
export function formField<V extends StreamedPart['value']>(
	fieldName: string,
	fieldValue: V,
	file?: { filename: string; contentType: string },
): StreamedPart & { value: V } {
	return { name: fieldName, value: fieldValue, ...(file ?? {}) };
}
