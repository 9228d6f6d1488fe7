import { findPhoneNumbers, phoneNumberIn } from '../../nodes/shared/request/numbers';

describe('what the structural check counts as a phone number', () => {
	it.each([
		['+447911123456', false, '+447911123456'],
		['+44 (0)20 7183-8750'.replace('(0)', ''), false, '+442071838750'],
		['00447911123456', false, '+447911123456'],
		['＋４４７９１１１２３４５６', false, '+447911123456'],
		['+44\u200b7911\u2060123456', false, '+447911123456'],
		['2125550100', true, '+12125550100'],
		['12125550100', true, '+12125550100'],
		[2125550100, true, '+12125550100'],
	])('%j (phone key %s) → %s', (value, phoneKey, expected) => {
		expect(phoneNumberIn(value, phoneKey)).toBe(expected);
	});

	it.each([
		['2125550100', false],
		[2125550100, false],
		['+1 555', false],
		['2026-05-19T13:00:00+05:30', false],
		['call +44 7700 900123 if stuck', false],
		['TL-1234567890', true],
		[1.5, true],
		[true, true],
		[null, true],
	])('%j (phone key %s) → not a number', (value, phoneKey) => {
		expect(phoneNumberIn(value, phoneKey)).toBeUndefined();
	});

	it('walks objects, lists and JSON inside text, and says where each number is', () => {
		const body = {
			a: { list: ['x', '+447911123456'] },
			to: '2125550100',
			text: '{"sms": {"to": "+447911123457"}}',
			cyclic: {} as Record<string, unknown>,
		};
		body.cyclic.self = body.cyclic;
		expect(findPhoneNumbers(body)).toEqual([
			{ path: 'a.list[1]', phone: '+447911123456' },
			{ path: 'to', phone: '+12125550100' },
			{ path: 'text.sms.to', phone: '+447911123457' },
		]);
	});
});
