/** Fixed ids of the simulator's seeded data (simulator/seed.js). */
export const DEFAULT_KEYS: Readonly<{ bolnaApiKey: string; blandApiKey: string; blandWebhookSecret: string }>;
export const BOLNA_AGENT_ID: string;
export const BOLNA_AGENT_ID_2: string;
export const BOLNA_AGENT_NAME: string;
export const BOLNA_AGENT_NAME_2: string;
export const BOLNA_DEFAULT_FROM: string;
export const BOLNA_PHONE_NUMBER_ID: string;
export const BOLNA_VOICE_IDS: readonly string[];
export const BLAND_PATHWAY_ID: string;
export const BLAND_PATHWAY_ID_2: string;
export const BLAND_PATHWAY_NAME: string;
export const BLAND_PATHWAY_NAME_2: string;
export const BLAND_VOICE_IDS: readonly string[];
export const BLAND_VOICE_NAMES: readonly string[];
export const BLAND_TOOL_ID: string;
export const BLAND_INBOUND_NUMBER: string;
export const BLAND_DEFAULT_FROM: string;
export const SEED: Readonly<{
	bolna: { agentIds: string[]; agentNames: string[]; phoneNumberId: string; voiceIds: string[] };
	bland: { pathwayIds: string[]; pathwayNames: string[]; voiceIds: string[]; voiceNames: string[]; toolId: string; inboundNumber: string };
}>;
export function seedState(): import('./index').SimulatorState;
