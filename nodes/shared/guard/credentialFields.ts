import type { INodeProperties } from 'n8n-workflow';

/**
 * The Call Guard settings both credentials carry. They live in the credential, not the node, so
 * neither a workflow nor an AI Agent using the node as a tool can switch them off.
 */
export function callGuardFields(provider: string): INodeProperties[] {
	return [
		{
			displayName:
				'Call Guard: the settings below apply to every call and batch row placed with this credential, whatever the workflow or AI Agent asks. They are not legal advice or a consent record.',
			name: 'callGuardNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Calling Hours (Recipient’s Local Time)',
			name: 'callingHours',
			type: 'string',
			default: '',
			placeholder: '09:00-20:00',
			description:
				'Local hours when a call may start, in the time zone of the number called (from its country and area code; a number that may ring in several zones must be inside the hours in each). Leave empty for any time.',
		},
		{
			displayName: 'Calling Days',
			name: 'callingDays',
			type: 'options',
			default: 'everyDay',
			options: [
				{ name: 'Every Day', value: 'everyDay' },
				{ name: 'Monday to Friday', value: 'mondayToFriday' },
				{ name: 'Monday to Saturday', value: 'mondayToSaturday' },
				{ name: 'Sunday to Thursday', value: 'sundayToThursday' },
			],
			description: 'Local weekdays on which the calling hours apply (used when Calling Hours is set)',
		},
		{
			displayName: 'Outside Calling Hours',
			name: 'outsideCallingHours',
			type: 'options',
			default: 'refuse',
			options: [
				{
					name: 'Refuse the Call',
					value: 'refuse',
					description: 'Stop with an error that names the number’s time zone; no request is sent',
				},
				{
					name: 'Schedule It for the Next Allowed Time',
					value: 'defer',
					description: `Place the call with ${provider}’s own scheduling, starting when the hours next open in the recipient’s time zone`,
				},
			],
			description: 'What happens to a call that would start outside the calling hours',
		},
		{
			displayName: 'Do Not Call',
			name: 'doNotCall',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: '+14155550100, +4420',
			description:
				'Numbers and prefixes never to call or transfer to, separated by commas or new lines. A call, batch row or any number in a request that matches is refused before anything is sent.',
		},
		{
			displayName: 'Cooldown (Minutes)',
			name: 'cooldownMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `No second call to the same number within this many minutes, across executions and workflows, read from ${provider}’s call history before each call. 0 turns it off. 1440 is 24 hours.`,
		},
		{
			displayName: 'Daily Call Cap',
			name: 'dailyCallCap',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `At most this many calls and batch rows in any 24 hours with this ${provider} account, counted from its call history. 0 turns it off.`,
		},
	];
}
