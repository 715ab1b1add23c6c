/**
 * dashboard: the server side of the web dashboard (issue #9) — the built browser app served under
 * `/ui/` on the API server's listener, its login tokens and session cookies, and the
 * `podyard dashboard` command that prints or opens a login URL. The browser app itself lives in
 * `web/` and talks to the ordinary Kubernetes API.
 */
export { Dashboard, dashboardPrefix, defaultAssetsDir } from './dashboard.js';
export { DashboardSessions, cookieValue, sessionCookieName, type SessionOptions, type SessionUser } from './sessions.js';
export { runDashboardCommand, type DashboardCommandIo } from './command.js';
