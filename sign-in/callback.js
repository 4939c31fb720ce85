// The sign-in's way back to the configurator page that opened it
// (src/ui/later/tools/connect.rs). The authorization server sends the browser here with
// `code` and `state` (or `error`) in the query. This page:
// - takes them out of the address bar at once, so no code stays there or in
//   the history;
// - hands them to the window that opened the sign-in, on this origin only,
//   and to a same-origin broadcast, for when the authorization server's
//   opener policy cut the two windows apart;
// - closes itself (or says so, when the browser keeps it open).
(() => {
  const status = document.getElementById('status');
  const query = location.search;
  history.replaceState(null, '', location.pathname);
  if (!query) {
    status.textContent = 'Nothing to hand back: open the configurator and press "Sign in and read my server\'s tools".';
    return;
  }
  const message = { type: 'codex-connect-callback', query };
  try {
    window.opener?.postMessage(message, location.origin);
  } catch { /* the opener is gone or elsewhere: the broadcast still reaches it */ }
  try {
    const channel = new BroadcastChannel('codex-connect');
    channel.postMessage(message);
    channel.close();
  } catch { /* no BroadcastChannel: the opener message is the way */ }
  status.textContent = 'Signed in: you can close this window.';
  window.close();
})();
