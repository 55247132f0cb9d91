// BrowserScriptsIT's page: the shared bridge client and softphone against the test server's fake CRM.
// The agent token comes in the URL fragment, so it never reaches a server log. Query parameters pick how the page
// gets its token: none, a provider that reads the fragment on every connect; fixed=1, the fragment as a fixed
// `token`; caching=1&agent=…, a provider that fetches a demo token once and again only when asked to renew.
// Every run of an invocation is counted in localStorage, which outlives a reload; and a result whose id the test put
// in sessionStorage under 'cb-test-drop-result' is swallowed instead of sent, and the page reloads: the page going away
// after running a CRM method and before the server got the answer.
(function () {
  'use strict';
  const query = new URLSearchParams(window.location.search);
  const record = { statuses: [], invocations: [], tokenRequests: [], fetches: 0 };
  const fragmentToken = decodeURIComponent(window.location.hash.slice(1));
  let cached = null;
  const caching = async (request) => {
    record.tokenRequests.push(request);
    if (cached === null || request.renew) {
      record.fetches += 1;
      const response = await fetch('/demo/token?' + new URLSearchParams({
        tenant: 'acme', agent: query.get('agent'), crm: 'fakecrm' }), { cache: 'no-store' });
      cached = (await response.json()).token;
    }
    return cached;
  };
  const tokenOptions = query.get('fixed') === '1'
    ? { token: fragmentToken }
    : { tokenProvider: query.get('caching') === '1' ? caching : async () => fragmentToken };
  class ReloadingBeforeTheAnswer extends WebSocket {
    send(text) {
      const frame = JSON.parse(text);
      if (frame.type === 'result' && frame.id === sessionStorage.getItem('cb-test-drop-result')) {
        sessionStorage.removeItem('cb-test-drop-result');
        window.location.reload();
        return;
      }
      super.send(text);
    }
  }
  const bridge = CallbridgeBridge.connect(Object.assign(tokenOptions, {
    WebSocketImpl: ReloadingBeforeTheAnswer,
    crm: 'fakecrm',
    role: 'widget',
    // Short, so that BrowserScriptsIT sees an event given up on in a moment.
    eventRetryDelaysMs: [50, 50],
    onStatus: (status, detail) => record.statuses.push(status + (detail && detail.reason ? ' ' + detail.reason : '')),
    onInvoke: async (method, args, id) => {
      record.invocations.push(id);
      localStorage.setItem('cb-test-runs-' + id, String(Number(localStorage.getItem('cb-test-runs-' + id) || 0) + 1));
      if (method === 'fail') {
        throw CallbridgeBridge.crmError('the CRM said no', [{ description: 'nope' }]);
      }
      return { method: method, args: args };
    },
  }));
  CallbridgeSoftphone.mount(document.getElementById('phone'), bridge, { title: 'Test Phone' });
  record.bridge = bridge;
  window.callbridgeTest = record;
})();
