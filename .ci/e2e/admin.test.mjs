// End-to-end test of the browser editor at /admin/ (Decap CMS) in headless Chromium, offline:
// Decap's local backend (decap-server, bound to 127.0.0.1) reads and writes a copy of the
// example site's content/. Run by .ci/run (step h) with the other tests of .ci/e2e/:
//
//   PUBLIC_DIR=/abs/public CONTENT_DIR=$PWD/content NOW=2026-11-25 node --test .ci/e2e/admin.test.mjs
//
// It creates a posting in French and English through the form, edits the existing posting's
// salary and subject, opens a posting of two places (written into the copy), edits and saves
// it and checks both places are kept, adds a third place with the form's button, removes one of
// another posting of two places (the one left is written as a group), then runs
// `jobboard check` on the files written and `jobboard build`, which must publish the postings
// in both languages. Every request of the
// page (and of its workers) is recorded: one that leaves 127.0.0.1 fails the test (and is
// never sent: it is aborted).
//
// Environment: PUBLIC_DIR (a site built with an editor: group in site.yaml), CONTENT_DIR,
// NOW, JOBBOARD (the jobboard executable; default: go build ./cmd/jobboard), CHROMIUM,
// SCREENSHOT_DIR (admin-1280.png, admin-390.png and admin-places.png are written there).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as server from './lib/server.mjs';
import { parseFrontMatter } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const env = process.env;
const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
const PUBLIC_DIR = env.PUBLIC_DIR ? path.resolve(env.PUBLIC_DIR) : null;
const CONTENT_DIR = path.resolve(env.CONTENT_DIR || path.join(ROOT, 'content'));
const NOW = env.NOW || '2026-11-25';
const CHROMIUM = env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(env.SCREENSHOT_DIR || path.join(os.tmpdir(), 'jobboard-screenshots'));
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCAL = '127.0.0.1:8081'; // admin.LocalBackend's host, written by jobboard build

const EXISTING = 'mediateur-interculturel-calais';
const NEW = {
  slug: 'charge-e-de-communication', // what Decap makes of the French title
  fr: { title: 'Chargé·e de communication', summary: 'CDD de 12 mois à Calais : faire connaître nos actions.', body: 'ECPAT France recrute un ou une chargée de communication à Calais.' },
  en: { title: 'Communications officer', summary: 'Twelve-month contract in Calais: making our work known.', body: 'ECPAT France is hiring a communications officer in Calais.' },
  to: 'recrutement@ecpat-france.org',
  subject: 'Candidature communication Calais',
};
const EDIT = { min: 25000, max: 29500, subject: 'candidature médiation interculturelle' };
// A posting of two places (location as a list), written into the copy beside the example.
const PLACES = {
  slug: 'mediateur-calais-lille',
  places: [
    { city: 'Calais', postal_code: '62100', region: 'Hauts-de-France', country: 'FR' },
    { city: 'Lille', postal_code: '59000', country: 'FR' },
  ],
  subject: 'candidature médiation Calais ou Lille',
  added: { city: 'Dunkerque', postal_code: '59140', country: 'FR' }, // the country is the form's default
  down: 'mediateur-calais-ou-lille', // the same posting, of which the form removes Lille
};

const enabled = PUBLIC_DIR && fs.existsSync(path.join(PUBLIC_DIR, 'admin', 'config.yml'));

describe('admin', { skip: enabled ? false : 'PUBLIC_DIR has no admin/config.yml (site.yaml has no editor:)' }, () => {
  let tmp, repo, pub, srv, decap, browser, context, page, jobboard;
  const requests = []; // every URL the admin page asked for
  const outside = [];  // those not on 127.0.0.1
  const problems = []; // page errors
  const refused = [];  // what the page's Content-Security-Policy refused
  const t0 = Date.now();

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jobboard-admin-'));
    // The site's files, as a git repository would hold them, for decap-server to edit.
    repo = path.join(tmp, 'site');
    fs.cpSync(CONTENT_DIR, path.join(repo, 'content'), { recursive: true });
    writeTwoPlaces(repo, PLACES.slug);
    writeTwoPlaces(repo, PLACES.down);
    jobboard = env.JOBBOARD || buildJobboard(tmp);
    // The built site, with the local backend moved to a free port (so that two runs, or a
    // decap-server of someone's, do not meet).
    const port = await freePort();
    pub = path.join(tmp, 'public');
    fs.cpSync(PUBLIC_DIR, pub, { recursive: true });
    for (const f of ['admin/config.yml', 'admin/index.html']) {
      const p = path.join(pub, f);
      const text = fs.readFileSync(p, 'utf8');
      assert.ok(text.includes(LOCAL), `${f} does not name the local backend ${LOCAL}`);
      fs.writeFileSync(p, text.replaceAll(LOCAL, `127.0.0.1:${port}`));
    }
    decap = await startDecapServer(repo, port);
    srv = await server.start(pub);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60000 });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', serviceWorkers: 'block' });
    const record = (url) => {
      requests.push(url);
      const u = new URL(url);
      if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '127.0.0.1') {
        outside.push(url);
      }
    };
    context.on('request', (r) => record(r.url()));
    context.on('weberror', (e) => problems.push(String(e.error())));
    // Nothing leaves this computer, whatever the page asks: recorded above, aborted here.
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
    // A request the page's policy refuses is never sent, so never seen above: the browser's
    // report of it is counted as an attempt to leave.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP refused ${e.blockedURI} (${e.violatedDirective})`));
    });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|CSP refused/.test(m.text())) refused.push(m.text());
    });
    page.setDefaultTimeout(30000);
  }, { timeout: 180000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await srv?.close();
    decap?.kill();
    if (tmp && !env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    console.log(`admin: ${requests.length} requests, ${outside.length} outside 127.0.0.1, ${refused.length} refused by the policy, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, { timeout: 30000 });

  it('signs in to the local backend and lists the example posting', async () => {
    await page.goto(`${srv.origin}/admin/`);
    await page.getByRole('button', { name: /Se connecter|Login/ }).click();
    await page.goto(`${srv.origin}/admin/#/collections/postings`);
    await page.getByText('Médiateur.rice interculturel.le').first().waitFor();
  });

  it('creates a posting in French and English through the form', async () => {
    await page.goto(`${srv.origin}/admin/#/collections/postings/new`);
    const fr = (name) => page.locator(`[id^="${name}-field-"]`).first();
    await fr('title').waitFor();
    // French (left) then English (right): the translatable fields are in both columns.
    await page.locator('[id^="title-field-"]').nth(0).fill(NEW.fr.title);
    await page.locator('[id^="summary-field-"]').nth(0).fill(NEW.fr.summary);
    await choose(page, 'organization', 'ECPAT France');
    await choose(page, 'contract', 'CDD (contrat');
    await fr('duration_months').fill('12');
    await choose(page, 'hours', 'Temps plein');
    await fr('min').fill('26000');
    await fr('max').fill('30000');
    await fr('city').fill('Calais');
    await fr('postal_code').fill('62100');
    await setDate(page, 'posted', NOW);
    await setDate(page, 'expires', '2027-01-31');
    await fr('subject').fill(NEW.subject);
    // apply.to: one address, added with the list's button.
    await addListItem(page, 'to', NEW.to);
    await choose(page, 'documents', 'CV');
    await choose(page, 'documents', 'Lettre de motivation');
    await choose(page, 'required', 'français');
    // Published at once: the draft box, ticked for a new posting, is unticked.
    const draft = fr('draft');
    assert.equal(await draft.getAttribute('aria-checked') ?? String(await draft.isChecked()), 'true', 'a new posting starts as a draft');
    await draft.click();
    await writeBody(page, 0, NEW.fr.body);
    await page.locator('[id^="title-field-"]').nth(1).fill(NEW.en.title);
    await page.locator('[id^="summary-field-"]').nth(1).fill(NEW.en.summary);
    await writeBody(page, 1, NEW.en.body);
    // The form filled in, from its top, on a computer and on a phone.
    const top = () => page.getByText(/Écrire en FR|Writing in FR/).first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await top();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await top();
    // On a phone the form scrolls as one column: back to its top.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      for (const e of document.querySelectorAll('*')) if (e.scrollTop > 0) e.scrollTop = 0;
    });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-390.png') });
    // On a phone the form fits the screen and the Publish button is in sight (jobboard.css).
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, 'the editor is wider than a 390 px screen');
    const box = await page.getByRole('button', { name: /^Publier|^Publish/ }).first().boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390 && box.y >= 0, `the Publish button is out of sight at 390 px: ${JSON.stringify(box)}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await publish(page);
    for (const lang of ['fr', 'en']) {
      const f = path.join(repo, 'content', 'postings', `${NEW.slug}.${lang}.md`);
      assert.ok(fs.existsSync(f), `the editor wrote no ${path.relative(repo, f)} (postings: ${fs.readdirSync(path.join(repo, 'content', 'postings')).join(', ')})`);
    }
  });

  it('writes the fields in the order of jobboard new, facts in the French file only', () => {
    const written = frontMatterKeys(path.join(repo, 'content', 'postings', `${NEW.slug}.fr.md`));
    const scratch = path.join(tmp, 'scratch');
    fs.cpSync(path.join(repo, 'content', 'site.yaml'), path.join(scratch, 'content', 'site.yaml'));
    fs.cpSync(path.join(repo, 'content', 'organizations'), path.join(scratch, 'content', 'organizations'), { recursive: true });
    execFileSync(jobboard, ['new', '-C', scratch, '-now', NOW, 'x'], { stdio: 'pipe' });
    const made = frontMatterKeys(path.join(scratch, 'content', 'postings', 'x.fr.md'));
    const order = (keys) => keys.filter((k) => made.includes(k) && written.includes(k));
    assert.deepEqual(order(written), order(made), 'the editor writes the fields in another order than jobboard new');
    const en = frontMatterKeys(path.join(repo, 'content', 'postings', `${NEW.slug}.en.md`));
    assert.deepEqual(en.filter((k) => !['title', 'summary'].includes(k)), [], 'facts written in the English file');
    const fm = readFrontMatter(path.join(repo, 'content', 'postings', `${NEW.slug}.fr.md`));
    assert.deepEqual(fm.apply.to, [NEW.to]);
    assert.equal(fm.apply.subject, NEW.subject);
    assert.equal(fm.contract, 'CDD');
    assert.equal(fm.draft, false);
    // One place is written as jobboard new writes it: a group, not a list of one.
    assert.deepEqual(fm.location, { city: 'Calais', postal_code: '62100', country: 'FR' });
  });

  it("edits the existing posting's salary and subject", async () => {
    // A new page load: Decap CMS keeps the last entry's form when only the address's # changes.
    await page.goto(`${srv.origin}/admin/#/collections/postings/entries/${EXISTING}`);
    await page.reload();
    const fr = (name) => page.locator(`[id^="${name}-field-"]`).first();
    await page.waitForFunction(() => document.querySelector('[id^="title-field-"]')?.value === 'Médiateur.rice interculturel.le');
    assert.equal(await fr('min').inputValue(), '24000');
    await fr('min').fill(String(EDIT.min));
    await fr('max').fill(String(EDIT.max));
    await fr('subject').fill(EDIT.subject);
    await publish(page);
    const fm = readFrontMatter(path.join(repo, 'content', 'postings', `${EXISTING}.fr.md`));
    assert.equal(fm.salary.min, EDIT.min);
    assert.equal(fm.salary.max, EDIT.max);
    assert.equal(fm.apply.subject, EDIT.subject);
    assert.deepEqual(fm.apply.to, ['mhugeux@ecpat-france.org', 'responsable-calais@ecpat-france.org']);
    assert.deepEqual(fm.location, { city: 'Calais', postal_code: '62100', region: 'Hauts-de-France', country: 'FR' }, 'the one place is no longer a group');
    const en = frontMatterKeys(path.join(repo, 'content', 'postings', `${EXISTING}.en.md`));
    assert.deepEqual(en.filter((k) => !['title', 'summary'].includes(k)), [], 'facts written in the English file');
  });

  it('opens a posting of two places, saves an edit of its subject, and keeps both places', async () => {
    await page.goto(`${srv.origin}/admin/#/collections/postings/entries/${PLACES.slug}`);
    await page.reload();
    const fr = (name) => page.locator(`[id^="${name}-field-"]`).first();
    await page.waitForFunction(() => document.querySelector('[id^="title-field-"]')?.value === 'Médiateur.rice interculturel.le');
    // The form shows both places, in order (the English column has them too, hidden: facts are
    // written in the French file only).
    const cities = page.locator('[id^="city-field-"]');
    await cities.nth(1).waitFor();
    const shown = await cities.evaluateAll((es) => es.filter((e) => getComputedStyle(e).visibility === 'visible').map((e) => e.value));
    assert.deepEqual(shown, PLACES.places.map((p) => p.city), 'the places the form shows');
    await cities.first().evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-places.png') });
    await fr('subject').fill(PLACES.subject);
    await publish(page);
    const fm = readFrontMatter(path.join(repo, 'content', 'postings', `${PLACES.slug}.fr.md`));
    assert.equal(fm.apply.subject, PLACES.subject);
    assert.deepEqual(fm.location, PLACES.places, 'the places of work after a save in the form');
    const en = frontMatterKeys(path.join(repo, 'content', 'postings', `${PLACES.slug}.en.md`));
    assert.deepEqual(en.filter((k) => !['title', 'summary'].includes(k)), [], 'facts written in the English file');
  });

  it('adds a third place with the Add button', async () => {
    await page.goto(`${srv.origin}/admin/#/collections/postings/entries/${PLACES.slug}`);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[id^="title-field-"]')?.value === 'Médiateur.rice interculturel.le');
    await page.getByRole('button', { name: /Ajouter lieu de travail|Add place of work/ }).first().click();
    const visible = (name) => page.locator(`[id^="${name}-field-"]`).filter({ visible: true });
    await visible('city').nth(2).fill(PLACES.added.city);
    await visible('postal_code').nth(2).fill(PLACES.added.postal_code);
    await publish(page);
    const fm = readFrontMatter(path.join(repo, 'content', 'postings', `${PLACES.slug}.fr.md`));
    assert.deepEqual(fm.location, [...PLACES.places, PLACES.added], 'the places after one was added in the form');
  });

  it('removes a place of a posting of two, and writes the one left as a group', async () => {
    await page.goto(`${srv.origin}/admin/#/collections/postings/entries/${PLACES.down}`);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[id^="title-field-"]')?.value === 'Médiateur.rice interculturel.le');
    const cities = page.locator('[id^="city-field-"]').filter({ visible: true });
    await cities.nth(1).waitFor();
    assert.equal(await cities.nth(1).inputValue(), PLACES.places[1].city);
    // Decap CMS's remove button (a cross) has no name: it is the last button of the place's
    // item, the smallest box around the city that holds buttons.
    await cities.nth(1).evaluate((input) => {
      let item = input.parentElement;
      while (item && item.querySelectorAll('button').length < 2) item = item.parentElement;
      const buttons = item.querySelectorAll('button');
      buttons[buttons.length - 1].setAttribute('data-e2e', 'remove-place');
    });
    await page.locator('[data-e2e="remove-place"]').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[id^="city-field-"]')].filter((e) => getComputedStyle(e).visibility === 'visible').length === 1);
    assert.equal(await cities.first().inputValue(), PLACES.places[0].city, 'the place left in the form');
    await publish(page);
    const fm = readFrontMatter(path.join(repo, 'content', 'postings', `${PLACES.down}.fr.md`));
    assert.deepEqual(fm.location, PLACES.places[0], 'the one place left is not written as a group');
  });

  it('jobboard check passes on the files written, and jobboard build publishes both postings', () => {
    run(jobboard, ['check', '-C', repo, '-now', NOW]);
    const out = path.join(tmp, 'built');
    run(jobboard, ['build', '-C', repo, '-now', NOW, '-out', out]);
    for (const lang of ['fr', 'en']) {
      for (const slug of [NEW.slug, EXISTING]) {
        const f = path.join(out, lang, slug, 'index.html');
        assert.ok(fs.existsSync(f), `${lang}/${slug}/ was not published`);
      }
      const html = fs.readFileSync(path.join(out, lang, NEW.slug, 'index.html'), 'utf8');
      assert.ok(html.includes(NEW[lang].title.replace("'", '&#39;')), `${lang}/${NEW.slug}/ lacks its title`);
      assert.ok(html.includes(NEW.subject), `${lang}/${NEW.slug}/ lacks the subject`);
      const old = fs.readFileSync(path.join(out, lang, EXISTING, 'index.html'), 'utf8');
      assert.ok(old.includes(EDIT.subject), `${lang}/${EXISTING}/ lacks the new subject`);
      // The posting of two places is on the page of each town.
      for (const town of ['calais', 'lille']) {
        const list = fs.readFileSync(path.join(out, lang, 'place', town, 'index.html'), 'utf8');
        assert.ok(list.includes(`/${lang}/${PLACES.slug}/`), `${lang}/place/${town}/ does not list ${PLACES.slug}`);
      }
    }
  });

  it('made no request outside 127.0.0.1, and no page error', () => {
    assert.ok(requests.length > 0, 'no request recorded');
    assert.deepEqual(outside, [], 'requests that leave 127.0.0.1');
    assert.deepEqual(refused, [], "requests the page's policy refused");
    assert.deepEqual(problems, [], 'page errors');
  });
});

// ---- helpers

// writeTwoPlaces writes the posting slug in the copy repo: the example posting (both
// languages), its place of work replaced by PLACES.places, as a YAML list.
function writeTwoPlaces(repo, slug) {
  const dir = path.join(repo, 'content', 'postings');
  const fr = fs.readFileSync(path.join(dir, `${EXISTING}.fr.md`), 'utf8');
  const block = /^location:\n(?:  .*\n)+/m;
  assert.match(fr, block, `${EXISTING}.fr.md has no location: group`);
  const places = PLACES.places.map((p) => Object.entries(p)
    .map(([k, v], i) => `${i ? '    ' : '  - '}${k}: ${JSON.stringify(v)}\n`).join('')).join('');
  fs.writeFileSync(path.join(dir, `${slug}.fr.md`), fr.replace(block, `location:\n${places}`));
  fs.copyFileSync(path.join(dir, `${EXISTING}.en.md`), path.join(dir, `${slug}.en.md`));
}

function buildJobboard(dir) {
  const exe = path.join(dir, 'jobboard');
  execFileSync('go', ['build', '-o', exe, './cmd/jobboard'], { cwd: ROOT, stdio: 'inherit' });
  return exe;
}

function run(exe, args) {
  try {
    return execFileSync(exe, args, { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`${path.basename(exe)} ${args.join(' ')} failed:\n${e.stdout}${e.stderr}`);
  }
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function startDecapServer(repo, port) {
  const main = require.resolve('decap-server');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(port), BIND_HOST: '127.0.0.1', GIT_REPO_DIRECTORY: repo, MODE: 'fs', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    if (await new Promise((ok) => {
      const c = net.connect(port, '127.0.0.1', () => { c.destroy(); ok(true); });
      c.on('error', () => ok(false));
    })) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('decap-server did not start');
}

// choose picks an option of a select or relation field (react-select) by its label's start.
async function choose(page, name, label) {
  const input = page.locator(`[id^="${name}-field-"]`).first();
  await input.click();
  await input.pressSequentially(label.slice(0, 6));
  await page.getByRole('option', { name: new RegExp('^' + escapeRe(label)) }).first().click();
}

async function setDate(page, name, value) {
  const input = page.locator(`[id^="${name}-field-"]`).first();
  await input.fill(value);
  await input.press('Tab');
}

async function addListItem(page, name, value) {
  const field = page.locator(`[id^="${name}-field-"]`).first();
  const box = field.locator('xpath=ancestor::div[contains(@class, "css")][1]');
  await page.getByRole('button', { name: /Ajouter|Add/ }).filter({ hasText: /adresses|addresses/i }).first().click()
    .catch(async () => box.getByRole('button').first().click());
  await page.locator(`[id^="address-field-"]`).first().fill(value);
}

// writeBody types the text of a posting in column col (0 French, 1 English), in the
// Markdown field's rich-text editor, as staff do.
async function writeBody(page, col, text) {
  const editor = page.locator('[aria-label="markdown field"]').nth(col).locator('[contenteditable="true"]');
  await editor.click();
  await page.keyboard.type(text);
}

async function publish(page) {
  await page.getByRole('button', { name: /^Publier|^Publish/ }).first().click();
  await page.getByText(/Publier maintenant|Publish now/).first().click();
  await page.getByText(/Entrée enregistrée|Entry saved/).first().waitFor({ timeout: 30000 });
  // A new entry's form moves to the entry's address once saved.
  await page.waitForURL(/\/entries\/[a-z0-9-]+$/);
}

function frontMatterKeys(file) {
  return Object.keys(readFrontMatter(file));
}

function readFrontMatter(file) {
  return parseFrontMatter(fs.readFileSync(file, 'utf8'), file);
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
