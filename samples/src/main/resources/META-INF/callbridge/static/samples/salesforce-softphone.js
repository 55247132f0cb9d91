/* Starts the Salesforce bridge for the demo: like the adapter's own page, plus the simulator's loopback hosts. */
(function (win) {
  'use strict';
  var root = win.document.getElementById('callbridge');
  function loopback(hostname) {
    return hostname === 'localhost' || hostname === '127.0.0.1';
  }
  win.CallbridgeSalesforce.start({
    window: win,
    acceptHost: loopback,
    onConnected: function (bridge) {
      if (win.CallbridgeSoftphone && typeof win.CallbridgeSoftphone.mount === 'function') {
        win.CallbridgeSoftphone.mount(root, bridge, { title: 'Phone' });
      } else {
        root.textContent = 'The softphone UI (/static/callbridge/softphone.js) is not loaded.';
      }
    }
  }).catch(function (e) {
    var box = win.document.createElement('p');
    box.className = 'demo-error';
    box.setAttribute('role', 'alert');
    box.textContent = e && e.message ? e.message : String(e);
    root.appendChild(box);
  });
}(window));
