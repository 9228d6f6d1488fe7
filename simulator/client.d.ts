/** Types for the control-API client (simulator/client.js). */
import type { Delivery, FaultRule, RecordedRequest, SimulatorConfig, SimulatorState } from './index';

export interface SimulatorClient {
	readonly url: string;
	/** Any control call: `control('POST', '/faults', rule)`; the `/__sim` prefix is optional. Throws on non-2xx. */
	control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
	health(): Promise<{ ok: true }>;
	/** Polls /__sim/health until it answers. */
	waitUntilReady(timeoutMs?: number): Promise<{ ok: true }>;
	seed(): Promise<{ bolna: { agentIds: string[]; agentNames: string[] }; bland: Record<string, any> }>;
	state(): Promise<SimulatorState>;
	reset(): Promise<{ ok: true }>;
	listRequests(filter?: { method?: string; path?: string }): Promise<RecordedRequest[]>;
	clearRequests(): Promise<{ ok: true }>;
	listDeliveries(): Promise<Delivery[]>;
	setFault(rule: Omit<FaultRule, 'path'> & { path?: string }): Promise<{ faults: FaultRule[] }>;
	clearFaults(): Promise<{ faults: [] }>;
	listFaults(): Promise<FaultRule[]>;
	configure(patch: Partial<SimulatorConfig>): Promise<{ config: SimulatorConfig }>;
	/** Adds (or replaces, with the same id) a Bolna agent; returns it as GET /v2/agent/{id} would. */
	seedAgent(spec: { id?: string; agent_name?: string; webhook_url?: string | null; agent_welcome_message?: string; system_prompt?: string; agent_config?: Record<string, any> }): Promise<Record<string, any>>;
	getAgent(id: string): Promise<Record<string, any>>;
	/** Adds a Bland pathway (graph checked like the API does). */
	seedPathway(spec: { id?: string; name: string; description?: string; nodes?: any[]; edges?: any[] }): Promise<Record<string, any>>;
	/** Polls GET /__sim/state until predicate returns something truthy. */
	waitFor<T>(predicate: (state: SimulatorState) => T | undefined | null | false, options?: { timeoutMs?: number; intervalMs?: number }): Promise<T>;
}

export function simulatorClient(baseUrl: string): SimulatorClient;
