// BrowserScriptsIT's page: the shared bridge client and softphone against the test server's fake CRM.
// The agent token comes in the URL fragment, so it never reaches a server log.
(function () {
  'use strict';
  const record = { statuses: [], invocations: [] };
  const bridge = CallbridgeBridge.connect({
    tokenProvider: async () => decodeURIComponent(window.location.hash.slice(1)),
    crm: 'fakecrm',
    role: 'widget',
    onStatus: (status) => record.statuses.push(status),
    onInvoke: async (method, args, id) => {
      record.invocations.push(id);
      if (method === 'fail') {
        throw CallbridgeBridge.crmError('the CRM said no', [{ description: 'nope' }]);
      }
      return { method: method, args: args };
    },
  });
  CallbridgeSoftphone.mount(document.getElementById('phone'), bridge, { title: 'Test Phone' });
  record.bridge = bridge;
  window.callbridgeTest = record;
})();
