package build

import (
	"fmt"
	"io/fs"
	"maps"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// Incremental builds. After each build that succeeded, a Builder remembers
// a key of the inputs of every file it made: the renderer's generation
// (layouts, interface strings, assets, site settings, build day, options),
// and for each page what its layout receives, walked (see viewkey.go),
// with the files of what that leaves out (a posting's text, its
// employer's); a feed's key is made of the postings it carries. Update hands the Writer only the files
// whose key changed, and names the files that are gone; a file's key
// leaves out nothing its bytes depend on, so a file not handed is the same
// as the last one handed.

// state is what a Builder keeps of its last successful build.
type state struct {
	posts    map[*site.Posting]*postMemo    // keys of each posting's pages and entries, and their feed entries' XML
	memos    []*postMemo                    // the same, in the order of the site's postings
	postings []*site.Posting                // the site's postings, in that order
	firsts   []int                          // keyer.firsts
	lists    map[*site.Page]listMemo        // keys of the list pages
	orgs     uint64                         // key of every employer's files (keyer.orgsKey)
	keys     map[string]uint64              // output file → key of its inputs
	facts    map[uint64]uint64              // facts file hash → key of its Facts
	checks   map[uint64]content.Diagnostics // key of a posting or employer → its Check diagnostics (kept across Updates, pruned)
	several  map[string]severalMemo         // output of several files → what it was made of (see writeSeveral)
}

// severalMemo is what a build remembers of an output of several files:
// the key of its inputs, and the names and keys (fileKey) of its files.
type severalMemo struct {
	key   uint64
	files []string
	keys  []uint64
}

// keyLog sets the keys of output files in the last build's map, in place
// (a copy of the map took 2.5 ms of an edit at 10,000 postings), and
// logs each change so that a failed Update can put the last keys back.
// The log is also the list of the files whose key this build set.
type keyLog struct {
	keys map[string]uint64
	undo []keyUndo
}

type keyUndo struct {
	name string
	key  uint64 // the key before, if had
	had  bool
}

// set sets the key of name and returns the one it had.
func (l *keyLog) set(name string, key uint64) (old uint64, had bool) {
	old, had = l.keys[name]
	l.undo = append(l.undo, keyUndo{name, old, had})
	l.keys[name] = key
	return old, had
}

// rollback puts back the keys as they were before the first set.
func (l *keyLog) rollback() {
	for i := len(l.undo) - 1; i >= 0; i-- {
		if u := l.undo[i]; u.had {
			l.keys[u.name] = u.key
		} else {
			delete(l.keys, u.name)
		}
	}
	l.undo = nil
}

// keyer computes the keys of one build.
type keyer struct {
	gen       uint64 // the renderer's generation
	r         *render.Renderer
	s         *site.Site
	posts     map[*site.Posting]*postMemo // the keys of each posting of this build
	memos     []*postMemo                 // the same, in the order of the site's postings
	lastMemos []*postMemo                 // the last build's
	firsts    []int                       // the index of the first posting of each employer, in order
	lists     map[*site.Page]listMemo     // the keys of the list pages of this build
	lastLists map[*site.Page]listMemo     // and of the last
	orgs      map[string]uint64           // organization key → key of its files
	orgsKey   uint64                      // key of every organization's files
	made      map[*postMemo]bool          // the memos worked out by this build, not kept from the last
	fields    fieldCache                  // of the walks of its digests
	facts     map[uint64]uint64           // facts file hash → key of its Facts (kept across builds)

	sumsOnce    sync.Once
	postingSums *postingSums // see sums
}

// listMemo is the key of a list page, with what it was worked out for that
// can change without the page object changing: the generation and the
// employers. A list the site.Assembler hands back (a patched site keeps
// the lists whose entries did not change) shows the same entries, whose
// keys change only with those. entries is the key of its entries alone
// (keyer.entry), of which the filter feeds and the search index are made:
// they are keyed by their pages' instead of by every entry at each edit.
// sitemap is its share of the sitemap's key (sitemapShare), for the
// newest date posted of the site (newestPosted) it was worked out with.
type listMemo struct {
	gen, orgs, key, entries uint64
	sitemap                 uint64
	newest                  content.Date
}

// postMemo holds the keys of everything a posting makes on its own: its
// pages, its share of the sitemap, its entries in the feeds, its check.
// They are worked out once per posting and build, and kept for the next
// build: a posting that the site.Assembler hands back (the same
// *site.Posting) has the same files, state, languages and pages, and its
// keys then change only with the generation and its employer's files. An
// edit at 10,000 postings thus keys one posting instead of all of them,
// whose data, spread over the heap, took ~40 ms to read at each edit.
type postMemo struct {
	gen, org uint64   // what the keys were worked out for
	facts    uint64   // key of the facts
	check    uint64   // checkOf
	open     bool     // its posting is open (not Expired)
	langs    []int    // the place in the site's languages of each of its languages (Langs' order); -1: none
	pathLen  int      // the longest path of its pages, escaped (see sitemapCount)
	pages    []uint64 // key of its page in each of its languages (Langs' order)
	files    []string // the file of each of those pages
	sitemap  []uint64 // the share of each of those pages in the sitemap's key
	atom     []uint64 // key of its entry in the Atom feed of each language; 0 when closed
	job      uint64   // key of its entry in the job feed; 0 when closed
	// The diagnostics of its check (checkSite), once checked.
	diags   content.Diagnostics
	checked bool
	// The XML of those entries once encoded (see fragment), kept with
	// their keys; nil: not encoded.
	atomXML     [][]byte
	atomFullXML [][]byte // with the posting's text, while it is among the newest (atomFullTexts)
	jobXML      []byte
	// Its part of the record of the postings, once made: what the record
	// says of each of its pages, and their JSON (recordFragments).
	recs   []feeds.RecordPosting
	record []byte
	// entries are the keys of its entries in lists, by the list's
	// language (the site's order), worked out when a list first asks
	// (they need the summary); 0: not yet.
	entries []uint64
}

// digest hashes the values keys are made of, eight bytes at a time, each
// word folded into the state with the multiply-and-fold step of wyhash
// (the high and low halves of a 128-bit product, xored). Unlike maphash it
// has no seed chosen per process: a key is the same in every run of
// jobboard, so `jobboard build` can keep keys on disk for the next build
// (see manifest.go). FNV-1a, a byte at a time, took 30 ms of each rebuild
// of serve at 10,000 postings; this takes an eighth of that.
type digest struct {
	h      uint64
	fields *fieldCache // for walk; nil: none
}

const (
	digestSeed = 0xa0761d6478bd642f // wyhash's constants
	digestMul  = 0xe7037ed1a0b428db
)

func newDigest() *digest { return &digest{h: digestSeed} }

func (d *digest) Sum64() uint64 { return d.h }

func (d *digest) u64(v uint64) {
	hi, lo := bits.Mul64(d.h^v, digestMul)
	d.h = hi ^ lo
}

// str hashes s with its length first, so that the words of two strings in
// a row are told apart from those of one.
func (d *digest) str(s string) {
	d.u64(uint64(len(s)))
	for len(s) >= 8 {
		d.u64(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
		s = s[8:]
	}
	if len(s) > 0 {
		var w uint64
		for i := len(s) - 1; i >= 0; i-- {
			w = w<<8 | uint64(s[i])
		}
		d.u64(w)
	}
}

func (d *digest) int(v int) { d.u64(uint64(v)) }

func (d *digest) bool(v bool) {
	if v {
		d.u64(1)
	} else {
		d.u64(0)
	}
}

func (d *digest) date(v content.Date) { d.int(v.Year*10000 + int(v.Month)*100 + v.Day) }

func (k *keyer) digest() *digest { return &digest{h: digestSeed, fields: &k.fields} }

// generation is the key of everything every page depends on: the layout
// files and interface strings, the assets' hashed names, the site's
// settings (site.yaml), the build day and the options of the build.
func generation(fsys fs.FS, cfg Config, cs *content.Site, today content.Date, assets map[string]string) (uint64, error) {
	d := newDigest()
	err := fs.WalkDir(fsys, "layouts", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		d.str(p)
		d.str(string(data))
		return nil
	})
	if err != nil {
		return 0, err
	}
	names := make([]string, 0, len(assets))
	for n := range assets {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		d.str(n)
		d.str(assets[n])
	}
	// Every setting of site.yaml, as written: a setting added to the
	// site is in the key without more ado.
	settings, err := fs.ReadFile(fsys, "content/site.yaml")
	if err != nil {
		return 0, err
	}
	d.str(string(settings))
	d.str(cs.BaseURL)
	for _, l := range cs.Languages {
		d.str(l)
		d.str(cs.Title[l])
		d.str(cs.Description[l])
	}
	d.str(cs.TimeZone.String())
	d.date(today)
	d.str(cfg.LiveReload)
	d.bool(cfg.NoMinify)
	d.bool(cfg.Drafts)
	return d.Sum64(), nil
}

// newKeyer keys the postings of s, reusing the keys of last's postings
// that s holds again (see postMemo).
func newKeyer(gen uint64, r *render.Renderer, s *site.Site, facts map[uint64]uint64, last *state) *keyer {
	k := &keyer{gen: gen, r: r, s: s, posts: make(map[*site.Posting]*postMemo, len(s.Postings)),
		lists: map[*site.Page]listMemo{}, lastLists: last.lists, orgs: map[string]uint64{}, facts: facts,
		made: map[*postMemo]bool{}, lastMemos: last.memos}
	cs := s.Content
	for key, org := range cs.Organizations {
		d := k.digest()
		d.str(org.Key)
		d.str(org.URL)
		d.str(org.Logo)
		for _, l := range cs.Languages {
			if t := org.Text[l]; t != nil {
				d.str(t.Lang)
				d.str(t.Name)
				d.str(string(t.Body))
			}
		}
		k.orgs[key] = d.Sum64()
	}
	orgKeys := slices.Sorted(maps.Keys(k.orgs))
	d := k.digest()
	for _, key := range orgKeys {
		d.str(key)
		d.u64(k.orgs[key])
	}
	k.orgsKey = d.Sum64()
	var todo []*postMemo
	var todoPosts []*site.Posting
	// With every employer's files as they were, a posting's employer key
	// is the one its memo holds.
	orgsSame := last.posts != nil && last.orgs == k.orgsKey
	k.memos = make([]*postMemo, len(s.Postings))
	for i, p := range s.Postings {
		if m := last.memoOf(i, p); m != nil && m.gen == gen && (orgsSame || m.org == k.orgs[p.Facts.Organization]) {
			k.posts[p], k.memos[i] = m, m
			continue
		}
		m := &postMemo{gen: gen, org: k.orgs[p.Facts.Organization], facts: k.factsOf(p, factsFileHash(p))}
		k.posts[p], k.memos[i] = m, m
		k.made[m] = true
		todo, todoPosts = append(todo, m), append(todoPosts, p)
	}
	// The rest of the keys only read the keyer: on every CPU (20,000
	// pages at 10,000 postings on a first build).
	parallel(len(todo), func(i int) { k.fill(s, todoPosts[i], todo[i]) })
	k.firsts = last.firsts
	if !orgsSame || !sameOrgs(k.memos, last.memos) {
		k.firsts = firstsOf(s)
	}
	return k
}

// memoOf is the memo of posting p, at i in its site's postings, if the
// last build has one: most often the one at the same place (looking every
// posting up took 1.5 ms of an edit at 10,000 postings).
func (st *state) memoOf(i int, p *site.Posting) *postMemo {
	if i < len(st.postings) && st.postings[i] == p {
		return st.memos[i]
	}
	return st.posts[p]
}

// sameOrgs reports whether the postings of memos and last, in the same
// order, have the same employers, knowing that every employer's files are
// those of last's build: a memo kept is the same posting's, and one made
// again has the key of its employer's files, different for each employer.
// It compares two arrays, where looking up 10,000 employers by name took
// 1.6 ms of each edit.
func sameOrgs(memos, last []*postMemo) bool {
	if len(memos) != len(last) {
		return false
	}
	for i, m := range memos {
		if m != last[i] && m.org != last[i].org {
			return false
		}
	}
	return true
}

// firstsOf is the index in s.Postings of the first posting of each
// employer, in order.
func firstsOf(s *site.Site) []int {
	seen := map[string]bool{}
	var firsts []int
	for i, p := range s.Postings {
		if !seen[p.Facts.Organization] {
			seen[p.Facts.Organization] = true
			firsts = append(firsts, i)
		}
	}
	return firsts
}

// parallel calls f(0) … f(n-1) on every CPU, each on one goroutine.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for start := 0; start < n; start += chunk {
		wg.Go(func() {
			for i := start; i < min(start+chunk, n); i++ {
				f(i)
			}
		})
	}
	wg.Wait()
}

// fill works out the keys of m, p's memo, but its facts'.
func (k *keyer) fill(s *site.Site, p *site.Posting, m *postMemo) {
	m.check = k.checkOf(p, m.facts)
	m.entries = make([]uint64, len(s.Content.Languages))
	// The keys of its pages, their sitemap shares and its Atom entries,
	// side by side: keyer.sums reads them for every posting at each edit.
	n := len(p.Langs)
	keys := make([]uint64, 3*n)
	m.pages, m.sitemap = keys[:n:n], keys[n:2*n:2*n]
	m.files = make([]string, n)
	m.open = !p.Expired
	m.langs = make([]int, n)
	for i, l := range p.Langs {
		m.langs[i] = slices.Index(s.Content.Languages, l)
		m.pathLen = max(m.pathLen, escapedLen(p.Pages[l].Path))
	}
	for i, l := range p.Langs {
		pg := p.Pages[l]
		m.pages[i] = k.postingPage(pg, m.facts)
		m.files[i] = pageFile(pg.Path)
		m.sitemap[i] = k.sitemapShare(s, pg, content.Date{})
	}
	if p.Expired {
		return
	}
	m.atom = keys[2*n:]
	m.atomXML = make([][]byte, len(p.Langs))
	for i, l := range p.Langs {
		e := k.digest()
		e.u64(k.gen)
		e.str("atom")
		e.str(l)
		e.str(p.Slug)
		e.u64(p.Translations[l].Hash)
		e.u64(m.facts)
		m.atom[i] = e.Sum64()
	}
	l := jobLang(s, p)
	e := k.digest()
	e.u64(k.gen)
	e.str("job")
	e.str(p.Slug)
	e.str(l)
	e.u64(p.Translations[l].Hash)
	e.u64(m.facts)
	e.u64(k.orgs[p.Facts.Organization])
	m.job = e.Sum64()
}

// langIndex is the place of lang in p.Langs, the order of postMemo's keys.
func langIndex(p *site.Posting, lang string) int { return slices.Index(p.Langs, lang) }

// factsOf is a key of a posting's facts, kept by the hash of the file
// they are read from (fileHash), so that it is computed once per version
// of the file.
func (k *keyer) factsOf(p *site.Posting, fileHash uint64) uint64 {
	if v, ok := k.facts[fileHash]; ok && fileHash != 0 {
		return v
	}
	d := k.digest()
	f := p.Facts
	if f.Salary != nil {
		d.str(fmt.Sprintf("%+v", *f.Salary))
	}
	f.Salary = nil // its address is no fact
	d.str(fmt.Sprintf("%+v", f))
	v := d.Sum64()
	if fileHash != 0 {
		k.facts[fileHash] = v
	}
	return v
}

// factsFileHash is the hash of the file p's facts are read from.
func factsFileHash(p *site.Posting) uint64 {
	for _, tr := range p.Translations {
		if tr.File == p.FactsFile {
			return tr.Hash
		}
	}
	return 0
}

// entry is the key of what a list in lang shows of e, walked from what
// its layout receives (render.Renderer.KeyEntry, with the posting's
// facts).
//
// It is kept in the posting's memo, by the list's language, which the
// next build keeps for the same posting while the generation and its
// employer's key are the same (see postMemo). It writes that memo: call
// it from one goroutine at a time (the page keys, then the outputs).
func (k *keyer) entry(e *site.Entry, lang string) uint64 {
	m := k.posts[e.Posting]
	i := slices.Index(k.s.Content.Languages, lang)
	if m.entries[i] != 0 {
		return m.entries[i]
	}
	d := k.digest()
	d.value(k.r.KeyEntry(k.s, e, lang))
	d.str(lang)
	d.u64(m.facts) // its facts in words (render.Renderer.KeyEntry)
	// The title as written: the filter feeds and the search index, keyed
	// by entries too, give it so, where the lists show it with French
	// spaces (TestTitleAsWritten).
	d.str(e.Translation.Title)
	m.entries[i] = d.Sum64() | 1 // never 0, which marks a key not worked out
	return m.entries[i]
}

// page is the key of one page: a posting page's from its posting's memo
// (every posting of the site has one, filled by newKeyer).
func (k *keyer) page(pg *site.Page) uint64 {
	if pg.Kind == site.PostingPage {
		return k.posts[pg.Posting].pages[langIndex(pg.Posting, pg.Lang)]
	}
	return k.list(pg).key
}

// list is the memo of a page that is not a posting's: this build's, the
// last one's if it holds, else worked out. (Every page's key is worked
// out before the outputs, which then only read k.lists.)
func (k *keyer) list(pg *site.Page) listMemo {
	if m, ok := k.lists[pg]; ok {
		return m
	}
	if m, ok := k.lastLists[pg]; ok && m.gen == k.gen && m.orgs == k.orgsKey {
		k.lists[pg] = m
		return m
	}
	m := k.listPage(pg)
	k.lists[pg] = m
	return m
}

// listPage is the memo of a page that is not a posting's: its View, and
// the keys of the entries it lists.
func (k *keyer) listPage(pg *site.Page) listMemo {
	m := listMemo{gen: k.gen, orgs: k.orgsKey, key: noKey, entries: noKey}
	v, err := k.r.KeyView(k.s, pg)
	if err != nil {
		return m // the render will say why
	}
	es := k.digest()
	es.str(v.Lang)
	es.int(len(pg.Entries))
	for _, e := range pg.Entries {
		es.u64(k.entry(e, v.Lang))
	}
	m.entries = es.Sum64()
	m.newest = newestPosted(k.s)
	m.sitemap = k.sitemapShare(k.s, pg, m.newest)
	d := k.digest()
	d.u64(k.gen)
	d.value(v)
	d.u64(m.entries)
	d.int(len(pg.Elsewhere))
	for _, e := range pg.Elsewhere {
		d.u64(k.entry(e, v.Lang))
	}
	m.key = d.Sum64()
	return m
}

// file is pageFile(pg.Path), a posting page's from its posting's memo.
func (k *keyer) file(pg *site.Page) string {
	if pg.Kind == site.PostingPage {
		return k.posts[pg.Posting].files[langIndex(pg.Posting, pg.Lang)]
	}
	return pageFile(pg.Path)
}

// postingPage is the key of a posting page, whose posting's facts have
// the key facts: its View, and the files of what the View leaves out
// (render.Renderer.KeyView): its translation's (body, summary), its
// employer's (text) and its facts (JSON-LD).
func (k *keyer) postingPage(pg *site.Page, facts uint64) uint64 {
	v, err := k.r.KeyView(k.s, pg)
	if err != nil {
		return noKey // the render will say why
	}
	d := k.digest()
	d.u64(k.gen)
	d.value(v)
	d.u64(pg.Translation.Hash)
	d.u64(facts)
	d.u64(k.orgs[pg.Posting.Facts.Organization])
	return d.Sum64()
}

// pageKeys are the keys of pages, in order. The posting pages' are in
// their postings' memos; the lists' are kept by page (listMemo).
func (k *keyer) pageKeys(pages []*site.Page) []uint64 {
	keys := make([]uint64, len(pages))
	for i, pg := range pages {
		keys[i] = k.page(pg)
	}
	return keys
}

// feedPostings are the postings the Atom feeds and the job feed carry,
// with the memos holding the keys and XML of their entries. They are the
// site's postings and the keyer's memos, not lists of their own: an edit
// at 10,000 postings made lists of 30,000 entries (1.4 MB), maps of their
// XML by key (2.7 MB) and their lists of parts again, and the memory this
// took, fresh from the system while the heap grew towards its next
// collection, doubled the time of an edit in serve.
type feedPostings struct {
	postings []*site.Posting
	memos    []*postMemo // aligned with postings
	atoms    []int       // the number of entries of each language's Atom feed (s.Content.Languages' order)
	jobs     int         // and of the job feed
}

// open yields the open postings, in feed order (the site's), with their
// memos.
func (fk *feedPostings) open(yield func(*site.Posting, *postMemo) bool) {
	for i, p := range fk.postings {
		if !p.Expired && !yield(p, fk.memos[i]) {
			return
		}
	}
}

// postingSums are the keys of the outputs made of every posting, and the
// postings of the feeds, worked out in one walk over the postings: each
// walk over 10,000 postings spread over the heap took ~2 ms of an edit,
// and there were five.
type postingSums struct {
	atoms   []uint64     // the key of each language's Atom feed (s.Content.Languages' order)
	sitemap sitemapCount // the posting pages the sitemap lists
	jobs    uint64       // of the job feed
	record  uint64       // of the record of the postings
	feed    *feedPostings
}

// sums are the postingSums of this build, worked out once. The key of an
// Atom feed holds every open posting it carries, text included, in the
// feed's order (the postings'); the job feed's every open posting; the
// record's the keys of every open posting's pages (their JobPosting is in
// them) and the address of every closed one's (an edit of a closed
// posting changes nothing of the record).
func (k *keyer) sums() *postingSums {
	k.sumsOnce.Do(func() {
		langs := k.s.Content.Languages
		w := sumsWalk{atoms: make([]digest, len(langs)), jobs: *k.digest(), record: *k.digest(),
			feed: &feedPostings{postings: k.s.Postings, memos: k.memos, atoms: make([]int, len(langs))}}
		for i := range w.atoms {
			w.atoms[i] = *k.digest()
			w.atoms[i].u64(k.gen)
			w.atoms[i].str("atom")
		}
		w.jobs.u64(k.gen)
		w.record.u64(k.gen)
		for _, m := range k.memos {
			w.add(m)
		}
		k.postingSums = &postingSums{atoms: make([]uint64, len(langs)), jobs: w.jobs.Sum64(), record: w.record.Sum64(),
			feed: w.feed, sitemap: w.sitemap}
		for i := range w.atoms {
			k.postingSums.atoms[i] = w.atoms[i].Sum64()
		}
	})
	return k.postingSums
}

// sumsWalk is keyer.sums under way: the digests of each output, and the
// postings of the feeds.
type sumsWalk struct {
	atoms        []digest // by language, in the site's order
	jobs, record digest
	feed         *feedPostings
	sitemap      sitemapCount
}

// add takes the posting whose memo is m into the digests of the outputs
// that carry it. (It reads the memo alone: the postings, spread over the
// heap, took twice as long to walk.)
func (w *sumsWalk) add(m *postMemo) {
	if !m.open {
		for _, pk := range m.sitemap {
			w.record.u64(pk)
		}
		return
	}
	for _, pk := range m.pages {
		w.record.u64(pk)
	}
	for j, li := range m.langs {
		if li >= 0 {
			w.atoms[li].u64(m.atom[j])
			w.feed.atoms[li]++
		}
	}
	w.jobs.u64(m.job)
	w.feed.jobs++
	w.sitemap.n += len(m.pages)
	w.sitemap.longest = max(w.sitemap.longest, m.pathLen)
}

// sitemapKey is the key of the sitemap: what it says of every page
// (sitemapURL). The shares of the pages of the postings are taken from
// their memos, in the order of the postings, each in its languages' (that
// of site.Site.PostingRun), without looking at the 20,000 pages of
// 10,000 postings; the other pages' from their memos.
func (k *keyer) sitemapKey() uint64 {
	s := k.s
	d := k.digest()
	d.u64(k.gen)
	newest := newestPosted(s)
	from, to := s.PostingRun()
	for _, pg := range s.Pages[:from] {
		d.u64(k.otherShare(pg, newest))
	}
	for _, m := range k.memos {
		for _, share := range m.sitemap {
			d.u64(share)
		}
	}
	for _, pg := range s.Pages[to:] {
		d.u64(k.otherShare(pg, newest))
	}
	return d.Sum64()
}

// otherShare is the share in the sitemap's key of pg, a page that is not
// a posting's: its memo's, if worked out for the same newest date posted.
func (k *keyer) otherShare(pg *site.Page, newest content.Date) uint64 {
	if m := k.list(pg); m.newest == newest {
		return m.sitemap
	}
	return k.sitemapShare(k.s, pg, newest)
}

// filterFeedKey is the key of the feed of a filter: its page's address and
// filter, and the entries its pages list. Its entries are summaries, which
// say what the filter's list says of them: their keys are those of the
// entries of the lists (keyer.entry, by listMemo.entries), so that an edit
// of a posting's text past its summary leaves the feed as it was.
func (k *keyer) filterFeedKey(ff filterFeed) uint64 {
	first := ff.pages[0]
	d := k.digest()
	d.u64(k.gen)
	d.str(ff.name)
	d.str(first.Path)
	d.str(string(first.Filter.Contract))
	d.str(first.Filter.City)
	d.str(first.Filter.Remote)
	d.int(len(ff.pages))
	for _, pg := range ff.pages {
		d.u64(k.list(pg).entries)
	}
	return d.Sum64()
}

// searchKey is the key of the inputs of lang's search index: the
// generation (which holds the interface strings that name contracts), the
// employers' files, and the open postings with a translation in lang,
// which are the entries of lang's list, in order, each with the key of its
// entry there (its slug, title, summary and facts; keyer.entry, by
// listMemo.entries). An edit of a posting's text past its summary changes
// nothing of the index.
func (k *keyer) searchKey(s *site.Site, lang string) uint64 {
	d := k.digest()
	d.u64(k.gen)
	d.u64(k.orgsKey)
	d.str("search")
	d.str(lang)
	for _, pg := range s.Pages {
		if pg.Kind == site.ListPage && pg.Lang == lang {
			d.u64(k.list(pg).entries)
		}
	}
	return d.Sum64()
}

// sitemapShare is a key of what the sitemap says of a page (sitemapURL,
// walked; newest is newestPosted, which no posting page's depends on), and
// of its address and state, which the record of the postings gives for a
// closed posting.
func (k *keyer) sitemapShare(s *site.Site, pg *site.Page, newest content.Date) uint64 {
	d := k.digest()
	d.str(pg.Path)
	if pg.Posting != nil {
		d.bool(pg.Posting.Expired)
	}
	u, listed := sitemapURL(s, pg, newest)
	d.bool(listed)
	d.value(u)
	return d.Sum64()
}

// checkOf is the key of what Check looks at for posting p, whose facts
// have the key facts: its files (the Markdown of every translation, the
// facts, the line of apply:) and the generation (interface strings,
// assets for images).
func (k *keyer) checkOf(p *site.Posting, facts uint64) uint64 {
	d := k.digest()
	d.u64(k.gen)
	d.str(p.Slug)
	d.str(p.FactsFile)
	d.bool(p.Expired)
	for _, l := range p.Langs {
		d.str(l)
		d.u64(p.Translations[l].Hash)
	}
	d.u64(facts)
	return d.Sum64()
}

// orgCheckKey is the key of what Check looks at for an employer.
func (k *keyer) orgCheckKey(key string) uint64 {
	d := k.digest()
	d.u64(k.gen)
	d.str(key)
	d.u64(k.orgs[key])
	return d.Sum64()
}

// noKey is never a key: a file with it is always handed over.
const noKey = math.MaxUint64

// fileKey is the key of a file made as is (an asset, an editor file).
func fileKey(data []byte) uint64 {
	d := newDigest()
	d.str(string(data))
	return d.Sum64()
}
