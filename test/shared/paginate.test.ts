import { paginate } from '../../nodes/shared/transport/paginate';

/** A fake API of `total` numbered items; records every page request. */
function api(total: number, maxPageSize: number) {
	const calls: Array<[number, number]> = [];
	const fetchPage = async (pageIndex: number, pageSize: number) => {
		calls.push([pageIndex, pageSize]);
		const size = Math.min(pageSize, maxPageSize);
		const start = pageIndex * size;
		const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
		return { items, hasMore: start + items.length < total };
	};
	return { calls, fetchPage };
}

describe('paginate', () => {
	it('Return All over 120 items with page size 50 = 3 requests', async () => {
		const { calls, fetchPage } = api(120, 50);
		const items = await paginate(fetchPage, Infinity, 50);
		expect(items).toHaveLength(120);
		expect(calls).toEqual([
			[0, 50],
			[1, 50],
			[2, 50],
		]);
	});

	it('Limit below the page maximum = 1 request of exactly that size', async () => {
		const { calls, fetchPage } = api(500, 50);
		expect(await paginate(fetchPage, 30, 50)).toEqual(Array.from({ length: 30 }, (_, i) => i));
		expect(calls).toEqual([[0, 30]]);
	});

	it('Limit stops as soon as it is reached and trims', async () => {
		const { calls, fetchPage } = api(500, 50);
		expect(await paginate(fetchPage, 70, 50)).toHaveLength(70);
		expect(calls).toHaveLength(2);
	});

	it('stops when the API says there is no more, or returns an empty page', async () => {
		const { calls, fetchPage } = api(10, 50);
		expect(await paginate(fetchPage, Infinity, 50)).toHaveLength(10);
		expect(calls).toHaveLength(1);
		let n = 0;
		await paginate(async () => ({ items: [], hasMore: n++ < 5 }), Infinity, 50);
		expect(n).toBe(1);
	});
});
