import { cpus, totalmem } from 'node:os';

/** One measured figure: what was compared, both sides, and their ratio. */
export interface Figure {
	id: string;
	what: string;
	ours: string;
	baseline: string;
	ratio: string;
	note?: string;
}

export function ratio(a: number, b: number, digits = 1): string {
	if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
	return `${(a / b).toFixed(digits)}×`;
}

export function machine(): string {
	const cpu = cpus()[0]?.model ?? 'unknown CPU';
	return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export function table(figures: Figure[]): string {
	const rows = figures.map(
		(f) => `| ${f.id} | ${f.what} | ${f.ours} | ${f.baseline} | ${f.ratio} | ${f.note ?? ''} |`,
	);
	return [
		'| # | Measure | This package | Baseline | Ratio | Note |',
		'|---|---|---|---|---|---|',
		...rows,
	].join('\n');
}

/** `min / median / max` of the values. */
export function spread(values: number[], digits = 2): string {
	const sorted = [...values].sort((a, b) => a - b);
	const f = (v: number) => v.toFixed(digits);
	return `${f(sorted[0])} / ${f(sorted[Math.floor(sorted.length / 2)])} / ${f(sorted[sorted.length - 1])}`;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs the two sides of a comparison `pairs` times, side by side, the order rotating (A B, B A,
 * A B…) so neither side always runs first, warm or after the other's garbage. Returns each pair.
 */
export async function paired<A, B>(pairs: number, a: () => Promise<A> | A, b: () => Promise<B> | B): Promise<Array<[A, B]>> {
	const out: Array<[A, B]> = [];
	for (let i = 0; i < pairs; i++) {
		if (i % 2 === 0) {
			const first = await a();
			out.push([first, await b()]);
		} else {
			const second = await b();
			out.push([await a(), second]);
		}
	}
	return out;
}

/** The ratio column for per-pair ratios: `min / median / max ×` and how many pairs. */
export function ratioSpread(ratios: number[], digits = 2): string {
	const finite = ratios.filter((r) => Number.isFinite(r));
	if (finite.length === 0) return 'n/a';
	return `${spread(finite, digits)}× (${finite.length} pair${finite.length === 1 ? '' : 's'})`;
}
