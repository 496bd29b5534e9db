// End-to-end checks of a built jobboard site in headless Chromium (playwright-core, Debian's
// /usr/bin/chromium). Run by .ci/run (step h):
//
//   PUBLIC_DIR=/abs/public CONTENT_DIR=$PWD/content SCREENSHOT_DIR=/tmp/shots node --test .ci/e2e/
//
// Environment: PUBLIC_DIR (required), CONTENT_DIR (the site's content/, for the apply-link and
// expiry checks), SCREENSHOT_DIR (default: a temporary directory), NOW (YYYY-MM-DD, the build's
// -now: open/closed status is checked against `expires`), CHROMIUM (default /usr/bin/chromium),
// PAGE_TIMEOUT_MS (default 90000), BUDGET_KIB (gzip budget of a posting page, default 14).
//
// Contracts the templates follow (see .ci/README.md):
//   - a posting page's <article> (or <body>) carries data-status="open" or data-status="closed";
//   - an open posting page has an element id="apply" holding the mailto: apply link, with the
//     addresses and the subject also written out as text inside it;
//   - a closed posting page has no mailto: link to the posting's addresses.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { parseSitemap } from 'sitemap';
import * as server from './lib/server.mjs';
import {
  readSiteConfig, listPostings, postingFacts, walkHtml, fileToUrlPath, urlPathToFile, siteBase,
  locToUrlPath, classify, screenshotName, decodeMailto, isExpired,
} from './lib/site.mjs';

const require = createRequire(import.meta.url);
const env = process.env;
const PUBLIC_DIR = env.PUBLIC_DIR ? path.resolve(env.PUBLIC_DIR) : null;
const CONTENT_DIR = env.CONTENT_DIR ? path.resolve(env.CONTENT_DIR) : null;
const SCREENSHOT_DIR = path.resolve(env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'jobboard-screenshots'));
const NOW = env.NOW || null;
const CHROMIUM = env.CHROMIUM || '/usr/bin/chromium';
const PAGE_TIMEOUT = Number(env.PAGE_TIMEOUT_MS || 90000);
const BUDGET = Number(env.BUDGET_KIB || 14) * 1024;
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

if (!PUBLIC_DIR) {
  describe('site', () => {
    it('PUBLIC_DIR is set to a built site', { skip: 'PUBLIC_DIR is not set: nothing to check' }, () => {});
  });
} else {
  await defineSiteTests();
}

async function defineSiteTests() {
  const site = readSiteConfig(CONTENT_DIR);
  const postings = listPostings(CONTENT_DIR);
  const slugs = new Set(postings.keys());
  const classOf = (p) => classify(p, { languages: site.languages, slugs });

  // ---- the pages: every <loc> of sitemap.xml plus every *.html file, deduplicated.
  const sitemapFile = path.join(PUBLIC_DIR, 'sitemap.xml');
  let items = [];
  let sitemapError = null;
  if (fs.existsSync(sitemapFile)) {
    try {
      items = await parseSitemap(fs.createReadStream(sitemapFile));
    } catch (e) {
      sitemapError = e;
    }
  } else {
    sitemapError = new Error(`${sitemapFile} does not exist`);
  }
  const base = siteBase(items.map((i) => i.url), site.baseUrl);
  const pages = new Map(); // url path -> {inSitemap, file}
  const unmapped = [];
  for (const item of items) {
    const p = locToUrlPath(item.url, base);
    if (p === null) { unmapped.push(item.url); continue; }
    if (!pages.has(p)) pages.set(p, { inSitemap: true });
  }
  for (const rel of walkHtml(PUBLIC_DIR)) {
    // admin/: the browser editor, a program rather than a page of the site (admin.test.mjs).
    if (rel.split(/[\\/]/)[0] === 'admin') continue;
    const p = fileToUrlPath(rel);
    if (!pages.has(p)) pages.set(p, { inSitemap: false });
  }

  const results = new Map(); // url path -> what a visit saw
  const weights = [];
  let browser;
  let srv;

  describe('site', () => {
    before(async () => {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      srv = await server.start(PUBLIC_DIR);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60000 });
    }, { timeout: 90000 });

    after(async () => {
      await browser?.close().catch(() => {});
      await srv?.close();
      printWeights(weights);
    }, { timeout: 30000 });

    describe('sitemap.xml', () => {
      it('parses and lists pages', () => {
        assert.ifError(sitemapError);
        assert.ok(items.length > 0, 'sitemap.xml lists no <url>');
        console.log(`sitemap: ${items.length} <url>, base ${base}`);
      });
      it('every <loc> is under the site base and served from a file', () => {
        none(unmapped, `locs not under ${base}`);
        const missing = items.map((i) => locToUrlPath(i.url, base)).filter((p) => p !== null)
          .filter((p) => !fs.existsSync(path.join(PUBLIC_DIR, urlPathToFile(p))));
        none(missing, 'locs with no file in PUBLIC_DIR');
      });
      it('every <url> has a <lastmod>', () => {
        const bad = items.filter((i) => !i.lastmod).map((i) => i.url);
        none(bad, 'urls without <lastmod>');
      });
      it('every xhtml:link alternate points to a page of the site, with x-default', () => {
        const bad = [];
        for (const i of items) {
          if (!i.links || i.links.length === 0) continue;
          if (!i.links.some((l) => l.lang === 'x-default' || l.hreflang === 'x-default')) bad.push(`${i.url}: no x-default`);
          for (const l of i.links) {
            const p = locToUrlPath(l.url, base);
            if (p === null || !fs.existsSync(path.join(PUBLIC_DIR, urlPathToFile(p)))) bad.push(`${i.url}: alternate ${l.url} has no page`);
          }
        }
        none(bad, 'bad alternates');
      });
      it('lists no expired (closed) posting', () => {
        const bad = [];
        for (const i of items) {
          const p = locToUrlPath(i.url, base);
          if (p === null) continue;
          const c = classOf(p);
          if (c.kind !== 'posting') continue;
          const html = readPage(p);
          if (html && /\sdata-status\s*=\s*["']?closed/i.test(html)) bad.push(`${p} (marked closed)`);
          else if (NOW && factsOf(c.slug, c.lang)?.fm && isExpired(factsOf(c.slug, c.lang).fm, NOW)) bad.push(`${p} (expires before ${NOW})`);
        }
        none(bad, 'expired postings in the sitemap');
      });
    });

    for (const [p, meta] of pages) {
      const c = classOf(p);
      describe(`page ${p}`, { timeout: PAGE_TIMEOUT * 2 }, () => {
        let r;
        before(async () => {
          r = await withTimeout(visit(p), PAGE_TIMEOUT, `visiting ${p}`);
          results.set(p, r);
          weights.push({ page: p, requests: r.responses.length, bytes: sum(r.responses, 'bytes'), gzip: sum(r.responses, 'gzip') });
        }, { timeout: PAGE_TIMEOUT + 5000 });

        it(meta.inSitemap ? 'loads with status 200' : 'loads', () => {
          const want = p === '/404.html' || !meta.inSitemap ? [200, 404] : [200];
          assert.ok(want.includes(r.status), `status ${r.status}`);
        });
        it('no console error or warning, no page error, no failed resource', () => {
          none([...r.console, ...r.pageErrors, ...r.failed], 'console errors, page errors or failed resources');
        });
        it('every request goes to the local server', () => {
          none(r.foreign, 'requests to other origins');
        });
        it('axe-core: no WCAG 2.1 A/AA violation (1280 px and 320 px)', () => {
          assert.equal(r.axe.length, 0, `${r.axe.length} violation(s):\n${formatAxe(r.axe)}`);
        });
        it('no horizontal scroll at 320 px', () => {
          assert.ok(r.scroll.width <= 320, `scrollWidth ${r.scroll.width} > 320; too wide: ${r.scroll.wide.join(', ')}`);
        });
        it('shows its main heading (h1) with JavaScript disabled', () => {
          assert.ok(r.noJs.h1Visible, `no visible h1 without JavaScript (h1 count: ${r.noJs.h1Count})`);
          assert.equal(r.noJs.applyHref, r.info.applyHrefs[0] ?? null, 'the apply link differs without JavaScript');
        });
        it(`screenshot 390x844 -> ${screenshotName(p)}`, () => {
          assert.ok(fs.statSync(r.screenshot).size > 0);
        });
        if (c.kind === 'posting') {
          it(`weighs at most ${BUDGET / 1024} KiB gzipped in all (HTML, CSS, images, icons)`, () => {
            const gz = sum(r.responses, 'gzip');
            assert.ok(gz <= BUDGET, `${gz} bytes gzipped > ${BUDGET}:\n${r.responses.map((x) => `  ${x.gzip}\t${x.url}`).join('\n')}`);
          });
        }
      });
    }

    // ---- the apply link: recipients and subject byte for byte, on every language's page.
    describe('apply links', () => {
      const bySlug = new Map();
      for (const p of pages.keys()) {
        const c = classOf(p);
        if (c.kind !== 'posting') continue;
        if (!bySlug.has(c.slug)) bySlug.set(c.slug, []);
        bySlug.get(c.slug).push({ p, lang: c.lang });
      }
      it('the site has posting pages', () => {
        assert.ok(bySlug.size > 0, 'no page of the form /<lang>/<slug>/ for a posting of content/postings');
      });
      for (const [slug, list] of bySlug) {
        for (const { p, lang } of list) {
          it(`${p}: status marker, apply link decodes to the front matter's apply.to and apply.subject`, () => {
            const r = results.get(p);
            assert.ok(r, `${p} was not visited`);
            const facts = factsOf(slug, lang);
            assert.ok(facts, `no content/postings/${slug}.*.md for ${p} (CONTENT_DIR=${CONTENT_DIR})`);
            const fm = facts.fm;
            const apply = fm.apply || {};
            const to = (Array.isArray(apply.to) ? apply.to : [apply.to]).filter(Boolean).map(String);
            assert.ok(['open', 'closed'].includes(r.info.status),
              `posting page needs data-status="open|closed" on <article> or <body>, found ${JSON.stringify(r.info.status)}`);
            if (NOW) {
              assert.equal(r.info.status, isExpired(fm, NOW) ? 'closed' : 'open', `status vs expires ${fm.expires} and -now ${NOW}`);
            }
            if (r.info.status === 'closed') {
              const leaking = r.info.mailto.filter((l) => l.inApply || safeDecode(l.href)?.to.some((a) => to.includes(a)));
              none(leaking.map((l) => l.href), 'a closed posting offers an apply link');
              return;
            }
            assert.equal(r.info.applyCount, 1, `exactly one element id="apply" expected, found ${r.info.applyCount}`);
            const links = r.info.mailto.filter((l) => l.inApply);
            assert.ok(links.length > 0, '#apply holds no a[href^="mailto:"]');
            for (const l of links) {
              assert.match(l.raw, /^mailto:[\x21-\x7e]*$/, `href not percent-encoded (RFC 6068): ${l.raw}`);
              const d = decodeMailto(l.href);
              assert.equal(d.fragment, '', `"#" in the link cuts it: ${l.href}`);
              const got = [...d.to, ...d.cc, ...d.bcc];
              assert.deepEqual(got, to, `recipients ${JSON.stringify(got)} != apply.to ${JSON.stringify(to)} (${facts.file}) in ${l.href}`);
              assert.ok(d.subjectCount <= 1, 'several subject= fields');
              const want = apply.subject == null ? '' : String(apply.subject);
              assert.equal(d.subject ?? '', want, `subject ${JSON.stringify(d.subject)} != apply.subject ${JSON.stringify(want)} (${facts.file}) in ${l.href}`);
              assert.ok(l.href.length < 2000, `link is ${l.href.length} characters`);
            }
            const text = norm(r.info.applyText);
            for (const a of to) assert.ok(text.includes(a), `address ${a} not written out in #apply`);
            if (apply.subject) assert.ok(text.includes(norm(String(apply.subject))), `subject not written out in #apply: ${apply.subject}`);
          });
        }
        if (list.length > 1) {
          it(`${slug}: the same recipients and subject on every language's page`, () => {
            const seen = new Map();
            for (const { p } of list) {
              const r = results.get(p);
              assert.ok(r, `${p} was not visited`);
              if (r.info.status !== 'open') continue;
              for (const href of r.info.applyHrefs) {
                const d = decodeMailto(href);
                seen.set(p, JSON.stringify({ to: [...d.to, ...d.cc, ...d.bcc], subject: d.subject }));
              }
            }
            assert.ok(new Set(seen.values()).size <= 1, `differs between pages: ${JSON.stringify(Object.fromEntries(seen), null, 1)}`);
          });
        }
      }
    });
  });

  function factsOf(slug, lang) {
    try {
      return postingFacts(CONTENT_DIR, slug, { defaultLang: site.defaultLang, pageLang: lang });
    } catch (e) {
      return { fm: null, error: e };
    }
  }

  function readPage(p) {
    try { return fs.readFileSync(path.join(PUBLIC_DIR, urlPathToFile(p)), 'utf8'); } catch { return null; }
  }

  // visit loads one page in a fresh context (nothing cached, so every resource is counted) and
  // records what the checks need.
  async function visit(p) {
    const origin = srv.origin;
    const local = (u) => u.startsWith(origin + '/') || u === origin || /^(data|blob|about):/.test(u);
    const r = { console: [], pageErrors: [], failed: [], foreign: [], responses: [], axe: [] };
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, serviceWorkers: 'block' });
    try {
      ctx.setDefaultTimeout(PAGE_TIMEOUT / 3);
      await ctx.route('**/*', (route) => (local(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
      const page = await ctx.newPage();
      const bodies = [];
      page.on('request', (req) => { if (!local(req.url())) r.foreign.push(`${req.resourceType()} ${req.url()}`); });
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') {
          const loc = m.location();
          r.console.push(`console.${m.type()}: ${m.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
        }
      });
      page.on('pageerror', (e) => r.pageErrors.push(`page error: ${e.message}`));
      page.on('requestfailed', (req) => { if (local(req.url())) r.failed.push(`failed: ${req.url()} ${req.failure()?.errorText}`); });
      page.on('response', (resp) => {
        const u = resp.url();
        if (u !== origin + p && resp.status() >= 400) r.failed.push(`HTTP ${resp.status()}: ${u}`);
        bodies.push(resp.body().then(
          (b) => ({ url: u.replace(origin, ''), status: resp.status(), bytes: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length }),
          () => ({ url: u.replace(origin, ''), status: resp.status(), bytes: 0, gzip: 0 }), // redirects have no body
        ));
      });
      const resp = await page.goto(origin + p, { waitUntil: 'load', timeout: PAGE_TIMEOUT / 3 });
      r.status = resp ? resp.status() : 0;
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
      r.info = await page.evaluate(() => {
        const marked = document.querySelector('article[data-status]') || (document.body && document.body.hasAttribute('data-status') ? document.body : null);
        const mailto = [...document.querySelectorAll('a[href^="mailto:" i]')].map((a) => ({ href: a.href, raw: a.getAttribute('href'), inApply: !!a.closest('#apply') }));
        const apply = document.getElementById('apply');
        return {
          status: marked ? marked.getAttribute('data-status') : null,
          mailto,
          applyHrefs: mailto.filter((l) => l.inApply).map((l) => l.href),
          applyCount: document.querySelectorAll('[id="apply"]').length,
          applyText: apply ? apply.textContent : '',
        };
      });

      await page.addScriptTag({ path: require.resolve('axe-core') });
      const runAxe = () => page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }).then((res) => res.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      }))), AXE_TAGS);
      const wide = await runAxe();

      await page.setViewportSize({ width: 390, height: 844 });
      r.screenshot = path.join(SCREENSHOT_DIR, screenshotName(p));
      await page.screenshot({ path: r.screenshot, fullPage: true, animations: 'disabled' });

      await page.setViewportSize({ width: 320, height: 800 });
      r.scroll = await page.evaluate(() => {
        // The culprits: elements whose box passes the right edge, or whose content spills out
        // of a box with overflow visible (a long word, a wide table); innermost ones only.
        const width = document.documentElement.scrollWidth;
        const hits = [];
        for (const el of document.body ? document.body.querySelectorAll('*') : []) {
          const b = el.getBoundingClientRect();
          if (b.width === 0) continue;
          const past = b.right > 320.5;
          const spills = !past && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
            && getComputedStyle(el).overflowX === 'visible';
          if (past || spills) hits.push({ el, past, b });
        }
        const inner = hits.filter((h) => !hits.some((o) => o !== h && h.el.contains(o.el)));
        const wide = inner.slice(0, 5).map(({ el, past, b }) => {
          const id = el.id ? `#${el.id}` : '';
          const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
          return `${el.tagName.toLowerCase()}${id}${cls} (${past ? `right edge at ${Math.round(b.right)}px` : `content ${el.scrollWidth}px wide in ${el.clientWidth}px`})`;
        });
        return { width, wide };
      });
      const narrow = await runAxe();
      const seen = new Set();
      for (const v of [...wide, ...narrow]) {
        const key = v.id + v.nodes.map((n) => n.target).join();
        if (!seen.has(key)) { seen.add(key); r.axe.push(v); }
      }
      await page.close();
      r.responses = await Promise.all(bodies);
    } finally {
      await ctx.close().catch(() => {});
    }

    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      noJs.setDefaultTimeout(PAGE_TIMEOUT / 3);
      await noJs.route('**/*', (route) => (local(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
      const page = await noJs.newPage();
      // Here the page's own Content-Security-Policy applies (the first context bypasses it to
      // inject axe-core): a policy that blocks the page's own styles shows up now.
      page.on('console', (m) => {
        if (m.type() !== 'error' && m.type() !== 'warning') return;
        const text = `console.${m.type()}: ${m.text()}`;
        if (!r.console.some((c) => c.startsWith(text))) r.console.push(`${text} (without JavaScript)`);
      });
      await page.goto(origin + p, { waitUntil: 'load', timeout: PAGE_TIMEOUT / 3 });
      const h1 = page.locator('h1');
      r.noJs = {
        h1Count: await h1.count(),
        h1Visible: (await h1.count()) > 0 && await h1.first().isVisible(),
        applyHref: (await page.$$eval('#apply a[href^="mailto:" i]', (els) => els.map((a) => a.href)))[0] ?? null,
      };
    } finally {
      await noJs.close().catch(() => {});
    }
    return r;
  }
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, fail) => { t = setTimeout(() => fail(new Error(`timeout after ${ms} ms: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

// none fails with a readable list when list is not empty.
function none(list, what) {
  const uniq = [...new Set(list)];
  if (uniq.length) assert.fail(`${what}:\n  ${uniq.join('\n  ')}`);
}

function sum(list, key) {
  return list.reduce((n, x) => n + x[key], 0);
}

function norm(s) {
  return String(s || '').replace(/\s+/g, ' ').trim();
}

function safeDecode(href) {
  try { return decodeMailto(href); } catch { return null; }
}

function formatAxe(violations) {
  return violations.map((v) => `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n`
    + v.nodes.map((n) => `      ${n.target}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n')).join('\n');
}

function printWeights(rows) {
  if (rows.length === 0) return;
  const w = Math.max(4, ...rows.map((r) => r.page.length));
  const lines = [`${'page'.padEnd(w)}  requests     bytes  gzip-bytes`];
  for (const r of rows) {
    lines.push(`${r.page.padEnd(w)}  ${String(r.requests).padStart(8)}  ${String(r.bytes).padStart(8)}  ${String(r.gzip).padStart(10)}`);
  }
  const text = lines.join('\n');
  console.log(`page weights (also in ${path.join(SCREENSHOT_DIR, 'weights.txt')}):\n${text}`);
  try { fs.writeFileSync(path.join(SCREENSHOT_DIR, 'weights.txt'), text + '\n'); } catch { /* best effort */ }
}
