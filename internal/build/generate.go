package build

import (
	"bytes"
	"context"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobboard/jobboard/internal/admin"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
	"github.com/jobboard/jobboard/internal/theme"
)

// sinks are where the files of a build go.
type sinks struct {
	w      Writer
	parts  PartsWriter       // UpdateParts: the feeds made of kept entries, as their parts
	open   opener            // Build: opens the files written in parts (jobs.xml)
	remove func(name string) // Update: told each file of the last Update not made again; nil: Generate
}

// pass is one build of a Builder: what its steps share.
type pass struct {
	b      *Builder
	ctx    context.Context
	out    sinks
	res    *Result
	start  time.Time
	fsys   fs.FS // the site folder
	themed fs.FS // its layouts and assets over the theme's
	cs     *content.Site
	s      *site.Site
	today  content.Date
	m      *minifier
	r      *render.Renderer
	k      *keyer  // nil: Generate without a reuser
	ru     *reuser // Build: links the files of the previous output that are still right
	ks     *keySet // Update: the keys of the files
	// sitemapParts names the files of the sitemap, and the URLs per file
	// (see sitemapParts), worked out once.
	sitemapParts func() ([]string, int)
}

// generate is Generate (out.remove nil) or Update. ru, if not nil, links
// into the output the files of the previous one that a build manifest
// says are still right (Generate only).
func (b *Builder) generate(ctx context.Context, out sinks, ru *reuser) (*Result, error) {
	p := &pass{b: b, ctx: ctx, out: out, res: &Result{}, start: time.Now(), fsys: content.DirFS(b.cfg.Root), ru: ru}
	if ru != nil {
		ru.res = p.res
	}
	if !p.load() {
		return p.res, p.res.Diagnostics.Err()
	}
	if err := p.assemble(); err != nil {
		return p.res, err
	}
	p.ks = b.newKeySet(out.remove != nil)
	defer p.ks.end()
	if err := p.prepare(); err != nil {
		return p.res, err
	}
	if err := p.check(); err != nil {
		return p.res, err
	}
	if err := p.makeFiles(); err != nil {
		return p.res, err
	}
	p.res.Pages = len(p.s.Pages)
	p.res.Duration = time.Since(p.start)
	return p.res, nil
}

// load parses every content file once and validates everything; it
// reports whether the content can be built (else the diagnostics say
// why).
func (p *pass) load() bool {
	b := p.b
	var diags content.Diagnostics
	if b.preloaded != nil {
		l := <-b.preloaded
		b.preloaded = nil
		p.cs, diags, p.start = l.cs, l.diags, l.start
	} else {
		p.cs, diags = b.loader.Load(p.fsys, b.loadOptions())
	}
	if b.once {
		// Nothing the Loader parsed is needed for a next load.
		b.loader = content.Loader{}
		if b.memLimit > 0 && p.cs != nil {
			debug.SetMemoryLimit(max(oneShotMemory, 2*int64(textSize(p.cs))))
		}
	}
	// Nothing outside the site folder is read (content.DirFS); the links
	// of layouts/ and assets/ that would lead out are reported here, with
	// the content's problems, rather than when the files are read.
	if links := content.CheckLinks(p.fsys, "layouts", "assets"); len(links) > 0 {
		diags = append(slices.Clip(diags), links...)
		diags.Sort()
		p.cs = nil
	}
	p.res.Diagnostics = diags
	if p.cs == nil {
		return false
	}
	p.today = b.cfg.Today
	if p.today.IsZero() {
		p.today = content.DateOf(time.Now().In(p.cs.TimeZone))
	}
	p.res.BasePath = p.cs.BasePath()
	return true
}

// assemble decides the pages and their addresses.
func (p *pass) assemble() error {
	s, sdiags := p.b.assembler.Assemble(p.cs, p.today)
	p.res.Diagnostics = append(p.res.Diagnostics, sdiags...)
	if sdiags.Errors() > 0 {
		p.res.Diagnostics.Sort()
		return p.res.Diagnostics.Err()
	}
	if err := p.ctx.Err(); err != nil {
		return err
	}
	p.s = s
	for _, pg := range s.Pages {
		if pg.Kind == site.PostingPage && pg.Posting.Facts.Draft {
			p.res.Drafts = append(p.res.Drafts, pageFile(pg.Path))
		}
	}
	return nil
}

// counting hands a file over, counted.
func (p *pass) counting(name string, data []byte) error {
	p.res.count(len(data))
	return p.out.w(name, data)
}

// handing is counting for the files made in reused buffers (pages,
// assets): Update hands over a copy.
func (p *pass) handing(name string, data []byte) error {
	if p.ks.keyed {
		data = bytes.Clone(data)
	}
	return p.counting(name, data)
}

// asIs is w for the files made as they are (the assets, the editor's
// files), handed over when need says so: the key of such a file is its
// bytes' (an asset's name holds a short hash of them too).
func (p *pass) asIs(w Writer) Writer {
	return func(name string, data []byte) error {
		if !p.need(name, func() uint64 { return fileKey(data) }) {
			return nil
		}
		return w(name, data)
	}
}

// prepare writes the assets (first: pages link to them by their hashed
// names, which change with their content) and the browser editor, and
// makes the renderer.
func (p *pass) prepare() error {
	b := p.b
	p.m = newMinifier(!b.cfg.NoMinify)
	// The layouts and assets: the site's over the built-in theme's.
	p.themed = theme.New(p.fsys, b.cfg.Theme)
	p.res.Diagnostics = append(p.res.Diagnostics, theme.Check(p.themed)...)
	assets, err := copyAssets(p.themed, p.m, p.asIs(p.handing))
	if err != nil {
		return err
	}
	// The browser editor, /admin/, when site.yaml asks for one.
	icon := ""
	if a, ok := assets["favicon.svg"]; ok {
		icon = p.cs.BasePath() + strings.TrimPrefix(a, "/")
	}
	if err := admin.Write(p.themed, p.cs, icon, p.asIs(p.counting)); err != nil {
		return err
	}
	ropt := render.Options{Assets: assets, LiveReload: b.cfg.LiveReload, Cache: &b.cache, Minify: p.m.html()}
	if b.once {
		tx := &texts{fsys: p.fsys}
		ropt.Text = tx.text
	}
	if p.r, err = render.New(p.themed, p.cs, ropt); err != nil {
		return err
	}
	p.sitemapParts = sync.OnceValues(func() ([]string, int) {
		return sitemapParts(p.s, b.cfg.sitemapURLs(), countSitemap(p.s, p.k))
	})
	if p.ks.keyed || p.ru != nil {
		gen, err := generation(p.themed, b.cfg, p.cs, p.today, assets)
		if err != nil {
			return err
		}
		if p.ru != nil {
			for hash, summary := range p.ru.prev.Summaries {
				p.r.KnowSummary(hash, summary)
			}
		}
		next := p.ks.next
		p.k = newKeyer(gen, p.r, p.s, next.facts, p.ks.last)
		next.posts, next.memos, next.firsts, next.lists, next.orgs = p.k.posts, p.k.memos, p.k.firsts, p.k.lists, p.k.orgsKey
		next.postings = p.s.Postings
		if p.ks.keyed {
			// The walks over every posting and page the outputs need
			// (each ~4 ms at 10,000 postings spread over the heap) are
			// made now on another core, while this one finds the pages
			// to make and makes them. Nothing waits for it: it only
			// reads what newKeyer made, and its results are worked out
			// once (the outputs wait for them there).
			go func() {
				p.k.sums()
				p.sitemapParts()
			}()
		}
	}
	return nil
}

// check runs the checks that need the renderer; the build stops on an
// error.
func (p *pass) check() error {
	// Update looks up and records the checks in one map, kept from build
	// to build; Generate with a reuser records all of them.
	prev, next := p.ks.next.checks, map[uint64]content.Diagnostics(nil)
	if p.ru != nil {
		prev, next = p.ru.prev.Checks, p.ru.next.Checks
	}
	p.res.Diagnostics = append(p.res.Diagnostics, p.checkSite(prev, next)...)
	if err := p.r.Err(); err != nil {
		return err // a text that could not be read again for its check
	}
	if p.ks.keyed {
		p.ks.next.checks = pruneChecks(p.ks.next.checks, p.k)
	}
	p.res.Diagnostics.Sort()
	if p.res.Diagnostics.Errors() > 0 {
		return p.res.Diagnostics.Err()
	}
	return nil
}

// keySet is the keys of the files an Update makes, set as it goes, and
// put back as they were if it fails.
type keySet struct {
	keyed       bool // Update: keys are kept; Generate hands every file over
	incremental bool // the Builder has the keys of a last Update, which this one changes in place
	last, next  *state
	log         *keyLog // incremental: the keys set
	done        bool    // the build succeeded: its keys stay

	mu        sync.Mutex
	unchanged atomic.Int64 // files not handed over: their key is the last one
}

func (b *Builder) newKeySet(keyed bool) *keySet {
	ks := &keySet{keyed: keyed, incremental: keyed && b.last != nil, last: b.last}
	if ks.last == nil {
		ks.last = &state{}
	}
	ks.next = &state{facts: map[uint64]uint64{}, checks: ks.last.checks, several: map[string]severalMemo{}}
	if ks.next.checks == nil {
		ks.next.checks = map[uint64]content.Diagnostics{}
	}
	if ks.incremental {
		// Most files keep their key: the build changes the last keys in
		// place, and puts them back if it fails. The files made again
		// are counted, and those of the last build not made again
		// removed, at the end.
		ks.next.keys = ks.last.keys
		ks.log = &keyLog{keys: ks.next.keys}
	} else {
		ks.next.keys = make(map[string]uint64, len(ks.last.keys))
	}
	if ks.last.facts != nil {
		ks.next.facts = ks.last.facts // kept by file hash: valid in any build
	}
	return ks
}

// end puts back the last keys if the build failed.
func (ks *keySet) end() {
	if ks.incremental && !ks.done {
		ks.log.rollback()
	}
}

// need records the key of a file and says whether to hand it over; only
// an Update (keyed) asks (see pass.need).
func (ks *keySet) need(name string, key uint64) bool {
	ks.mu.Lock()
	var old uint64
	var ok bool
	if ks.incremental {
		old, ok = ks.log.set(name, key)
	} else {
		old, ok = ks.last.keys[name]
		ks.next.keys[name] = key
	}
	ks.mu.Unlock()
	if ok && old == key && key != noKey {
		ks.unchanged.Add(1)
		return false
	}
	return true
}

// makeFiles makes the files of the pass (for an Update after a first
// one, only those whose key changed); an Update then names the files gone.
func (p *pass) makeFiles() error {
	pages, kept := p.changed()
	if err := p.write(pages); err != nil {
		return err
	}
	if p.ks.keyed {
		p.ks.done = true
		p.forget(kept)
	}
	return nil
}

// changed are the pages to render: all of them, or after a first Update
// those whose key changed, with the number of posting pages whose keys
// the keyer kept. (The keys of lists hold the summaries of their entries:
// computed before the pages are rendered, they would render every
// posting's Markdown on this goroutine.)
func (p *pass) changed() (pages []*site.Page, kept int) {
	k, ks, s := p.k, p.ks, p.s
	if !ks.incremental {
		return s.Pages, 0
	}
	need := func(pg *site.Page) {
		if ks.need(k.file(pg), k.page(pg)) {
			pages = append(pages, pg)
		}
	}
	from, to := s.PostingRun()
	for _, pg := range s.Pages[:from] {
		need(pg)
	}
	// The posting pages, by their postings' memos (site.Site.PostingRun):
	// a memo kept has the keys and files of the last build, in next.keys.
	at := from
	for _, m := range k.memos {
		n := len(m.pages)
		if k.made[m] {
			for _, pg := range s.Pages[at : at+n] {
				need(pg)
			}
		} else {
			kept += n
		}
		at += n
	}
	for _, pg := range s.Pages[to:] {
		need(pg)
	}
	ks.unchanged.Add(int64(kept))
	return pages, kept
}

// forget ends an Update that succeeded: it keeps the keys of every page,
// and names the files of the last Update not made again, kept the number
// of posting pages whose keys were kept.
func (p *pass) forget(kept int) {
	k, ks, s := p.k, p.ks, p.s
	next, last := ks.next, ks.last
	var gone []string
	switch {
	case !ks.incremental:
		for i, key := range k.pageKeys(s.Pages) {
			next.keys[k.file(s.Pages[i])] = key
		}
		for name := range last.keys {
			if _, ok := next.keys[name]; !ok {
				gone = append(gone, name)
			}
		}
	case len(next.keys) != kept+len(ks.log.undo):
		// next.keys holds files of the last build not made again.
		made := make(map[string]bool, kept+len(ks.log.undo))
		for _, u := range ks.log.undo {
			made[u.name] = true
		}
		for _, pg := range s.Pages {
			made[k.file(pg)] = true
		}
		for name := range next.keys {
			if !made[name] {
				gone = append(gone, name)
				delete(next.keys, name)
			}
		}
	}
	slices.Sort(gone)
	for _, name := range gone {
		p.out.remove(name)
	}
	p.res.Removed = len(gone)
	p.b.last = next
	p.res.Unchanged = int(ks.unchanged.Load())
}
