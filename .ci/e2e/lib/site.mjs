// Helpers shared by the browser checks and .ci/run: where the pages of a built site are,
// which of them are posting pages, what the content says about a posting, and how to
// decode an apply link.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

// ---------------------------------------------------------------- content/

export const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// readSiteConfig reads CONTENT_DIR/site.yaml: {baseUrl, languages, defaultLang}; fields are
// null when the file or the field is missing.
export function readSiteConfig(contentDir) {
  const empty = { baseUrl: null, languages: [], defaultLang: null };
  if (!contentDir) return empty;
  let doc;
  try {
    doc = YAML.parse(fs.readFileSync(path.join(contentDir, 'site.yaml'), 'utf8')) || {};
  } catch {
    return empty;
  }
  const languages = Array.isArray(doc.languages) ? doc.languages.map(String) : [];
  return {
    baseUrl: typeof doc.base_url === 'string' ? doc.base_url : null,
    languages,
    defaultLang: languages[0] || null,
  };
}

// parseFrontMatter returns the YAML front matter of a Markdown file as an object, or throws.
// TOML (+++) front matter is not supported here.
export function parseFrontMatter(text, file = 'file') {
  text = text.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (lines[0].trim() === '+++') throw new Error(`${file}: TOML front matter is not supported by the e2e harness`);
  if (lines[0].trim() !== '---') {
    if (lines[0].trim().startsWith('{')) {
      // JSON front matter: the longest prefix that parses.
      for (let i = lines.length; i > 0; i--) {
        try { return JSON.parse(lines.slice(0, i).join('\n')); } catch { /* shorter */ }
      }
    }
    throw new Error(`${file}: no front matter (expected a first line "---")`);
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) throw new Error(`${file}: front matter is not closed by "---"`);
  return YAML.parse(lines.slice(1, end).join('\n')) || {};
}

// listPostings maps slug -> {lang -> file} for CONTENT_DIR/postings/<slug>.<lang>.md,
// ignoring editors' leftovers (".name", "name~").
export function listPostings(contentDir) {
  const out = new Map();
  if (!contentDir) return out;
  const dir = path.join(contentDir, 'postings');
  let names = [];
  try { names = fs.readdirSync(dir); } catch { return out; }
  for (const name of names.sort()) {
    if (name.startsWith('.') || name.endsWith('~')) continue;
    const m = name.match(/^(.+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.md$/);
    if (!m) continue;
    if (!out.has(m[1])) out.set(m[1], {});
    out.get(m[1])[m[2]] = path.join(dir, name);
  }
  return out;
}

// postingFacts returns {file, fm} for a slug: the default language's file (where the facts
// are written), else the page language's file, else any file of the slug; null if none.
export function postingFacts(contentDir, slug, { defaultLang, pageLang } = {}) {
  const files = listPostings(contentDir).get(slug);
  if (!files) return null;
  const file = files[defaultLang] || files[pageLang] || Object.values(files)[0];
  return { file, fm: parseFrontMatter(fs.readFileSync(file, 'utf8'), file) };
}

// dateString turns a YAML date (string or Date) into YYYY-MM-DD, or null.
export function dateString(v) {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

// isExpired: a posting is open through its `expires` day; closed when expires < now.
export function isExpired(fm, now) {
  const exp = dateString(fm && fm.expires);
  return Boolean(exp && now && exp < now);
}

// ---------------------------------------------------------------- public/

// walkHtml lists the *.html files under dir, as paths relative to it with "/" separators.
export function walkHtml(dir) {
  const out = [];
  (function walk(rel) {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && e.name.endsWith('.html')) out.push(r);
    }
  })('');
  return out.sort();
}

// fileToUrlPath: "fr/index.html" -> "/fr/", "index.html" -> "/", "404.html" -> "/404.html".
export function fileToUrlPath(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

// urlPathToFile: the inverse, relative to the public directory.
export function urlPathToFile(p) {
  const rel = decodeURIComponent(p.replace(/^\/+/, ''));
  return rel === '' || rel.endsWith('/') ? rel + 'index.html' : rel;
}

// siteBase finds the site's base URL in a sitemap's <loc>s: site.yaml's base_url if every
// loc starts with it, else the shortest prefix before a 2-letter language directory
// (".../fr/"), else the longest common prefix ending with "/".
export function siteBase(locs, baseUrl) {
  if (locs.length === 0) return baseUrl || null;
  if (baseUrl) {
    const b = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
    if (locs.every((l) => l.startsWith(b) || l + '/' === b)) return b;
  }
  let best = null;
  for (const loc of locs) {
    let u;
    try { u = new URL(loc); } catch { continue; }
    const m = u.pathname.match(/^(.*\/)[a-z]{2}\/$/);
    if (m) {
      const cand = u.origin + m[1];
      if (locs.every((l) => l.startsWith(cand)) && (!best || cand.length < best.length)) best = cand;
    }
  }
  if (best) return best;
  let prefix = locs[0];
  for (const l of locs) {
    let i = 0;
    while (i < prefix.length && i < l.length && prefix[i] === l[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const origin = new URL(locs[0]).origin + '/';
  prefix = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  return prefix.length >= origin.length ? prefix : origin;
}

// locToUrlPath maps an absolute sitemap URL to a path on the local server, or null when the
// URL is not under base.
export function locToUrlPath(loc, base) {
  if (loc + '/' === base) return '/';
  if (!loc.startsWith(base)) return null;
  return '/' + loc.slice(base.length).split('#')[0];
}

// classify tells what a URL path is: {kind: 'posting', lang, slug} for /<lang>/<slug>/ (a slug
// of content/postings when that is known), else {kind: 'page'}.
export function classify(urlPath, { languages = [], slugs = null } = {}) {
  const m = urlPath.match(/^\/([^/]+)\/([^/]+)\/$/);
  if (m) {
    const [, lang, slug] = m;
    const isLang = languages.includes(lang) || /^[a-z]{2}$/.test(lang);
    const isSlug = slugs && slugs.size ? slugs.has(slug) : SLUG_RE.test(slug);
    if (isLang && slug !== 'archive' && isSlug) return { kind: 'posting', lang, slug };
  }
  return { kind: 'page' };
}

// screenshotName: "/" -> "index.png", "/fr/some-job/" -> "fr__some-job.png", "/404.html" -> "404.png".
export function screenshotName(urlPath) {
  const p = urlPath.replace(/^\/+|\/+$/g, '').replace(/\.html?$/, '');
  if (p === '') return 'index.png';
  return p.split('/').map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_')).join('__') + '.png';
}

// statusMarker reads data-status="open|closed" from the <article> (or <body>) of raw HTML,
// tolerant of minified attributes (no quotes); null when absent.
export function statusMarker(html) {
  const re = /<(?:article|body)\b[^>]*?\sdata-status\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
  const m = html.match(re);
  return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

// ---------------------------------------------------------------- mailto:

// decodeMailto decodes an RFC 6068 mailto: URI with the WHATWG URL parser: the path split on
// "," and each address percent-decoded; header fields split on "&" and decoded with
// decodeURIComponent ("+" stays "+": URLSearchParams would turn it into a space).
export function decodeMailto(href) {
  const u = new URL(href);
  if (u.protocol !== 'mailto:') throw new Error(`not a mailto: URI: ${href}`);
  const split = (s) => s.split(',').map((a) => decodeURIComponent(a)).filter((a) => a !== '');
  const to = u.pathname ? split(u.pathname) : [];
  const headers = [];
  const query = u.search.replace(/^\?/, '');
  for (const part of query ? query.split('&') : []) {
    if (part === '') continue;
    const i = part.indexOf('=');
    const name = decodeURIComponent(i < 0 ? part : part.slice(0, i)).toLowerCase();
    const value = decodeURIComponent(i < 0 ? '' : part.slice(i + 1));
    headers.push([name, value]);
  }
  const all = (n) => headers.filter(([k]) => k === n).map(([, v]) => v);
  const subjects = all('subject');
  return {
    to: [...to, ...all('to').flatMap((v) => v.split(',').filter(Boolean))],
    cc: all('cc').flatMap((v) => v.split(',').filter(Boolean)),
    bcc: all('bcc').flatMap((v) => v.split(',').filter(Boolean)),
    subject: subjects.length ? subjects[0] : null,
    subjectCount: subjects.length,
    body: all('body')[0] ?? null,
    fragment: u.hash,
    headers,
  };
}
