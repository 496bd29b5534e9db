package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/jsonld"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/search"
	"github.com/jobboard/jobboard/internal/site"
)

// An output is a file the build makes besides the pages and the assets:
// its name, the key of its inputs (see incremental.go) and how it is
// made. Every one is listed once, by outputs, and made by
// writeOutputs when its key says so, in every kind of build (Update,
// Build over the previous output, Generate): adding such a file is adding
// it to that list.
type output struct {
	name      string
	mediatype string                // what it is minified as; "": not minified
	key       func() uint64         // of its inputs, called only by a build that keys its files; nil: none, always made
	write     func(io.Writer) error // makes it whole
	// several, if not nil, makes it instead of write, with the files
	// beside it whose number depends on the content (a language's search
	// index), kept or made again together by the key of the whole (see
	// writeSeveral). The first is name.
	several func() []search.File
	// frags, if not nil, makes it instead of write, of the entries an
	// earlier Update kept in the postings' memos (see fragment), n of
	// them. (jobs.xml has only frags: a build that does not keep them
	// streams it beside the posting pages, see jobStream.)
	frags func(feedSink) error
	n     int
}

// outputs lists what machines and scripts read besides the pages: the
// sitemap, robots.txt, an Atom feed per language and per filter, the job
// feed for aggregators, the record of the postings (recordOutputs) and
// the search index of each language (searchOutputs). With posts, the Atom feeds and the job feed are made
// of the entries kept in the postings' memos (see fragment).
func (p *pass) outputs(posts *feedPostings) []output {
	r, s, k := p.r, p.s, p.k
	outs := append(p.sitemapOutputs(), output{name: "robots.txt", key: func() uint64 { return k.gen },
		write: func(w io.Writer) error { return feeds.WriteRobots(w, s.URL("/sitemap.xml")) }})
	for i, lang := range s.Content.Languages {
		o := output{name: strings.TrimPrefix(site.FeedPath(lang), "/"), mediatype: atomType,
			key:   func() uint64 { return k.sums().atoms[i] },
			write: func(w io.Writer) error { return feeds.WriteAtom(w, atomFeed(r, s, lang)) }}
		if posts != nil {
			o.frags = func(out feedSink) error { return writeAtomFragments(out, r, s, lang, posts) }
			o.n = posts.atoms[i]
		}
		outs = append(outs, o)
	}
	for _, ff := range filterFeeds(s) {
		outs = append(outs, output{name: ff.name, mediatype: atomType,
			key:   func() uint64 { return k.filterFeedKey(ff) },
			write: func(w io.Writer) error { return feeds.WriteAtom(w, filterAtom(r, s, ff)) }})
	}
	if posts != nil { // else streamed beside the posting pages (jobStream)
		outs = append(outs, output{name: "jobs.xml", mediatype: jobsMediaType, key: func() uint64 { return k.sums().jobs },
			frags: func(out feedSink) error { return writeJobFragments(out, r, s, posts) }, n: posts.jobs})
	}
	outs = append(outs, p.recordOutputs()...)
	return append(outs, p.searchOutputs()...)
}

const atomType = "application/atom+xml"

// sitemapOutputs is the sitemap: one file, sitemap.xml, or when its URLs
// pass Config.SitemapURLs (or 50 MB) the files sitemapParts names, listed
// by sitemap.xml, then an index. Each part changes with the whole.
func (p *pass) sitemapOutputs() []output {
	s, k := p.s, p.k
	key := sync.OnceValue(func() uint64 { return k.sitemapKey() })
	parts, per := p.sitemapParts()
	if parts == nil {
		return []output{{name: "sitemap.xml", mediatype: "application/xml", key: key,
			write: func(w io.Writer) error { return feeds.WriteSitemap(w, sitemapEntries(s)) }}}
	}
	// Split only when a file is made: an unchanged sitemap of 50,000
	// URLs and more is not worked out again at each build or edit.
	split := sync.OnceValues(func() (sitemapSplit, error) {
		files, refs := feeds.SplitSitemap(sitemapEntries(s), per, func(i int) string {
			if i > len(parts) {
				return "" // more files than counted: said below
			}
			return s.URL("/" + parts[i-1])
		})
		if len(files) != len(parts) { // sitemapParts counts what sitemapEntries lists
			return sitemapSplit{}, fmt.Errorf("sitemap: %d files made, %d named", len(files), len(parts))
		}
		return sitemapSplit{files, refs}, nil
	})
	outs := make([]output, 0, len(parts)+1)
	for i, part := range parts {
		outs = append(outs, output{name: part, mediatype: "application/xml", key: key,
			write: func(w io.Writer) error {
				sp, err := split()
				if err != nil {
					return err
				}
				return feeds.WriteSitemap(w, sp.files[i])
			}})
	}
	return append(outs, output{name: "sitemap.xml", mediatype: "application/xml", key: key,
		write: func(w io.Writer) error {
			sp, err := split()
			if err != nil {
				return err
			}
			return feeds.WriteSitemapIndex(w, sp.refs)
		}})
}

// sitemapSplit is a sitemap in parts: the URLs of each file, and the
// index's references to them.
type sitemapSplit struct {
	files [][]feeds.SitemapURL
	refs  []feeds.SitemapRef
}

// need records key as the key of the output file name and says whether to
// make it: for Update, when its key is not the last Update's; for Build
// over the previous output, when that output's file could not be linked
// (see reuser); for Generate, always (key is then not called). A file
// without a key (nil) is always made.
func (p *pass) need(name string, key func() uint64) bool {
	if !p.ks.keyed && p.ru == nil {
		return true
	}
	k := uint64(noKey)
	if key != nil {
		k = key()
	}
	if p.ks.keyed {
		return p.ks.need(name, k)
	}
	return !p.ru.reuse(name, k)
}

// writeOutputs makes with w the outputs of outs that need asks for, in
// the buffers bufs.
func (p *pass) writeOutputs(outs []output, w Writer, bufs *feedBuffers) error {
	for _, o := range outs {
		if o.several != nil {
			if err := p.writeSeveral(o); err != nil {
				return err
			}
			continue
		}
		if !p.need(o.name, o.key) {
			continue
		}
		if err := p.emit(o, w, bufs); err != nil {
			return err
		}
	}
	return nil
}

// emit makes the output o into bufs.raw, then minifies it into
// bufs.small. When minifying, it first hands o.write a writer that
// minifies what it is given straight into small: the encoders of package
// feeds write their whole document in one Write, and the long feeds then
// skip a copy (tens of MB at 10,000 postings); another number of Writes
// makes emit start again the long way. An output made of fragments is
// handed over as its parts when the caller takes them and nothing is
// minified (the parts are not minified on their own), else assembled in
// raw.
func (p *pass) emit(o output, w Writer, bufs *feedBuffers) error {
	m, raw, small := p.m, &bufs.raw, &bufs.small
	if o.frags != nil && bufs.parts != nil && m.m == nil {
		pl := partList{parts: make([][]byte, 0, o.n+3)} // the head, the entries, the end
		if err := o.frags(&pl); err != nil {
			return err
		}
		return bufs.parts(o.name, pl.parts)
	}
	bufs.fresh(o.name)
	if o.mediatype != "" && m.m != nil && o.frags == nil {
		mw := &minifyingWriter{m: m, mediatype: o.mediatype, out: small}
		if err := o.write(mw); err != nil {
			return err
		}
		if mw.err != nil {
			return mw.err
		}
		if mw.calls == 1 {
			return w(o.name, mw.data)
		}
	}
	raw.Reset() // after the minifying writer's tries, if any
	var err error
	if o.frags != nil {
		err = o.frags(bufferSink{raw})
	} else {
		err = o.write(raw)
	}
	if err != nil {
		return err
	}
	data := raw.Bytes()
	bufs.made(o.name, len(data))
	if o.mediatype != "" {
		if data, err = m.bytes(small, o.mediatype, data); err != nil {
			return err
		}
	}
	return w(o.name, data)
}

// jobsMediaType is the media type jobs.xml is minified as: none. Its
// values are in CDATA sections, as Indeed's reference asks (it does not
// read entities), and the XML minifier rewrites them as escaped text.
const jobsMediaType = ""

// minifyingWriter minifies each Write into out, and remembers the result
// of the first and the number of calls. It keeps nothing of what it is
// handed: only the first Write's minified copy, in out.
type minifyingWriter struct {
	m         *minifier
	mediatype string
	out       *bytes.Buffer
	calls     int
	data      []byte
	err       error
}

func (mw *minifyingWriter) Write(p []byte) (int, error) {
	mw.calls++
	if mw.calls == 1 {
		mw.data, mw.err = mw.m.bytes(mw.out, mw.mediatype, p)
	}
	return len(p), nil
}

// sitemapParts names the files of the sitemap of s when it must be split:
// "sitemap-1.xml", "sitemap-2.xml"…, as many as its URLs fill at most
// perFile each (fewer when they are long enough for perFile of them to
// pass feeds.MaxSitemapBytes), and gives that number of URLs per file;
// nil when one file holds them all. It counts the pages rather than make
// the sitemap (c: their count, see sitemapCount): the keyer asks at every
// build.
func sitemapParts(s *site.Site, perFile int, c sitemapCount) ([]string, int) {
	if perFile <= 0 {
		perFile = feeds.MaxSitemapURLs
	}
	n := c.n
	// An upper bound of the bytes of one <url>: its loc and lastmod, and
	// an xhtml:link per language and x-default, each with an address.
	u := len(s.Content.BaseURL) + c.longest
	per := 100 + u + (len(s.Content.Languages)+1)*(60+u)
	perFile = max(1, min(perFile, (feeds.MaxSitemapBytes-200)/per))
	if n <= perFile {
		return nil, n
	}
	names := make([]string, (n+perFile-1)/perFile)
	for i := range names {
		names[i] = "sitemap-" + strconv.Itoa(i+1) + ".xml"
	}
	return names, perFile
}

// sitemapCount is how many pages the sitemap lists (inSitemap), and the
// longest of their paths, escaped.
type sitemapCount struct{ n, longest int }

// add counts pg if the sitemap lists it.
func (c *sitemapCount) add(pg *site.Page) {
	if inSitemap(pg) {
		c.n++
		c.longest = max(c.longest, escapedLen(pg.Path))
	}
}

// countSitemap counts the pages of s the sitemap lists; with k, those of
// the postings from their memos (keyer.sums) instead of walking their
// 20,000 pages at 10,000 postings, which took 4 ms of an edit in serve.
func countSitemap(s *site.Site, k *keyer) sitemapCount {
	if k == nil {
		var c sitemapCount
		for _, pg := range s.Pages {
			c.add(pg)
		}
		return c
	}
	c := k.sums().sitemap
	from, to := s.PostingRun()
	for _, pg := range slices.Concat(s.Pages[:from], s.Pages[to:]) {
		c.add(pg)
	}
	return c
}

// escapedLen is the length of a site path percent-encoded as in a URL:
// at most three bytes for each byte that is not ASCII.
func escapedLen(path string) int {
	n := len(path)
	for i := 0; i < len(path); i++ {
		if path[i] >= 0x80 {
			n += 2
		}
	}
	return n
}

// inSitemap reports whether the sitemap lists pg: every page but closed
// postings, the 404 page and the pages no link leads to (Google reads a
// sitemap's pages as reachable by links).
func inSitemap(pg *site.Page) bool {
	switch {
	case pg.Unlinked, pg.Kind == site.NotFoundPage:
		return false
	case pg.Kind == site.PostingPage:
		return !pg.Posting.Expired
	}
	return true
}

// sitemapEntries lists every page inSitemap, with its translations as
// alternates and the newest posting date it shows as lastmod, so the same
// content always gives the same sitemap.
func sitemapEntries(s *site.Site) []feeds.SitemapURL {
	newest := newestPosted(s)
	var urls []feeds.SitemapURL
	for _, pg := range s.Pages {
		if u, ok := sitemapURL(s, pg, newest); ok {
			urls = append(urls, u)
		}
	}
	return urls
}

// newestPosted is the newest date posted of the open postings: the first
// open one's, as s.Postings has the newest posted first. (Looking at all
// of them read 10,000 postings spread over the heap, three times an edit.)
func newestPosted(s *site.Site) content.Date {
	for _, p := range s.Postings {
		if !p.Expired {
			return p.Facts.Posted
		}
	}
	return content.Date{}
}

// sitemapURL is what the sitemap says of pg, if it lists it (inSitemap);
// newest is newestPosted (a posting page's does not depend on it).
func sitemapURL(s *site.Site, pg *site.Page, newest content.Date) (feeds.SitemapURL, bool) {
	lastmod := newest
	if !inSitemap(pg) {
		return feeds.SitemapURL{}, false
	}
	switch pg.Kind {
	case site.PostingPage:
		lastmod = pg.Posting.Facts.Posted
	case site.ArchivePage, site.ListPage, site.ContractPage, site.PlacePage, site.RemotePage:
		// Every page of a list changes when a posting joins or leaves it
		// (one added at the top shifts them all): the list's date (its
		// newest posted or closing day), not the page's; a list that
		// never listed a posting keeps the site's newest date.
		if !pg.Newest.IsZero() {
			lastmod = pg.Newest
		}
	}
	u := feeds.SitemapURL{Loc: s.URL(pg.Path), LastMod: lastmod}
	for _, a := range pg.Alternates {
		u.Alternates = append(u.Alternates, feeds.Alternate{Lang: a.Lang, URL: s.URL(a.Path)})
	}
	return u, true
}

func openIn(s *site.Site, lang string) []*site.Posting {
	var out []*site.Posting
	for _, p := range s.Postings {
		if !p.Expired && p.Translations[lang] != nil {
			out = append(out, p)
		}
	}
	return out
}

// atomHead is an Atom feed of lang without its entries.
func atomHead(s *site.Site, lang string) feeds.AtomFeed {
	cs := s.Content
	return feeds.AtomFeed{
		ID:         s.URL(site.FeedPath(lang)),
		Title:      cs.Title[lang],
		Subtitle:   cs.Description[lang],
		Lang:       lang,
		SelfURL:    s.URL(site.FeedPath(lang)),
		AltURL:     s.URL(site.ListPath(lang)),
		AuthorName: cs.Title[lang],
		AuthorURI:  cs.BaseURL,
		// With no posting, the feed changes when the build day does not: use a
		// fixed instant rather than the clock, for byte-identical builds.
		Updated: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// A filterFeed is the Atom feed of a contract, place or remote filter of a
// language: the alert a candidate follows. It holds every open posting the
// filter lists, on all its pages.
type filterFeed struct {
	name  string       // the file: "fr/contract/cdi/feed.xml"
	pages []*site.Page // the filter's pages, the first first
}

// filterFeeds lists the feeds of every filter page of s, the new outputs
// of the build besides the pages: one per filter and language, at
// site.FilterFeedPath. The pages of a filter follow its first.
func filterFeeds(s *site.Site) []filterFeed {
	var out []filterFeed
	for _, pg := range s.Pages {
		path := site.FilterFeedPath(pg)
		switch {
		case path == "":
		case pg.First == pg || pg.First == nil:
			out = append(out, filterFeed{name: strings.TrimPrefix(path, "/"), pages: []*site.Page{pg}})
		default:
			last := &out[len(out)-1]
			last.pages = append(last.pages, pg)
		}
	}
	return out
}

// filterAtom is the Atom feed of a filter: its open postings, newest
// first, each with its summary and link. Without the postings' whole
// texts, the feeds of every filter together weigh about as much as the
// language's feed; the candidate reads the posting one click away.
func filterAtom(r *render.Renderer, s *site.Site, ff filterFeed) feeds.AtomFeed {
	pg := ff.pages[0]
	f := atomHead(s, pg.Lang)
	f.ID = s.URL("/" + ff.name)
	f.SelfURL, f.AltURL = f.ID, s.URL(pg.Path)
	f.Title += " – " + r.FilterName(pg.Lang, pg.Filter)
	for _, page := range ff.pages {
		for _, e := range page.Entries {
			f.Entries = append(f.Entries, atomEntry(r, s, pg.Lang, e.Posting, false))
		}
	}
	return f
}

// atomFullTexts is how many entries of an Atom feed, the newest, carry
// the posting's whole text; the others carry its summary and link. Feed
// readers and feed-to-mail services show the newest, and a candidate
// subscribed reads the posting there; the whole texts of thousands of
// postings made each feed tens of MB, fetched again and again by every
// reader (and held in memory by the build: peak RSS 120 to 200 MB at
// 3,000 postings).
const atomFullTexts = 50

// atomEntry is the entry of p in the Atom feed of lang; full: with the
// posting's whole text.
func atomEntry(r *render.Renderer, s *site.Site, lang string, p *site.Posting, full bool) feeds.AtomEntry {
	tr := p.Translations[lang]
	posted := p.Facts.Posted.In(s.Content.TimeZone)
	e := feeds.AtomEntry{
		ID:         s.URL(site.PostingPath(lang, p.Slug)),
		Title:      tr.Title,
		URL:        s.URL(site.PostingPath(lang, p.Slug)),
		Summary:    r.Summary(tr),
		Published:  posted,
		Updated:    posted,
		Categories: []string{string(p.Facts.Contract)},
	}
	for _, loc := range p.Facts.Locations() {
		if !slices.Contains(e.Categories, loc.City) {
			e.Categories = append(e.Categories, loc.City)
		}
	}
	if full {
		e.ContentHTML = string(r.BodyHTML(tr))
	}
	return e
}

func atomFeed(r *render.Renderer, s *site.Site, lang string) feeds.AtomFeed {
	f := atomHead(s, lang)
	for _, p := range openIn(s, lang) {
		f.Entries = append(f.Entries, atomEntry(r, s, lang, p, len(f.Entries) < atomFullTexts))
	}
	return f
}

// jobLang is the language of p in the job feed: the default one, or the
// first the posting has.
func jobLang(s *site.Site, p *site.Posting) string {
	l := s.Content.DefaultLanguage()
	if p.Translations[l] == nil {
		l = p.Langs[0]
	}
	return l
}

// jobHead is the job feed without its jobs.
func jobHead(s *site.Site) feeds.JobFeed {
	cs := s.Content
	lang := cs.DefaultLanguage()
	f := feeds.JobFeed{Publisher: cs.Title[lang], PublisherURL: cs.BaseURL}
	last := newestPosted(s)
	if last.IsZero() {
		f.LastBuildDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		f.LastBuildDate = last.In(cs.TimeZone)
	}
	return f
}

func jobEntry(r *render.Renderer, s *site.Site, p *site.Posting) feeds.Job {
	l := jobLang(s, p)
	tr := p.Translations[l]
	facts := r.Facts(p, l)
	org := s.Content.Organizations[p.Facts.Organization]
	// Indeed sends an application made on its site to the one address of
	// <email>. A posting that must be sent to several addresses (or is
	// thrown away) gives none, so that candidates apply from its page.
	var email string
	if len(p.Facts.Apply.To) == 1 {
		email = p.Facts.Apply.To[0]
	}
	// Indeed takes one place per job: the first, the main one
	// (docs/aggregators.md).
	return feeds.Job{
		Title:           tr.Title,
		Date:            p.Facts.Posted,
		ReferenceNumber: p.Slug,
		RequisitionID:   p.Slug,
		URL:             s.URL(site.PostingPath(l, p.Slug)),
		Company:         org.Text[l].Name,
		City:            p.Facts.Location.City,
		State:           p.Facts.Location.Region,
		PostalCode:      p.Facts.Location.PostalCode,
		Country:         p.Facts.Location.Country,
		Email:           email,
		Salary:          facts.Salary,
		JobType:         feeds.JobType(jsonld.EmploymentType(p.Facts.Contract, p.Facts.Hours)),
		Description:     string(r.BodyHTML(tr)),
		ExpirationDate:  p.Facts.Expires,
		Remote:          indeedRemote[p.Facts.Remote],
	}
}

// indeedRemote is Indeed's <remotetype> for a posting's remote value; an
// on-site job ("no") has none.
var indeedRemote = map[string]string{"hybrid": "Hybrid remote", "full": "Fully remote"}

// feedBuffers are the buffers writeOutputs writes into, kept by the Builder
// from one build to the next: the long feeds would otherwise take fresh
// memory at every build. With handOver, every file is made in buffers of
// its own instead, whose bytes the Writer keeps (Update).
type feedBuffers struct {
	raw, small bytes.Buffer
	handOver   bool
	sizes      map[string]int // with handOver: of each file, the last time
	// parts, if not nil, takes the feeds made of fragments, unminified,
	// as their parts (see Builder.UpdateParts).
	parts PartsWriter
}

// A feedSink receives a feed made of fragments, in order: the head and end
// written by Write and WriteString, each entry by keep. A kept entry is one
// of the fragments an Update keeps for the next, which nothing changes
// afterwards.
type feedSink interface {
	io.Writer
	io.StringWriter
	keep(fragment []byte)
}

// bufferSink assembles a feed in a buffer.
type bufferSink struct{ *bytes.Buffer }

func (b bufferSink) keep(fragment []byte) { b.Write(fragment) }

// partList collects a feed as the list of its parts: the bytes written are
// copied (an encoder may write from a buffer it reuses), the fragments
// kept are not.
type partList struct{ parts [][]byte }

func (p *partList) Write(b []byte) (int, error) {
	p.parts = append(p.parts, bytes.Clone(b))
	return len(b), nil
}

func (p *partList) WriteString(s string) (int, error) {
	p.parts = append(p.parts, []byte(s))
	return len(s), nil
}

func (p *partList) keep(fragment []byte) { p.parts = append(p.parts, fragment) }

// fresh empties the buffers for the file name; with handOver, it gives
// them new memory, as much as the file took the last time (the long feeds
// grow little from one build to the next).
func (b *feedBuffers) fresh(name string) {
	if b.handOver {
		b.raw, b.small = bytes.Buffer{}, bytes.Buffer{}
		b.raw.Grow(b.sizes[name])
		return
	}
	b.raw.Reset()
	b.small.Reset()
}

// made records the size of the file name.
func (b *feedBuffers) made(name string, size int) {
	if b.sizes != nil {
		b.sizes[name] = size
	}
}

// fragment is the XML of a feed's entry, kept in *slot (in the memo of
// its posting, beside its key: a memo the next Update keeps has it), made
// by encode when not there yet. A rebuild thus encodes only the entries
// of the postings that changed and copies the others: the feeds carry the
// text of every open posting.
//
// A feed made of fragments is byte for byte the one feeds.WriteAtom or
// WriteJobs writes (the encoder indents each entry alike, at the same
// depth; see TestUpdate); when an entry does not encode, the encoder's
// message names it by its place in the feed (renumber).
//
// A memo made again (its posting, the generation or its employer
// changed) has no XML: its keys have changed, but for the Atom entries of
// an employer's postings (they do not show the employer), whose feeds are
// then not written, and encoded when next written.
func fragment(slot *[]byte, encode func() ([]byte, error)) ([]byte, error) {
	if *slot != nil {
		return *slot, nil
	}
	b, err := encode()
	if err != nil {
		return nil, err
	}
	*slot = b
	return b, nil
}

// encodedPart is the part of the XML of a feed, as encode writes it,
// between its head and its closing tag: "\n  <entry" … up to "\n</feed>",
// or the head when open is "".
func encodedPart(encode func(io.Writer) error, open, close string) ([]byte, error) {
	var b bytes.Buffer
	if err := encode(&b); err != nil {
		return nil, err
	}
	data := b.Bytes()
	end := bytes.LastIndex(data, []byte(close))
	start := 0
	if open != "" {
		start = bytes.Index(data, []byte(open))
	}
	if end < 0 || start < 0 || start > end {
		return nil, errNoFragment
	}
	return data[start:end], nil
}

var errNoFragment = errors.New("feed entry not where it was expected")

// renumber is the encoder's message err about the one entry of a feed
// (what 0: a job, an Atom entry), naming it by its place i in the whole
// feed.
func renumber(err error, what string, i int) error {
	return errors.New(strings.ReplaceAll(err.Error(), what+" 0:", fmt.Sprintf("%s %d:", what, i)))
}

// writeAtomFragments writes the Atom feed of lang from fragments: one per
// open posting in lang, in feed order.
func writeAtomFragments(buf feedSink, r *render.Renderer, s *site.Site, lang string, fk *feedPostings) error {
	head := atomHead(s, lang)
	// The feed's own updated is its newest entry's: the first, newest
	// posted first.
	var first *site.Posting
	for p := range fk.open {
		if slices.Contains(p.Langs, lang) {
			first = p
			break
		}
	}
	if first == nil {
		return feeds.WriteAtom(buf, head)
	}
	head.Updated = first.Facts.Posted.In(s.Content.TimeZone)
	top, err := encodedPart(func(w io.Writer) error { return feeds.WriteAtom(w, head) }, "", "\n</feed>")
	if err != nil {
		return err
	}
	buf.Write(top)
	n := 0 // the entries so far
	for p, m := range fk.open {
		i := langIndex(p, lang)
		if i < 0 {
			continue
		}
		full := n < atomFullTexts
		n++
		encode := func() ([]byte, error) { return atomXML(r, s, lang, p, full) }
		// The memo holds an entry without its text, the same wherever it
		// stands, and, while it is among the newest, the entry with its
		// text (one of a few dozen; let go when it is no longer).
		slot := &m.atomXML[i]
		switch {
		case full && m.atomFullXML == nil:
			m.atomFullXML = make([][]byte, len(p.Langs))
			fallthrough
		case full:
			slot = &m.atomFullXML[i]
		case m.atomFullXML != nil:
			m.atomFullXML[i] = nil
		}
		frag, err := fragment(slot, encode)
		if err != nil {
			return renumber(err, "entry", n-1)
		}
		buf.keep(frag)
	}
	buf.WriteString("\n</feed>\n")
	return nil
}

// writeJobFragments writes the job feed from fragments: one per open
// posting, in feed order.
func writeJobFragments(buf feedSink, r *render.Renderer, s *site.Site, fk *feedPostings) error {
	head := jobHead(s)
	top, err := encodedPart(func(w io.Writer) error { return feeds.WriteJobs(w, head) }, "", "\n</source>")
	if err != nil {
		return err
	}
	buf.Write(top)
	i := 0
	for p, m := range fk.open {
		// jobHead looks at every posting: once per feed.
		frag, err := fragment(&m.jobXML, func() ([]byte, error) { return jobXML(r, s, head, p) })
		if err != nil {
			return renumber(err, "job", i)
		}
		buf.keep(frag)
		i++
	}
	buf.WriteString("\n</source>\n")
	return nil
}

// jobXML is the XML of p's job element as it stands in the job feed whose
// head is head.
func jobXML(r *render.Renderer, s *site.Site, head feeds.JobFeed, p *site.Posting) ([]byte, error) {
	head.Jobs = []feeds.Job{jobEntry(r, s, p)}
	return encodedPart(func(w io.Writer) error { return feeds.WriteJobs(w, head) }, "\n  <job>", "\n</source>")
}

// atomXML is the XML of p's entry in the Atom feed of lang as it stands
// in the feed; full: with the posting's whole text.
func atomXML(r *render.Renderer, s *site.Site, lang string, p *site.Posting, full bool) ([]byte, error) {
	one := atomHead(s, lang)
	one.Entries = []feeds.AtomEntry{atomEntry(r, s, lang, p, full)}
	return encodedPart(func(w io.Writer) error { return feeds.WriteAtom(w, one) }, "\n  <entry", "\n</feed>")
}
