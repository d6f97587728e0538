/*
 * H5 only: starts the first page's data requests while the app's scripts are still downloading.
 * 首页 and 工惠券 both open on the list of batches, and a signed-in app checks its session
 * (/api/me); asking for them here instead of after the JavaScript ran saves a round trip each on
 * a slow network. The app takes each answer once (src/api/prefetched.ts) and otherwise asks by
 * itself. A file, not inline, for the CSP.
 * Reads the session zustand keeps (persist name 'gonghui-app', Taro's { data } wrapper).
 */
(function (win) {
  try {
    if (!win.fetch || !/^\/(pages\/(home|vouchers)\/index)?$/.test(win.location.pathname)) return;
    var raw = win.localStorage.getItem('gonghui-app');
    var state = raw ? JSON.parse(JSON.parse(raw).data).state : null;
    var token = (state && state.token) || null;
    var member = state && state.me && state.me.member;
    var headers = { Accept: 'application/json' };
    var url = '/api/public/voucher-batches';
    if (token) {
      // Only an admitted member's list: staff and applicants open other things first.
      if (!member || member.status !== 'active') return;
      url = '/api/voucher-batches';
      headers.Authorization = 'Bearer ' + token;
    }
    var ask = function (path) {
      var answer = win.fetch(path, { headers: headers, credentials: 'omit' }).then(function (res) {
        return res.text().then(function (text) {
          return { status: res.status, text: text, date: res.headers.get('date'), retryAfter: res.headers.get('retry-after') };
        });
      });
      answer.catch(function () {});
      return answer;
    };
    var answers = {};
    var sentAt = Date.now();
    answers[url] = ask(url);
    if (token) answers['/api/me'] = ask('/api/me');
    win.__ghPrefetch = { token: token, sentAt: sentAt, answers: answers };
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 (old phones' browsers): a catch needs its binding
  } catch (e) {
    // the app asks by itself
  }
})(window);
