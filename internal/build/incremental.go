package build

import (
	"fmt"
	"io/fs"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// Incremental builds. After each build that succeeded, a Builder remembers
// a key of the inputs of every file it made: the renderer's generation
// (layouts, interface strings, assets, site settings, build day, options),
// and for each page what it shows: a posting page its posting's files and
// employer, a list the entries it holds (title, summary, facts, employer),
// a feed the postings it carries. Update hands the Writer only the files
// whose key changed, and names the files that are gone; a file's key
// leaves out nothing its bytes depend on, so a file not handed is the same
// as the last one handed.

// state is what a Builder keeps of its last successful build.
type state struct {
	frags   *fragments                     // the feeds' entries (Update only)
	entries map[*site.Entry]entryMemo      // keys of list entries
	keys    map[string]uint64              // output file → key of its inputs
	facts   map[uint64]uint64              // facts file hash → key of its Facts
	checks  map[uint64]content.Diagnostics // key of a posting or employer → its Check diagnostics
}

// keyer computes the keys of one build.
type keyer struct {
	gen         uint64 // the renderer's generation
	r           *render.Renderer
	postings    map[*site.Posting]postKeys // the keys of each posting's facts
	entryKeys   map[*site.Entry]entryMemo  // list entries keyed by this build
	lastEntries map[*site.Entry]entryMemo  // and by the last
	orgs        map[string]uint64          // organization key → key of its files
	facts       map[uint64]uint64          // facts file hash → key of its Facts (kept across builds)
}

// postKeys are worked out once per posting and build: every page, entry
// and feed of the posting asks for them.
type postKeys struct {
	factsFile uint64 // hash of the file holding the facts
	facts     uint64 // key of the facts
}

// digest hashes the values keys are made of, eight bytes at a time, each
// word folded into the state with the multiply-and-fold step of wyhash
// (the high and low halves of a 128-bit product, xored). Unlike maphash it
// has no seed chosen per process: a key is the same in every run of
// jobboard, so `jobboard build` can keep keys on disk for the next build
// (see manifest.go). FNV-1a, a byte at a time, took 30 ms of each rebuild
// of serve at 10,000 postings; this takes an eighth of that.
type digest struct{ h uint64 }

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

func (k *keyer) digest() *digest { return newDigest() }

// generation is the key of everything every page depends on: the layout
// files and interface strings, the assets' hashed names, the site's
// settings, the build day and the options of the build.
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

func newKeyer(gen uint64, r *render.Renderer, s *site.Site, facts map[uint64]uint64, lastEntries map[*site.Entry]entryMemo) *keyer {
	k := &keyer{gen: gen, r: r, postings: make(map[*site.Posting]postKeys, len(s.Postings)),
		entryKeys: map[*site.Entry]entryMemo{}, lastEntries: lastEntries, orgs: map[string]uint64{}, facts: facts}
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
	for _, p := range s.Postings {
		file := factsFileHash(p)
		k.postings[p] = postKeys{factsFile: file, facts: k.factsOf(p, file)}
	}
	return k
}

// factsKey is a key of a posting's facts, kept by the hash of the file
// they are read from, so that it is computed once per version of the file.
func (k *keyer) factsKey(p *site.Posting) uint64 {
	if pk, ok := k.postings[p]; ok {
		return pk.facts
	}
	return k.factsOf(p, factsFileHash(p))
}

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

// entry is the key of what a list shows of a posting: its address,
// title, summary, facts and employer. It does not change when only the
// text of a posting does, except its first paragraph when that is the
// summary.
//
// An entry the last build keyed is the same *site.Entry (site.Assembler)
// only if its posting's content and state did not change: its key is
// then the last one, unless its employer changed.
func (k *keyer) entry(e *site.Entry) uint64 {
	if m, ok := k.entryKeys[e]; ok {
		return m.key
	}
	org := k.orgs[e.Posting.Facts.Organization]
	if m, ok := k.lastEntries[e]; ok && m.org == org {
		k.entryKeys[e] = m
		return m.key
	}
	tr := e.Translation
	d := k.digest()
	d.str(e.Path)
	d.str(tr.Lang)
	d.str(tr.Title)
	d.str(k.r.Summary(tr))
	d.bool(e.Posting.Expired)
	d.u64(k.factsKey(e.Posting))
	d.u64(org)
	m := entryMemo{org: org, key: d.Sum64()}
	k.entryKeys[e] = m
	return m.key
}

// entryMemo is the key of a list entry, with the key of its employer when
// it was worked out.
type entryMemo struct{ org, key uint64 }

// page is the key of one page.
func (k *keyer) page(pg *site.Page) uint64 {
	d := k.digest()
	d.u64(k.gen)
	d.int(int(pg.Kind))
	d.str(pg.Lang)
	d.str(pg.Path)
	for _, a := range pg.Alternates {
		d.str(a.Lang)
		d.str(a.Path)
	}
	switch pg.Kind {
	case site.PostingPage:
		// Its own text, the facts and the employer: the page names the
		// other translations (in Alternates) but shows nothing of them.
		p := pg.Posting
		d.str(p.Slug)
		d.bool(p.Expired)
		d.u64(pg.Translation.Hash)
		d.u64(k.factsKey(p))
		d.str(p.Facts.Organization)
		d.u64(k.orgs[p.Facts.Organization])
	case site.ListPage, site.ArchivePage, site.ContractPage, site.PlacePage:
		filter := func(f site.Filter) {
			d.str(string(f.Contract))
			d.str(f.City)
			d.str(f.Path)
			d.int(f.Count)
		}
		filter(pg.Filter)
		d.int(len(pg.Contracts))
		for _, f := range pg.Contracts {
			filter(f)
		}
		d.int(len(pg.Places))
		for _, f := range pg.Places {
			filter(f)
		}
		d.int(pg.ClosedSeen)
		d.int(len(pg.Entries))
		for _, e := range pg.Entries {
			d.u64(k.entry(e))
		}
		d.int(len(pg.Elsewhere))
		for _, e := range pg.Elsewhere {
			d.u64(k.entry(e))
		}
	}
	return d.Sum64()
}

// pageKeys are the keys of pages, in order: the lists' on this goroutine
// (they fill the keyer's entry keys), then the posting pages', which only
// read the keyer, on every CPU (20,000 of them at 10,000 postings).
func (k *keyer) pageKeys(pages []*site.Page) []uint64 {
	keys := make([]uint64, len(pages))
	var postings []int
	for i, pg := range pages {
		if pg.Kind == site.PostingPage {
			postings = append(postings, i)
		} else {
			keys[i] = k.page(pg)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(postings) + workers - 1) / workers
	var wg sync.WaitGroup
	for part := range slices.Chunk(postings, max(chunk, 1)) {
		wg.Go(func() {
			for _, i := range part {
				keys[i] = k.page(pages[i])
			}
		})
	}
	wg.Wait()
	return keys
}

// feedKeys are the keys of the entries of the Atom feeds, by language, and
// of the job feed, by posting: what each entry shows.
type feedKeys struct {
	atom map[string]map[*site.Posting]uint64
	jobs map[*site.Posting]uint64
}

// feeds are the keys of the files writeFeeds makes, and of their entries.
func (k *keyer) feeds(s *site.Site) (map[string]uint64, *feedKeys) {
	keys := map[string]uint64{}
	entries := &feedKeys{atom: map[string]map[*site.Posting]uint64{}, jobs: map[*site.Posting]uint64{}}
	// The sitemap: every page's address, alternates and dates.
	d := k.digest()
	d.u64(k.gen)
	for _, pg := range s.Pages {
		d.int(int(pg.Kind))
		d.str(pg.Path)
		for _, a := range pg.Alternates {
			d.str(a.Lang)
			d.str(a.Path)
		}
		if pg.Posting != nil {
			d.bool(pg.Posting.Expired)
			d.date(pg.Posting.Facts.Posted)
		}
		d.int(len(pg.Entries))
		for _, e := range pg.Entries {
			d.date(e.Posting.Facts.Posted)
		}
	}
	keys["sitemap.xml"] = d.Sum64()
	keys["robots.txt"] = k.gen
	// The Atom feeds and the job feed: every open posting they carry, text
	// included.
	for _, lang := range s.Content.Languages {
		d := k.digest()
		d.u64(k.gen)
		byPosting := map[*site.Posting]uint64{}
		for _, p := range openIn(s, lang) {
			e := k.digest()
			e.u64(k.gen)
			e.str("atom")
			e.str(lang)
			e.str(p.Slug)
			e.u64(p.Translations[lang].Hash)
			e.u64(k.factsKey(p))
			key := e.Sum64()
			byPosting[p] = key
			d.u64(key)
		}
		entries.atom[lang] = byPosting
		keys[strings.TrimPrefix(site.FeedPath(lang), "/")] = d.Sum64()
	}
	d = k.digest()
	d.u64(k.gen)
	for _, p := range s.Postings {
		if !p.Expired {
			l := jobLang(s, p)
			e := k.digest()
			e.u64(k.gen)
			e.str("job")
			e.str(p.Slug)
			e.str(l)
			e.u64(p.Translations[l].Hash)
			e.u64(k.factsKey(p))
			e.u64(k.orgs[p.Facts.Organization])
			key := e.Sum64()
			entries.jobs[p] = key
			d.u64(key)
		}
	}
	keys["jobs.xml"] = d.Sum64()
	return keys, entries
}

// checkKey is the key of what Check looks at for posting p: its files
// (the Markdown of every translation, the facts, the line of apply:) and
// the generation (interface strings, assets for images).
func (k *keyer) checkKey(p *site.Posting) uint64 {
	d := k.digest()
	d.u64(k.gen)
	d.str(p.Slug)
	d.str(p.FactsFile)
	d.bool(p.Expired)
	for _, l := range p.Langs {
		d.str(l)
		d.u64(p.Translations[l].Hash)
	}
	d.u64(k.factsKey(p))
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
