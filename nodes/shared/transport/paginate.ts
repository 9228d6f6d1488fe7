/** One page as the caller's fetcher returns it. */
export interface Page<T> {
	items: T[];
	/** Whether the API says there is more after this page. */
	hasMore: boolean;
}

/** Hard stop so a misbehaving API can never loop forever. */
export const MAX_PAGES = 10_000;

/**
 * Collects items page by page with the fewest requests: with a limit, the page size is the
 * smaller of the limit and the API's maximum, and it stops as soon as the limit is reached
 * or the API says there is no more.
 *
 * @param fetchPage receives the zero-based page index and the page size to ask for
 * @param limit `Infinity` for Return All
 */
export async function paginate<T>(
	fetchPage: (pageIndex: number, pageSize: number) => Promise<Page<T>>,
	limit: number,
	maxPageSize: number,
): Promise<T[]> {
	const pageSize = Math.max(1, Math.min(maxPageSize, limit));
	const out: T[] = [];
	for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
		const page = await fetchPage(pageIndex, pageSize);
		out.push(...page.items);
		if (out.length >= limit || !page.hasMore || page.items.length === 0) break;
	}
	return out.length > limit ? out.slice(0, limit) : out;
}
