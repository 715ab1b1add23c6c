// Shared by the dashboard-*.test.ts files: headless Chromium logged in to a test Podyard's
// dashboard the way a user is (`podyard dashboard --print-url`), raw anonymous requests, and
// screenshots into <repo>/.cache/screenshots (gitignored, for reviewers).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { podyardBin, repoRoot, type TestPodyard } from '../helpers/podyard.js';

const run = promisify(execFile);

/** Debian's chromium. */
export const chromiumPath = '/usr/bin/chromium';

/** Why browser tests cannot run here (outside CI), or undefined. */
export function browserUnavailable(): string | undefined {
  return existsSync(chromiumPath) || process.env.CI === 'true' ? undefined : 'needs chromium';
}

/** Where screenshots go (not committed). */
export const screenshotsDir = join(repoRoot, '.cache', 'screenshots');

/** A browser page and what a test needs around it. */
export interface DashboardSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** `https://127.0.0.1:PORT` */
  origin: string;
  /** Opens a dashboard route (`/pods/default/mc1`). */
  open(route: string): Promise<void>;
  /** Writes a full-page screenshot `<name>.png`. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** `podyard dashboard --print-url` against a test server: a fresh single-use login URL. */
export async function loginUrl(server: TestPodyard): Promise<string> {
  const { stdout } = await run(process.execPath, [podyardBin, 'dashboard', '--print-url', '--kubeconfig', server.kubeconfig]);
  return stdout.trim();
}

/** Launches headless Chromium; with `login`, follows a login URL so the page holds a session. */
export async function openDashboard(server: TestPodyard, options: { login?: boolean } = {}): Promise<DashboardSession> {
  await mkdir(screenshotsDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (options.login !== false) await page.goto(await loginUrl(server));
  return {
    browser,
    context,
    page,
    origin: server.url,
    open: async (route) => {
      await page.goto(`${server.url}/ui/#${route}`);
    },
    shot: async (name) => {
      await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
    },
    close: () => browser.close(),
  };
}

/** One attribute of every element a locator matches, in document order. */
export async function attrs(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((l) => l.getAttribute(name)));
}

/** An HTTPS request with no client certificate (what a stranger's browser or script sends). */
export function anonymous(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<{ code: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', rejectUnauthorized: false, headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ code: res.statusCode ?? 101, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}
