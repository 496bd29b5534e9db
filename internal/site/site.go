// Package site assembles validated content into the pages of the web site:
// which pages exist, at which address, in which language, linked to which
// translations, and which postings each list shows. It decides; it does not
// render or write anything.
//
// Addresses (all end with "/", the page is the folder's index.html):
//
//	/                           language chooser, points to the default language
//	/<lang>/                    open postings, newest first
//	/<lang>/archive/            closed postings
//	/<lang>/contract/<c>/       open postings of one contract type (filter without JavaScript)
//	/<lang>/place/<city>/       open postings in one town (see Slugify)
//	/<lang>/remote/<r>/         open postings with remote work hybrid or full
//	/<lang>/feed.xml            Atom feed of a language's open postings
//	<filter>feed.xml            Atom feed of a filter's: /fr/contract/cdi/feed.xml
//	<list>page/<n>/             page n (from 2) of a list longer than the page size:
//	                            /fr/page/2/, /fr/contract/cdi/page/2/, /fr/archive/page/2/
//	/<lang>/<slug>/             one posting
//	/<lang>/search/             the search index of the open postings (files, no page; see package search)
//	/404.html                   not found
package site

import (
	"cmp"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// Reserved path segments under /<lang>/ that a posting slug cannot take.
var reserved = []string{"archive", "contract", "place", "remote", "page", "feed.xml", SearchDir}

// Reserved are the path segments under /<lang>/ that the site's own pages
// take, which no posting can be named: jobboard new refuses them at once.
func Reserved() []string { return slices.Clone(reserved) }

// SearchDir is the folder of a language's search index, /<lang>/search/.
const SearchDir = "search"

// Site is the assembled site for one build day.
type Site struct {
	Content  *content.Site
	Today    content.Date
	Postings []*Posting // newest posted first, then by slug
	// Pages is every HTML page, in a stable order: the home page and the
	// lists of each language, then the pages of Postings in one run (see
	// PostingRun), then the 404 page.
	Pages []*Page

	postingsFrom, postingsTo int // the run of the pages of Postings in Pages

	slugs  map[string]string          // Slugify of each town, computed once per name
	linked map[string]map[string]bool // language → the pages its lists link to (see linkedPages)
}

// PostingRun is where the pages of Postings are in Pages: Pages[from:to],
// one run, in the postings' order, each in its languages' order
// (TestPageOrder). The build keys the sitemap and finds the pages to make
// again by that order, without looking at each of the 20,000 pages of
// 10,000 postings.
func (s *Site) PostingRun() (from, to int) { return s.postingsFrom, s.postingsTo }

// citySlug is Slugify(city), computed once per name: the lists compare
// towns for every posting, and folding accents allocates.
func (s *Site) citySlug(city string) string {
	k, ok := s.slugs[city]
	if !ok {
		k = Slugify(city)
		s.slugs[city] = k
	}
	return k
}

// Posting is a content posting with what the build day decides about it.
type Posting struct {
	*content.Posting
	Expired bool
	Pages   map[string]*Page // posting page per language

	langs   string            // the site's languages it was assembled for (an Assembler reuses it for the same)
	entries map[string]*Entry // its entry in lists, by the language of the translation shown
}

// closedOn is the first day p is closed, the day it left the lists of
// open postings: the day the job was filled, or the day after its expires
// day, whichever came first; zero when p is open. It derives from the
// content and the build day alone, as everything the sitemap says.
func (p *Posting) closedOn() content.Date {
	if !p.Expired {
		return content.Date{}
	}
	var closed content.Date
	if f := p.Facts; !f.Expires.IsZero() {
		closed = content.DateOf(f.Expires.In(time.UTC).AddDate(0, 0, 1))
	}
	if f := p.Facts; !f.Filled.IsZero() && (closed.IsZero() || f.Filled.Before(closed)) {
		closed = f.Filled
	}
	return closed
}

// entry is p's entry showing its translation in lang, made once.
func (p *Posting) entry(lang string) *Entry {
	e := p.entries[lang]
	if e == nil {
		e = &Entry{Posting: p, Translation: p.Translations[lang], Path: PostingPath(lang, p.Slug)}
		p.entries[lang] = e
	}
	return e
}

// Kind says what a page is.
type Kind int

const (
	HomePage Kind = iota
	ListPage
	ArchivePage
	ContractPage
	PlacePage
	PostingPage
	NotFoundPage
	RemotePage // last: the kinds before keep their numbers (the build's keys)
)

// RemoteKinds are the values of remote that have a filter, in the order
// the lists offer them.
var RemoteKinds = []string{"hybrid", "full"}

// Page is one HTML page of the site.
type Page struct {
	Kind       Kind
	Lang       string // "" for the language chooser
	Path       string // "/fr/mediateur/", "/404.html"
	Alternates []Alternate

	// Posting pages.
	Posting     *Posting
	Translation *content.Translation

	// List pages: the postings shown, and those only in other languages.
	Entries    []*Entry
	Elsewhere  []*Entry // open postings with no translation in Lang
	Filter     Filter   // the filter of a contract, place or remote page
	Contracts  []Filter // filters offered on list pages, with counts
	Places     []Filter // none when there are fewer than two (see placeFilters)
	Remotes    []Filter // none when they would filter nothing (see remoteFilters)
	ClosedSeen int      // number of closed postings, for the archive link

	// Pages of a list: a list longer than the site's page size is shown
	// over numbered pages, the first at the list's own address. Number is
	// this page's, from 1 (0 on pages that are not lists), of PageCount;
	// First is the list's first page. Pages after the first have no
	// alternates: page 2 in French and page 2 in English show different
	// postings, and are no translations of each other.
	Number    int
	PageCount int
	First     *Page
	// Newest is the day the list last changed, as its content and the
	// build day tell it: the newest of the dates posted of the whole
	// list's postings (those in Lang and elsewhere, on every page of it)
	// and of the days closed (see closedOn) of the postings that left it
	// (on the archive, of those it shows); zero for an empty list that no
	// posting left. A posting added to or gone from a list shifts every
	// page after it, so every page of the list has the list's date (the
	// sitemap's lastmod).
	Newest content.Date

	// Unlinked: no page links here (an empty archive; a place's page when
	// no place filter is offered). It is made, for addresses given out
	// before, but left out of the sitemap.
	Unlinked bool
}

// Alternate is the same page in another language.
type Alternate struct {
	Lang string // BCP 47, or "x-default"
	Path string
}

// Entry is one posting in a list, in the list's language.
type Entry struct {
	Posting     *Posting
	Translation *content.Translation
	Path        string
}

// Filter is a contract, place or remote filter of the lists.
type Filter struct {
	Contract content.Contract // for contract filters
	City     string           // for place filters, as written in the content
	Remote   string           // for remote filters: "hybrid" or "full"
	Path     string           // list of that filter in the page's language
	Count    int
}

// URL makes an absolute URL of a site path, percent-encoded (escapePath).
func (s *Site) URL(path string) string {
	return strings.TrimSuffix(s.Content.BaseURL, "/") + escapePath(path)
}

// Href is the address to link to a site path from a page of the site: the
// path below the folder of base_url, if any ("/fr/" → "/jobs/fr/"),
// percent-encoded (escapePath).
func (s *Site) Href(path string) string {
	return s.Content.BasePath() + strings.TrimPrefix(escapePath(path), "/")
}

// escapePath percent-encodes the bytes of a site path that are not ASCII
// (the name of a town in its own script; see Slugify): "/fr/place/東京/" →
// "/fr/place/%E6%9D%B1%E4%BA%AC/", as sitemaps, feeds and HTTP want it.
// Browsers show it decoded. A path of ASCII only is left as it is.
func escapePath(p string) string {
	for i := 0; i < len(p); i++ {
		if p[i] >= utf8.RuneSelf {
			return (&url.URL{Path: p}).EscapedPath()
		}
	}
	return p
}

// PostingPath is the address of a posting in a language.
func PostingPath(lang, slug string) string { return "/" + lang + "/" + slug + "/" }

// ListPath is the address of a language's list of open postings.
func ListPath(lang string) string { return "/" + lang + "/" }

// ArchivePath is the address of a language's list of closed postings.
func ArchivePath(lang string) string { return "/" + lang + "/archive/" }

// ContractPath is the address of the list of one contract type.
func ContractPath(lang string, c content.Contract) string {
	return "/" + lang + "/contract/" + strings.ToLower(string(c)) + "/"
}

// PlacePath is the address of the list of one town.
func PlacePath(lang, city string) string { return "/" + lang + "/place/" + Slugify(city) + "/" }

// RemotePath is the address of the list of one kind of remote work.
func RemotePath(lang, remote string) string { return "/" + lang + "/remote/" + remote + "/" }

// PagePath is the address of page n of the list whose first page is at
// first: first itself for n = 1, else first + "page/<n>/".
func PagePath(first string, n int) string {
	if n <= 1 {
		return first
	}
	return first + "page/" + strconv.Itoa(n) + "/"
}

// FeedPath is the address of a language's Atom feed, that of its list.
func FeedPath(lang string) string { return ListFeedPath(ListPath(lang)) }

// ListFeedPath is the address of the Atom feed of the list whose first
// page is at list: "/fr/feed.xml", "/fr/contract/cdi/feed.xml".
func ListFeedPath(list string) string { return list + "feed.xml" }

// FilterFeedPath is the address of the Atom feed of the filter pg lists,
// on every page of a contract, place or remote filter: the alert of a
// candidate who follows that filter. "" for other pages.
func FilterFeedPath(pg *Page) string {
	switch pg.Kind {
	case ContractPage, PlacePage, RemotePage:
		if pg.First == nil { // a page made by hand, as one list
			return ListFeedPath(pg.Path)
		}
		return ListFeedPath(pg.First.Path)
	}
	return ""
}

// Assemble decides the pages of the site for the day today. It returns
// diagnostics for content that cannot be given an address.
func Assemble(cs *content.Site, today content.Date) (*Site, content.Diagnostics) {
	var a Assembler
	return a.Assemble(cs, today)
}

// An Assembler assembles a site again and again (serve, after each edit),
// and reuses what it made last time for a posting that did not change:
// the same *content.Posting (a content.Loader gives back the posting
// whose files did not change), open or closed as before, for the same
// languages. Its Posting, posting pages and list entries are then the
// same objects as in the last site, and must not be changed. At 10,000
// postings that is half of each assembly. The zero value is ready to use.
//
// When the postings that changed did not change anything the lists sort or
// group them by, the last site is patched instead (see patch).
type Assembler struct {
	last     map[*content.Posting]*Posting
	lastSite *Site               // the last site assembled without diagnostics; nil: none
	bySlug   map[string]*Posting // lastSite's postings by slug
	// lastPostings are the postings of the content lastSite was made of,
	// in their order (a copy): a posting at the same place is the same.
	lastPostings []*content.Posting
	patched      bool // the last Assemble patched the last site, for tests
}

// Assemble is the package's Assemble, reusing the postings of the last.
func (a *Assembler) Assemble(cs *content.Site, today content.Date) (*Site, content.Diagnostics) {
	s := a.patch(cs, today)
	if a.patched = s != nil; a.patched {
		return s, nil
	}
	s, diags := a.assemble(cs, today)
	a.lastSite, a.bySlug, a.lastPostings = nil, nil, nil
	if len(diags) == 0 {
		a.lastSite, a.bySlug, a.lastPostings = s, make(map[string]*Posting, len(s.Postings)), slices.Clone(cs.Postings)
		for _, p := range s.Postings {
			a.bySlug[p.Slug] = p
		}
	}
	return s, diags
}

// maxPatched is the most postings a patch replaces; past it, a new
// assembly costs little more.
const maxPatched = 64

// patch assembles cs as assemble would, from the last site, when it can:
// the same languages, page size and day, and postings that are those of the last site
// but for a few replaced by new ones of the same slug, which sort and
// group as the ones they replace (same state, languages, date posted,
// contract and town; see sameInLists). The lists are then those of the
// last site, with the entries of the replaced postings replaced, and the
// filters, counts and alternates are the same. At 10,000 postings, an
// assembly sorted and grouped every posting again after each edit in
// serve: 25-50 ms, for one posting changed. It returns nil when it does
// not apply.
func (a *Assembler) patch(cs *content.Site, today content.Date) *Site {
	sw, ok := a.swaps(cs, today)
	if !ok {
		return nil
	}
	// Each new posting replaces the one of its slug, which is in last;
	// with as many postings as last, every other posting of last is
	// still there.
	last := a.lastSite
	s := &Site{Content: cs, Today: today, slugs: last.slugs, linked: last.linked,
		Postings: make([]*Posting, len(last.Postings)), Pages: make([]*Page, 0, len(last.Pages)),
		postingsFrom: last.postingsFrom, postingsTo: last.postingsTo} // each page replaced in its place
	for i, p := range last.Postings {
		if n := sw.replacement(p); n != nil {
			p = n
			a.bySlug[p.Slug] = p
		}
		s.Postings[i] = p
	}
	for _, r := range sw {
		s.makePages(r.new)
	}
	s.Pages = sw.pages(s.Pages, last.Pages)
	// a.last becomes the postings of cs in place: a new map of 10,000
	// took a tenth of an Update after an edit in serve. Each new posting
	// takes the place of the one of its slug, which cs no longer holds.
	for _, r := range sw {
		delete(a.last, r.old.Posting)
		a.last[r.new.Posting] = r.new
	}
	a.lastSite, a.lastPostings = s, slices.Clone(cs.Postings)
	return s
}

// A swap is a posting of the last site (old) and the one of its slug that
// replaces it in a patched site (new).
type swap struct{ old, new *Posting }

// swaps are the postings a patch replaces.
type swaps []swap

// swaps finds the postings of cs that replace those of the last site, and
// whether the last site can be patched with them (see patch).
func (a *Assembler) swaps(cs *content.Site, today content.Date) (swaps, bool) {
	last := a.lastSite
	if last == nil || last.Today != today || len(cs.Postings) != len(last.Postings) ||
		!slices.Equal(cs.Languages, last.Content.Languages) || cs.PageSize != last.Content.PageSize {
		return nil, false
	}
	langs := strings.Join(cs.Languages, ",")
	var sw swaps
	for i, p := range cs.Postings {
		if i < len(a.lastPostings) && a.lastPostings[i] == p {
			// The same posting at the same place, on the same day, for
			// the same languages: as it was (a loader gives its postings
			// in the same order; looking each up took 2 ms an edit at
			// 10,000 postings).
			continue
		}
		if sp := a.last[p]; sp != nil && sp.Expired == p.Expired(today) && sp.langs == langs {
			continue
		}
		old := a.bySlug[p.Slug]
		sp := &Posting{Posting: p, Expired: p.Expired(today), langs: langs, entries: map[string]*Entry{}}
		if old == nil || len(sw) == maxPatched || !sameInLists(old, sp) {
			return nil, false
		}
		sw = append(sw, swap{old, sp})
	}
	return sw, true
}

// replacement is the posting that replaces p; nil when none does.
func (sw swaps) replacement(p *Posting) *Posting {
	for _, r := range sw {
		if r.old == p {
			return r.new
		}
	}
	return nil
}

// entries is es with the entries of replaced postings replaced, in a
// copy; es itself, and false, when it shows none.
func (sw swaps) entries(es []*Entry) ([]*Entry, bool) {
	var out []*Entry
	for i, e := range es {
		if n := sw.replacement(e.Posting); n != nil {
			if out == nil {
				out = slices.Clone(es)
			}
			out[i] = n.entry(e.Translation.Lang)
		}
	}
	if out == nil {
		return es, false
	}
	return out, true
}

// pages appends the pages of the last site to to, each page that shows a
// replaced posting replaced by a copy that shows the new one: a list's
// pages are copied together, so that they keep one first page.
func (sw swaps) pages(to, last []*Page) []*Page {
	firsts := map[*Page]*Page{} // the first pages of lists copied, by the page they replace
	for _, pg := range last {
		switch pg.Kind {
		case PostingPage:
			// A new posting has the languages of the one it replaces.
			if n := sw.replacement(pg.Posting); n != nil {
				pg = n.Pages[pg.Lang]
			}
		case ListPage, ArchivePage, ContractPage, PlacePage, RemotePage:
			es, changed := sw.entries(pg.Entries)
			ee, changedElsewhere := sw.entries(pg.Elsewhere)
			first, firstChanged := firsts[pg.First]
			if changed || changedElsewhere || firstChanged {
				copied := *pg
				copied.Entries, copied.Elsewhere = es, ee
				if pg.First == pg { // a first page: the list's others follow
					copied.First = &copied
					firsts[pg] = &copied
				} else if firstChanged {
					copied.First = first
				}
				pg = &copied
			}
		}
		to = append(to, pg)
	}
	return to
}

// sameInLists reports whether the lists would sort and group a and b
// alike: the same state, day closed (the lists' dates), languages, date
// posted, contract, towns and remote work.
func sameInLists(a, b *Posting) bool {
	return a.Slug == b.Slug && a.Expired == b.Expired && a.closedOn() == b.closedOn() && slices.Equal(a.Langs, b.Langs) &&
		a.Facts.Posted == b.Facts.Posted && a.Facts.Contract == b.Facts.Contract &&
		a.Facts.Location.City == b.Facts.Location.City && a.Facts.Remote == b.Facts.Remote &&
		slices.EqualFunc(a.Facts.MoreLocations, b.Facts.MoreLocations, func(x, y content.Location) bool { return x.City == y.City })
}

// assemble assembles the site anew, reusing the postings of the last.
func (a *Assembler) assemble(cs *content.Site, today content.Date) (*Site, content.Diagnostics) {
	var diags content.Diagnostics
	s := &Site{Content: cs, Today: today, slugs: map[string]string{}}
	langs := strings.Join(cs.Languages, ",")
	next := make(map[*content.Posting]*Posting, len(cs.Postings))
	for _, p := range cs.Postings {
		if slices.Contains(reserved, p.Slug) {
			diags = append(diags, content.Diagnostic{File: p.FactsFile, Msg: msg.New("the name %s is reserved for the site's own pages; rename the files of this posting", p.Slug)})
			continue
		}
		sp := a.last[p]
		if sp == nil || sp.Expired != p.Expired(today) || sp.langs != langs {
			sp = &Posting{Posting: p, Expired: p.Expired(today), langs: langs, entries: map[string]*Entry{}}
		}
		next[p] = sp
		s.Postings = append(s.Postings, sp)
	}
	a.last = next
	slices.SortStableFunc(s.Postings, func(a, b *Posting) int {
		return cmp.Or(
			compareDates(b.Facts.Posted, a.Facts.Posted),
			cmp.Compare(a.Slug, b.Slug),
		)
	})

	diags = append(diags, s.placeCollisions()...)

	s.Pages = append(s.Pages, &Page{Kind: HomePage, Path: "/", Alternates: s.homeAlternates()})
	for _, lang := range cs.Languages {
		s.addLists(lang)
	}
	s.addPostingPages()
	s.Pages = append(s.Pages, &Page{Kind: NotFoundPage, Lang: cs.DefaultLanguage(), Path: "/404.html"})
	return s, diags
}

// placeCollisions reports the open postings whose town would share the
// address of its place page with another town: names that differ by more
// than case, accents and punctuation ("Łódź" and "Odz"; see Slugify). The
// first posting, in the postings' order, keeps the address; the others are
// errors. Names that differ by no more ("Saint-Étienne", "saint etienne")
// are one town, on one page, named as its first posting names it.
func (s *Site) placeCollisions() content.Diagnostics {
	type first struct{ city, key, file string }
	seen := map[string]first{}
	var ds content.Diagnostics
	for _, p := range s.Postings {
		if p.Expired {
			continue
		}
		for i, loc := range p.Facts.Locations() {
			city := loc.City
			slug := s.citySlug(city)
			f, ok := seen[slug]
			if !ok {
				seen[slug] = first{city, placeKey(city), p.FactsFile}
				continue
			}
			if f.city == city || f.key == placeKey(city) {
				continue
			}
			example := msg.Plain(city + " (" + loc.Region + ")")
			if loc.Region == "" {
				example = msg.New("%s (its region)", city)
			}
			line := 0
			if i < len(p.CityLines) {
				line = p.CityLines[i]
			}
			ds = append(ds, content.Diagnostic{File: p.FactsFile, Line: line, Field: "location.city",
				Msg: msg.New("%q and %q (in %s) would share one page, %s; write the town's name as in %s if it is the same town, or else tell them apart in the name, like %q",
					city, f.city, f.file, PlacePath(s.Content.DefaultLanguage(), city), f.file, example)})
		}
	}
	return ds
}

// addPostingPages adds the pages of every posting, in the postings' order,
// made for the postings that have none yet.
func (s *Site) addPostingPages() {
	s.postingsFrom = len(s.Pages)
	defer func() { s.postingsTo = len(s.Pages) }()
	for _, p := range s.Postings {
		s.makePages(p)
		for _, lang := range p.Langs {
			s.Pages = append(s.Pages, p.Pages[lang])
		}
	}
}

// makePages makes the pages of p, one per language, unless it has them.
func (s *Site) makePages(p *Posting) {
	if p.Pages != nil {
		return
	}
	p.Pages = make(map[string]*Page, len(p.Langs))
	for _, lang := range p.Langs {
		p.Pages[lang] = &Page{Kind: PostingPage, Lang: lang, Path: PostingPath(lang, p.Slug),
			Posting: p, Translation: p.Translations[lang],
			Alternates: s.alternates(p.Langs, func(l string) string { return PostingPath(l, p.Slug) })}
	}
}

// compareDates orders days as their YYYY-MM-DD text does, the zero Date
// ("") first, without formatting them: the sort of 10,000 postings compares
// dates 300,000 times.
func compareDates(a, b content.Date) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Day, b.Day))
}

// alternates lists a page in each of langs, plus x-default: the default
// language when present, else the first language present. A page in one
// language has none: it has no translation to name, in its head or in the
// sitemap.
func (s *Site) alternates(langs []string, path func(string) string) []Alternate {
	if len(langs) < 2 {
		return nil
	}
	var alts []Alternate
	for _, l := range langs {
		alts = append(alts, Alternate{Lang: l, Path: path(l)})
	}
	if len(langs) > 0 {
		def := langs[0]
		if slices.Contains(langs, s.Content.DefaultLanguage()) {
			def = s.Content.DefaultLanguage()
		}
		alts = append(alts, Alternate{Lang: "x-default", Path: path(def)})
	}
	return alts
}

// homeAlternates are the alternates of the home pages, / and each
// language's list: the lists, and the language chooser at / as their
// x-default. Every home page names the same cluster, itself included, as
// Google asks of hreflang annotations.
func (s *Site) homeAlternates() []Alternate {
	alts := s.alternates(s.Content.Languages, ListPath)
	if n := len(alts); n > 0 {
		alts[n-1].Path = "/"
	}
	return alts
}

// addLists adds the pages of the lists of lang: its list of open postings,
// its archive, and the page of each filter by contract, place and remote
// work.
func (s *Site) addLists(lang string) {
	le := s.listEntries(lang)
	cf, pf, rf := s.filters(lang, le)
	base := Page{Lang: lang, Contracts: cf, ClosedSeen: len(le.closed)}
	if placeFilters(len(pf)) {
		base.Places = pf
	}
	if remoteFilters(len(le.remotes)) {
		base.Remotes = rf
	}
	list, archive := base, base
	list.Kind, list.Path, list.Entries, list.Elsewhere, list.Alternates = ListPage, ListPath(lang), le.open, le.elsewhere, s.homeAlternates()
	list.Newest = le.left.all
	archive.Kind, archive.Path, archive.Entries, archive.Newest = ArchivePage, ArchivePath(lang), le.closed, le.left.inLang
	archive.Alternates = s.alternatesIf(ArchivePath, "archive")
	archive.Unlinked = len(le.closed) == 0 // the lists link to it when it has postings
	s.addPages(&list)
	s.addPages(&archive)
	for _, f := range cf {
		base.Newest = le.left.contracts[f.Contract]
		s.addFilterPage(base, ContractPage, f, le.contracts[f.Contract], false)
	}
	for _, f := range pf {
		base.Newest = le.left.places[s.citySlug(f.City)]
		s.addFilterPage(base, PlacePage, f, le.places[s.citySlug(f.City)], base.Places == nil)
	}
	for _, f := range rf {
		base.Newest = le.left.remotes[f.Remote]
		s.addFilterPage(base, RemotePage, f, le.remotes[f.Remote], base.Remotes == nil)
	}
}

// leftLists are the newest days closed (see closedOn) of the closed
// postings of a language's lists, by the list they left: a posting gone
// from a list changed it as much as one added.
type leftLists struct {
	all       content.Date // the list of open postings: those in the language and elsewhere
	inLang    content.Date // those in the language: the archive's
	contracts map[content.Contract]content.Date
	places    map[string]content.Date // by citySlug
	remotes   map[string]content.Date
}

// note notes p, closed, which has a translation in the language when
// inLang, in the lists it left.
func (l *leftLists) note(s *Site, p *Posting, inLang bool) {
	day := p.closedOn()
	l.all = later(l.all, day)
	if !inLang { // the filter pages show only postings in their language
		return
	}
	l.inLang = later(l.inLang, day)
	l.contracts[p.Facts.Contract] = later(l.contracts[p.Facts.Contract], day)
	l.remotes[p.Facts.Remote] = later(l.remotes[p.Facts.Remote], day)
	for _, city := range s.cities(p) {
		l.places[s.citySlug(city)] = later(l.places[s.citySlug(city)], day)
	}
}

// later is the later of two days.
func later(a, b content.Date) content.Date {
	if b.After(a) {
		return b
	}
	return a
}

// listEntries are the entries of the lists of one language, in list order.
type listEntries struct {
	open, closed []*Entry
	elsewhere    []*Entry // the open postings not in the language, each in its first
	// The open entries of each contract, place (by citySlug) and remote
	// work: one pass, rather than one per filter page (at 10,000
	// postings, 40 places × 8,000 open entries per language).
	contracts map[content.Contract][]*Entry
	places    map[string][]*Entry
	remotes   map[string][]*Entry
	cityName  map[string]string // each place's name, as its first posting names it, by citySlug
	left      leftLists
}

// listEntries sorts the entries of the postings in lang into its lists.
func (s *Site) listEntries(lang string) *listEntries {
	le := &listEntries{contracts: map[content.Contract][]*Entry{},
		places: map[string][]*Entry{}, remotes: map[string][]*Entry{}, cityName: map[string]string{},
		left: leftLists{contracts: map[content.Contract]content.Date{}, places: map[string]content.Date{}, remotes: map[string]content.Date{}}}
	for _, p := range s.Postings {
		tr := p.Translations[lang]
		if p.Expired {
			le.left.note(s, p, tr != nil)
		}
		if tr == nil {
			if !p.Expired {
				le.elsewhere = append(le.elsewhere, p.entry(p.Langs[0]))
			}
			continue
		}
		e := p.entry(lang)
		if p.Expired {
			le.closed = append(le.closed, e)
			continue
		}
		le.open = append(le.open, e)
		le.contracts[p.Facts.Contract] = append(le.contracts[p.Facts.Contract], e)
		le.remotes[p.Facts.Remote] = append(le.remotes[p.Facts.Remote], e)
		for _, city := range s.cities(p) {
			key := s.citySlug(city)
			le.places[key] = append(le.places[key], e)
			if _, ok := le.cityName[key]; !ok {
				le.cityName[key] = city
			}
		}
	}
	return le
}

// filters are the filters of the lists of lang with entries le, by
// contract (in content.Contracts' order), place (by citySlug) and remote
// work (in RemoteKinds' order): every one that lists a posting.
func (s *Site) filters(lang string, le *listEntries) (contracts, places, remotes []Filter) {
	for _, c := range content.Contracts {
		if n := len(le.contracts[c]); n > 0 {
			contracts = append(contracts, Filter{Contract: c, Path: ContractPath(lang, c), Count: n})
		}
	}
	for key, es := range le.places {
		places = append(places, Filter{City: le.cityName[key], Path: PlacePath(lang, le.cityName[key]), Count: len(es)})
	}
	slices.SortFunc(places, func(a, b Filter) int { return cmp.Compare(s.citySlug(a.City), s.citySlug(b.City)) })
	for _, r := range RemoteKinds {
		if n := len(le.remotes[r]); n > 0 {
			remotes = append(remotes, Filter{Remote: r, Path: RemotePath(lang, r), Count: n})
		}
	}
	return contracts, places, remotes
}

// addFilterPage adds the page of filter f, a page of kind, listing es, to
// the pages: a copy of base, the lists' filters; unlinked when the lists
// do not offer it.
func (s *Site) addFilterPage(base Page, kind Kind, f Filter, es []*Entry, unlinked bool) {
	pg := base
	pg.Kind, pg.Path, pg.Entries, pg.Filter, pg.Unlinked = kind, f.Path, es, f, unlinked
	pg.Alternates = s.filterAlternates(kind, f)
	s.addPages(&pg)
}

// filterAlternates are the alternates of the page of filter f, of kind:
// the filter's pages in the languages whose lists link to it, named as
// linkedPages names them (see alternatesIf).
func (s *Site) filterAlternates(kind Kind, f Filter) []Alternate {
	switch kind {
	case ContractPage:
		return s.alternatesIf(func(l string) string { return ContractPath(l, f.Contract) }, "contract\x00"+string(f.Contract))
	case PlacePage:
		return s.alternatesIf(func(l string) string { return PlacePath(l, f.City) }, "place\x00"+s.citySlug(f.City))
	default: // RemotePage
		return s.alternatesIf(func(l string) string { return RemotePath(l, f.Remote) }, "remote\x00"+f.Remote)
	}
}

// addPages adds the pages of list, which holds all its entries: its first
// page, at its address, and as many more as its entries (those in the
// page's language, then those elsewhere) fill at the site's page size.
func (s *Site) addPages(list *Page) {
	size := s.Content.PageSize
	if size <= 0 {
		size = content.DefaultPageSize
	}
	all, n := len(list.Entries), len(list.Entries)+len(list.Elsewhere)
	count := max(1, (n+size-1)/size)
	newest := later(list.Newest, newestPosted(list.Entries, list.Elsewhere))
	var first *Page
	for i := 1; i <= count; i++ {
		pg := new(Page)
		*pg = *list
		lo, hi := (i-1)*size, min(i*size, n)
		pg.Entries, pg.Elsewhere = window(list.Entries, lo, hi), window(list.Elsewhere, lo-all, hi-all)
		if i == 1 {
			first = pg
		} else {
			pg.Path, pg.Alternates = PagePath(list.Path, i), nil
		}
		pg.Number, pg.PageCount, pg.First, pg.Newest = i, count, first, newest
		s.Pages = append(s.Pages, pg)
	}
}

// newestPosted is the newest date posted of the postings of the lists of
// entries; zero when there are none.
func newestPosted(lists ...[]*Entry) content.Date {
	var newest content.Date
	for _, es := range lists {
		for _, e := range es {
			if e.Posting.Facts.Posted.After(newest) {
				newest = e.Posting.Facts.Posted
			}
		}
	}
	return newest
}

// window is es[lo:hi], with lo and hi brought within es; nil when empty.
func window(es []*Entry, lo, hi int) []*Entry {
	lo, hi = max(lo, 0), min(hi, len(es))
	if lo >= hi {
		return nil
	}
	return es[lo:hi:hi]
}

// remoteFilters reports whether the lists of a language whose open
// postings have n values of remote (no, hybrid, full) offer a filter by
// remote work: not when they all have the same, as the filter would list
// what the list does (or nothing), as placeFilters.
func remoteFilters(n int) bool { return n >= 2 }

// cities are the towns of p's places of work, each town once: two places
// in one town (two addresses) list the posting once on its page.
func (s *Site) cities(p *Posting) []string {
	if len(p.Facts.MoreLocations) == 0 {
		return []string{p.Facts.Location.City}
	}
	var out []string
	for _, loc := range p.Facts.Locations() {
		if !slices.ContainsFunc(out, func(c string) bool { return s.citySlug(c) == s.citySlug(loc.City) }) {
			out = append(out, loc.City)
		}
	}
	return out
}

// placeFilters reports whether the lists of a language with n places offer
// a filter by place: not for one place, whose filter would list what the
// list does.
func placeFilters(n int) bool { return n >= 2 }

// alternatesIf lists a page that exists in some languages only — a
// filter's, or the archive ("archive") — in the languages whose lists link
// to it: those with at least one open posting that matches the filter,
// named as in linked, or a closed one.
func (s *Site) alternatesIf(path func(string) string, filter string) []Alternate {
	if s.linked == nil {
		s.linked = s.linkedPages()
	}
	var langs []string
	for _, l := range s.Content.Languages {
		if s.linked[l][filter] {
			langs = append(langs, l)
		}
	}
	return s.alternates(langs, path)
}

// dropUnoffered deletes the filters named with prefix from linked when
// offered, given their number, says the lists do not offer them.
func dropUnoffered(linked map[string]bool, prefix string, offered func(int) bool) {
	n := 0
	for k := range linked {
		if strings.HasPrefix(k, prefix) {
			n++
		}
	}
	if !offered(n) {
		maps.DeleteFunc(linked, func(k string, _ bool) bool { return strings.HasPrefix(k, prefix) })
	}
}

// linkedPages finds, in one pass over the postings rather than one per
// page, which filter pages and archives the lists of each language link
// to, named as alternatesIf names them.
func (s *Site) linkedPages() map[string]map[string]bool {
	linked := map[string]map[string]bool{}
	for _, l := range s.Content.Languages {
		linked[l] = map[string]bool{}
	}
	for _, p := range s.Postings {
		for _, l := range p.Langs {
			switch {
			case p.Translations[l] == nil || linked[l] == nil:
			case p.Expired:
				linked[l]["archive"] = true
			default:
				linked[l]["contract\x00"+string(p.Facts.Contract)] = true
				for _, city := range s.cities(p) {
					linked[l]["place\x00"+s.citySlug(city)] = true
				}
				linked[l]["remote\x00"+p.Facts.Remote] = true
			}
		}
	}
	for _, f := range linked {
		dropUnoffered(f, "place\x00", placeFilters)
		dropUnoffered(f, "remote\x00", remoteFilters)
		delete(f, "remote\x00no") // on site: no filter
	}
	return linked
}
