import nock from 'nock';

import { retrySettings } from '../nodes/shared/transport/request';
import { recentEvents } from '../nodes/shared/webhook/dedupe';

// Keep retry waits short in tests; the policy (what is retried, how often) is unchanged.
retrySettings.baseDelayMs = 5;
retrySettings.maxDelayMs = 20;

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});

afterEach(() => {
	nock.cleanAll();
	// Each test starts as a freshly started n8n process: no event seen yet.
	recentEvents.clear();
});

afterAll(() => {
	nock.restore();
});
