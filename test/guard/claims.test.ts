import { accountKey, CallGuard, forgetClaims, GuardRefusal, type CallHistory } from '../../nodes/shared/guard/guard';

const NOW = Date.parse('2026-12-07T18:00:00Z');
const empty: CallHistory = { byNumber: true, callsSince: async () => [] };
const account = accountKey('sk-test', 'https://api.bland.ai');
const guard = (rules: Partial<ConstructorParameters<typeof CallGuard>[0]>) =>
	new CallGuard({ outside: 'refuse', cooldownMinutes: 0, dailyCap: 0, ...rules }, empty, account, () => NOW);

afterEach(() => forgetClaims());

describe('Call Guard claims in one process', () => {
	it('two runs that both decided before either placed its call: the second claim is refused', async () => {
		const a = guard({ cooldownMinutes: 60 });
		const b = guard({ cooldownMinutes: 60 });
		await a.prepare(['+12125550100']);
		await b.prepare(['+12125550100']);
		expect(a.decide('+12125550100', NOW, 0)).not.toBeInstanceOf(GuardRefusal);
		expect(b.decide('+12125550100', NOW, 0)).not.toBeInstanceOf(GuardRefusal);
		expect(a.claim(['+12125550100'], [0])).not.toBeInstanceOf(GuardRefusal);
		const second = b.claim(['+12125550100'], [0]);
		expect(second).toBeInstanceOf(GuardRefusal);
		expect((second as GuardRefusal).message).toBe(
			"+12125550100 was called at 2026-12-07T18:00:00Z by another execution; the credential's cooldown of 60 minutes allows the next call after 2026-12-07T19:00:00Z",
		);
	});

	it('the cap is checked again when a batch takes its rows', async () => {
		const a = guard({ dailyCap: 3 });
		const b = guard({ dailyCap: 3 });
		await a.prepare([]);
		await b.prepare([]);
		expect(a.claim(['+12125550101', '+12125550102'], [0, 1])).not.toBeInstanceOf(GuardRefusal);
		const refused = b.claim(['+12125550103', '+12125550104'], [0, 1]);
		expect((refused as GuardRefusal).message).toBe(
			"the credential's daily call cap of 3 calls in 24 hours would be passed (2 placed since 2026-12-06T18:00:00Z, 2 more asked)",
		);
		expect(b.claim(['+12125550103'], [0])).not.toBeInstanceOf(GuardRefusal);
	});

	it('a released claim (the provider refused the call) frees the number; another account is not affected', async () => {
		const a = guard({ cooldownMinutes: 60 });
		const claim = a.claim(['+12125550100'], [0]);
		const other = new CallGuard({ outside: 'refuse', cooldownMinutes: 60, dailyCap: 0 }, empty, accountKey('sk-other', 'https://api.bland.ai'), () => NOW);
		expect(other.claim(['+12125550100'], [0])).not.toBeInstanceOf(GuardRefusal);
		a.release(claim as Exclude<typeof claim, GuardRefusal>);
		expect(guard({ cooldownMinutes: 60 }).claim(['+12125550100'], [0])).not.toBeInstanceOf(GuardRefusal);
	});

	it('the account key never holds the API key', () => {
		expect(account).toMatch(/^[0-9a-f]{32}$/);
		expect(account).not.toContain('sk-test');
	});
});
