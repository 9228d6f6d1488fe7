'use strict';
/** Readers over the in-process simulator handle (see simulator/README.md). */

/** A Bolna execution as the simulator stores it (the GET /executions/{id} body). */
function simExecution(sim, id) {
	return sim.state.bolna.executions[id];
}

function simAgent(sim, id) {
	return sim.state.bolna.agents[id];
}

function simBlandCall(sim, id) {
	return sim.state.bland.calls[id];
}

/** Webhook deliveries the simulator made, optionally filtered. */
function deliveries(sim, filter = {}) {
	return sim.state.deliveries.filter((d) => Object.entries(filter).every(([k, v]) => d[k] === v));
}

module.exports = { simExecution, simAgent, simBlandCall, deliveries };
