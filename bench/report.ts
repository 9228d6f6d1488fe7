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
