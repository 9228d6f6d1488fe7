import type { INodeProperties } from 'n8n-workflow';

/** Countries Bolna sells numbers in (OpenAPI: US, IN). */
export const countryField: INodeProperties = {
	displayName: 'Country',
	name: 'country',
	type: 'options',
	required: true,
	default: 'US',
	options: [
		{ name: 'India', value: 'IN' },
		{ name: 'United States', value: 'US' },
	],
};

/** Telephony providers of Bolna's numbers (OpenAPI: twilio, plivo, vobiz); empty = Bolna picks. */
export const providerField: INodeProperties = {
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	default: '',
	options: [
		{ name: 'Any', value: '' },
		{ name: 'Plivo', value: 'plivo' },
		{ name: 'Twilio', value: 'twilio' },
		{ name: 'Vobiz', value: 'vobiz' },
	],
};
