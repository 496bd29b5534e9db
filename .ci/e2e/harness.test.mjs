// Self-tests of the e2e harness (no browser, no built site needed): the mailto: decoder, the
// static server, page discovery and classification.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as server from './lib/server.mjs';
import {
  decodeMailto, siteBase, locToUrlPath, fileToUrlPath, urlPathToFile, classify, screenshotName,
  statusMarker, parseFrontMatter, isExpired, walkHtml,
} from './lib/site.mjs';

// RFC 6068 encoding as the generator must write it: UTF-8, every reserved byte escaped.
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

describe('decodeMailto', () => {
  const hard = ['candidature médiateur.rice interculturel.le', 'A & B = C?', '#1 100% sûr', 'a+b', '"quoted" \'single\'',
    'emoji 🎉 ok', '  leading and trailing  ', 'semi;colon/slash,comma'];
  for (const subject of hard) {
    it(`round-trips ${JSON.stringify(subject)}`, () => {
      const to = ['a@example.org', 'b.c+tag@example.org'];
      const href = new URL(`mailto:${to.map((a) => a.replace('+', '%2B')).join(',')}?subject=${enc(subject)}`).href;
      const d = decodeMailto(href);
      assert.deepEqual(d.to, to);
      assert.equal(d.subject, subject);
      assert.equal(d.fragment, '');
    });
  }
  it('keeps "+" as "+" (a space written as "+" is caught)', () => {
    assert.equal(decodeMailto('mailto:a@x.org?subject=a+b').subject, 'a+b');
  });
  it('sees a raw "#" cutting the link', () => {
    const d = decodeMailto('mailto:a@x.org?subject=Ref #12');
    assert.equal(d.subject, 'Ref ');
    assert.equal(d.fragment, '#12');
  });
  it('collects to=, cc=, bcc= and body=', () => {
    const d = decodeMailto('mailto:a@x.org?to=b@x.org&cc=c@x.org&bcc=d@x.org&body=hi%20there&subject=s');
    assert.deepEqual(d.to, ['a@x.org', 'b@x.org']);
    assert.deepEqual(d.cc, ['c@x.org']);
    assert.deepEqual(d.bcc, ['d@x.org']);
    assert.equal(d.body, 'hi there');
    assert.equal(d.subject, 's');
  });
  it('reports no subject as null', () => {
    assert.equal(decodeMailto('mailto:a@x.org').subject, null);
  });
  it('rejects other schemes', () => {
    assert.throws(() => decodeMailto('https://x.org/'));
  });
});

describe('site base and paths', () => {
  const locs = ['https://jobs.example.org/', 'https://jobs.example.org/fr/', 'https://jobs.example.org/fr/un-poste/'];
  it('uses site.yaml base_url when every loc is under it', () => {
    assert.equal(siteBase(locs, 'https://jobs.example.org/'), 'https://jobs.example.org/');
    assert.equal(siteBase(locs, 'https://jobs.example.org'), 'https://jobs.example.org/');
  });
  it('finds a base under a sub-path from a language directory', () => {
    const sub = ['https://x.org/careers/fr/', 'https://x.org/careers/fr/a-job/', 'https://x.org/careers/en/'];
    assert.equal(siteBase(sub, null), 'https://x.org/careers/');
    assert.equal(siteBase(sub, 'https://elsewhere.org/'), 'https://x.org/careers/');
  });
  it('falls back to the longest common prefix', () => {
    assert.equal(siteBase(['https://x.org/a/one/', 'https://x.org/a/two/'], null), 'https://x.org/a/');
    assert.equal(siteBase(['https://x.org/one'], null), 'https://x.org/');
  });
  it('maps locs and files to local paths', () => {
    assert.equal(locToUrlPath('https://x.org/c/fr/job/', 'https://x.org/c/'), '/fr/job/');
    assert.equal(locToUrlPath('https://x.org/c', 'https://x.org/c/'), '/');
    assert.equal(locToUrlPath('https://y.org/fr/', 'https://x.org/'), null);
    assert.equal(fileToUrlPath('index.html'), '/');
    assert.equal(fileToUrlPath('fr/archive/index.html'), '/fr/archive/');
    assert.equal(fileToUrlPath('404.html'), '/404.html');
    assert.equal(urlPathToFile('/fr/'), 'fr/index.html');
    assert.equal(urlPathToFile('/'), 'index.html');
    assert.equal(urlPathToFile('/404.html'), '404.html');
  });
  it('classifies posting pages', () => {
    const slugs = new Set(['un-poste']);
    assert.deepEqual(classify('/fr/un-poste/', { languages: ['fr', 'en'], slugs }), { kind: 'posting', lang: 'fr', slug: 'un-poste' });
    assert.equal(classify('/fr/archive/', { slugs }).kind, 'page');
    assert.equal(classify('/fr/cdi/', { slugs }).kind, 'page');
    assert.equal(classify('/fr/', { slugs }).kind, 'page');
    assert.equal(classify('/fr/un-poste/print/', { slugs }).kind, 'page');
    assert.equal(classify('/en/any-slug/', {}).kind, 'posting');
  });
  it('names screenshots after the path', () => {
    assert.equal(screenshotName('/'), 'index.png');
    assert.equal(screenshotName('/fr/un-poste/'), 'fr__un-poste.png');
    assert.equal(screenshotName('/404.html'), '404.png');
  });
  it('reads the data-status marker, quoted or minified', () => {
    assert.equal(statusMarker('<body><article class=x data-status=closed>'), 'closed');
    assert.equal(statusMarker('<article data-status="open">'), 'open');
    assert.equal(statusMarker('<body data-status=\'closed\'>'), 'closed');
    assert.equal(statusMarker('<div data-status=closed>'), null);
  });
});

describe('front matter', () => {
  it('parses YAML front matter; dates stay comparable', () => {
    const fm = parseFrontMatter('---\ntitle: T\nexpires: 2026-10-31\napply:\n  to: [a@x.org]\n  subject: "s & t"\n---\nbody\n');
    assert.equal(fm.apply.subject, 's & t');
    assert.equal(isExpired(fm, '2026-11-25'), true);
    assert.equal(isExpired(fm, '2026-10-31'), false);
    assert.equal(isExpired({}, '2026-11-25'), false);
  });
  it('refuses a file without front matter', () => {
    assert.throws(() => parseFrontMatter('no front matter'));
  });
});

describe('static server', () => {
  let dir;
  let srv;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-server-'));
    fs.mkdirSync(path.join(dir, 'fr'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<h1>root</h1>');
    fs.writeFileSync(path.join(dir, 'fr', 'index.html'), '<h1>fr</h1>');
    fs.writeFileSync(path.join(dir, '404.html'), '<h1>missing</h1>');
    for (const f of ['sitemap.xml', 'a.css', 'i.svg', 'favicon.ico', 'site.webmanifest']) fs.writeFileSync(path.join(dir, f), 'x');
    srv = await server.start(dir);
  });
  after(async () => {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const get = (p) => fetch(srv.origin + p, { redirect: 'manual' });
  it('serves index.html for directories and redirects /dir to /dir/', async () => {
    const r = await get('/fr/');
    assert.equal(r.status, 200);
    assert.equal(await r.text(), '<h1>fr</h1>');
    const moved = await get('/fr');
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/fr/');
  });
  it('serves 404.html with status 404', async () => {
    const r = await get('/nope/');
    assert.equal(r.status, 404);
    assert.equal(await r.text(), '<h1>missing</h1>');
  });
  it('never serves outside the root', async () => {
    assert.equal((await get('/..%2f..%2fetc%2fpasswd')).status, 404);
  });
  it('sends the right content types', async () => {
    const want = {
      '/': 'text/html', '/sitemap.xml': 'application/xml', '/a.css': 'text/css', '/i.svg': 'image/svg+xml',
      '/favicon.ico': 'image/x-icon', '/site.webmanifest': 'application/manifest+json',
    };
    for (const [p, type] of Object.entries(want)) {
      assert.equal((await get(p)).headers.get('content-type').split(';')[0], type, p);
    }
  });
  it('walks the HTML files', () => {
    assert.deepEqual(walkHtml(dir), ['404.html', 'fr/index.html', 'index.html']);
  });
});
