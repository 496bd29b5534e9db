// The search box of the list pages, end to end in headless Chromium (see docs/search.md).
// Independent of PUBLIC_DIR: it generates a site of SEARCH_POSTINGS postings (default 1000;
// 0 skips) with cmd/gensite, builds it with jobboard, serves it on 127.0.0.1, and in each
// language types words of a posting's title in the search box and follows the link to it.
// It checks that nothing is asked of another origin, that the page logs no error and fails
// no request, that axe finds nothing with the results shown, and that without JavaScript
// there is no box. It prints what a first search downloads (gzip -9), and writes it to
// SCREENSHOT_DIR/search-weights.txt.
//
// Environment: SEARCH_POSTINGS, NOW (default 2026-11-25), JOBBOARD (the executable; default:
// go build ./cmd/jobboard), CHROMIUM (default /usr/bin/chromium), SCREENSHOT_DIR, KEEP_TMP=1.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as server from './lib/server.mjs';

const require = createRequire(import.meta.url);
const env = process.env;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const N = Number(env.SEARCH_POSTINGS ?? 1000);
const NOW = env.NOW || '2026-11-25';
const CHROMIUM = env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'jobboard-screenshots'));
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

describe(`search box on a ${N}-posting site`, { skip: N > 0 ? false : 'SEARCH_POSTINGS=0' }, () => {
  let tmp, pub, srv, browser;
  const weights = [];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jobboard-search-'));
    const siteDir = path.join(tmp, 'site');
    pub = path.join(tmp, 'public');
    execFileSync('go', ['run', './cmd/gensite', '-n', String(N), '-now', NOW, '-out', siteDir], { cwd: ROOT, stdio: 'pipe' });
    let jobboard = env.JOBBOARD;
    if (!jobboard) {
      jobboard = path.join(tmp, 'jobboard');
      execFileSync('go', ['build', '-o', jobboard, './cmd/jobboard'], { cwd: ROOT, stdio: 'inherit' });
    }
    execFileSync(jobboard, ['build', '-C', siteDir, '-now', NOW, '-out', pub], { stdio: 'pipe' });
    srv = await server.start(pub);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });

  after(async () => {
    await browser?.close();
    await srv?.close();
    if (weights.length) {
      const text = weights.join('\n') + '\n';
      console.log(text);
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      fs.writeFileSync(path.join(SCREENSHOT_DIR, 'search-weights.txt'), text);
    }
    if (tmp && env.KEEP_TMP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
    else if (tmp) console.log(`kept ${tmp}`);
  });

  for (const lang of ['fr', 'en']) {
    it(`${lang}: typing words of a title gives a link to the posting, nothing from elsewhere`, async () => {
      // A posting from the middle of the list, read from the index the build wrote.
      const meta = JSON.parse(fs.readFileSync(path.join(pub, lang, 'search', 'index.json'), 'utf8'));
      const id = Math.floor(meta.n / 2);
      const line = fs.readFileSync(path.join(pub, lang, 'search', `e${Math.floor(id / meta.c)}.txt`), 'utf8')
        .split('\n')[id % meta.c];
      const [slug, title] = line.split('\t');
      // The first word of the title, cut to six letters as typed (accents kept: "Éducat"),
      // and the title's number: every word must match, a word may be the beginning of one.
      const first = title.split(/[\s·'’-]+/).find((w) => w.length >= 6) || title.split(/\s+/)[0];
      const number = (title.match(/\d+/) || [''])[0];
      const typed = `${first.slice(0, 6)} ${number}`.trim();

      const origin = srv.origin;
      const local = (u) => u.startsWith(origin + '/') || /^(data|blob|about):/.test(u);
      const foreign = [], problems = [], responses = [];
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block', bypassCSP: true });
      try {
        await ctx.route('**/*', (route) => (local(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
        const page = await ctx.newPage();
        page.on('request', (req) => { if (!local(req.url())) foreign.push(req.url()); });
        page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
        page.on('response', (resp) => {
          if (resp.status() >= 400) problems.push(`HTTP ${resp.status()}: ${resp.url()}`);
          responses.push(resp.body().then((b) => ({ url: resp.url().replace(origin, ''), bytes: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length }), () => null));
        });
        await page.goto(`${origin}/${lang}/`, { waitUntil: 'load' });
        const label = await page.locator('label[for="search-q"]').textContent();
        const box = page.getByRole('searchbox', { name: label });
        await box.waitFor({ state: 'visible' });
        // Keyboard: the box is reached with Tab like any field.
        for (let i = 0; i < 40 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
        assert.ok(await box.evaluate((el) => el === document.activeElement), 'the search box is not reached with the Tab key');
        await page.keyboard.type(typed, { delay: 20 });
        const link = page.locator(`#search-results a[href$="/${lang}/${slug}/"]`);
        await link.waitFor({ state: 'visible', timeout: 15000 });
        assert.equal(await page.locator('#search-results').getAttribute('aria-live'), 'polite');
        assert.equal((await link.textContent()).trim(), title, 'the link is named with the posting\'s title');
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `search-${lang}.png`), animations: 'disabled' });
        await page.addScriptTag({ path: require.resolve('axe-core') });
        const violations = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((res) => res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)), AXE_TAGS);
        assert.deepEqual(violations, [], 'axe, with the results shown');
        // Following the link, with the keyboard, opens the posting in the page's language.
        await link.focus();
        await Promise.all([page.waitForURL(`${origin}/${lang}/${slug}/`), page.keyboard.press('Enter')]);
        assert.equal(await page.locator('h1').first().textContent().then((t) => t.trim()), title);

        // What the search downloaded: the script and the index's files (the page, its style
        // sheet, icon and search-box.js are the page's own).
        const searched = (await Promise.all(responses)).filter((r) => r && (/^\/assets\/search\.[0-9a-f]+\.js$/.test(r.url) || r.url.startsWith(`/${lang}/search/`)));
        const gz = searched.reduce((n, r) => n + r.gzip, 0), raw = searched.reduce((n, r) => n + r.bytes, 0);
        weights.push(`${N} postings, ${lang}, "${typed}": first search downloads ${searched.length} files, ${raw} bytes, ${gz} gzipped (${searched.map((r) => `${r.url.replace(/\?.*/, '')} ${r.gzip}`).join(', ')})`);
        assert.deepEqual(foreign, [], 'requests to another origin');
        assert.deepEqual(problems, [], 'console errors, page errors or failed requests');
      } finally {
        await ctx.close();
      }
    });
  }

  it('without JavaScript there is no search box', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await ctx.newPage();
      await page.goto(`${srv.origin}/fr/`, { waitUntil: 'load' });
      assert.equal(await page.locator('#search').count(), 1);
      assert.equal(await page.locator('#search').isVisible(), false, 'the box shows without JavaScript, where it can do nothing');
      assert.ok(await page.locator('nav.filters a').first().isVisible(), 'the filters are the way without JavaScript');
    } finally {
      await ctx.close();
    }
  });
});
