#!/usr/bin/env node
// Used by .ci/run (step e): sorts the HTML files of a built site for the reference JSON-LD checker.
//
//   node .ci/e2e/lib/jsonld-targets.mjs PUBLIC_DIR CONTENT_DIR NOW
//
// prints one line per HTML file, tab-separated:
//   open    <addrs> <abs file>   an open posting page: exactly one JobPosting and an apply link
//                                with <addrs> addresses (len(apply.to) in the posting's
//                                default-language file; 1 when the front matter cannot be read)
//   none    -       <abs file>   every other page (lists, archive, language chooser, 404, closed
//                                postings): no JobPosting
// A posting page is public/<lang>/<slug>/index.html with <lang> a language of site.yaml (or any
// 2-letter code), <slug> not "archive" and a posting of content/postings. It is closed when it
// says so (data-status="closed" on <article> or <body>), or, without that marker, when its
// front matter's `expires` is before NOW.
import fs from 'node:fs';
import path from 'node:path';
import {
  readSiteConfig, listPostings, postingFacts, walkHtml, fileToUrlPath, classify, statusMarker, isExpired,
} from './site.mjs';

const [publicDir, contentDir, now] = process.argv.slice(2);
if (!publicDir || !contentDir) {
  console.error('usage: jsonld-targets.mjs PUBLIC_DIR CONTENT_DIR [NOW]');
  process.exit(2);
}
const site = readSiteConfig(contentDir);
const slugs = new Set(listPostings(contentDir).keys());
for (const rel of walkHtml(publicDir)) {
  if (rel.split('/')[0] === 'admin') continue; // the browser editor, not a page of the site
  const abs = path.resolve(publicDir, rel);
  const c = classify(fileToUrlPath(rel), { languages: site.languages, slugs });
  if (c.kind !== 'posting') {
    console.log(`none\t-\t${abs}`);
    continue;
  }
  let facts = null;
  try {
    facts = postingFacts(contentDir, c.slug, { defaultLang: site.defaultLang, pageLang: c.lang });
  } catch (e) {
    console.error(`jsonld-targets: ${e.message}`);
  }
  const marker = statusMarker(fs.readFileSync(abs, 'utf8'));
  const closed = marker ? marker === 'closed' : isExpired(facts && facts.fm, now);
  if (closed) {
    console.log(`none\t-\t${abs}`);
    continue;
  }
  const to = facts && facts.fm && facts.fm.apply && facts.fm.apply.to;
  const addrs = Array.isArray(to) && to.length ? to.length : 1;
  console.log(`open\t${addrs}\t${abs}`);
}
