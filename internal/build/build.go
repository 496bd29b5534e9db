// Package build runs the whole pipeline: load and validate the content,
// assemble the site, render every page, the structured data and the feeds,
// minify, and write the result. A full build writes into a temporary folder
// beside the output and swaps it in only when everything succeeded, so a
// failed build leaves the previous site exactly as it was.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
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

// Config says what to build and how.
type Config struct {
	Root       string       // the site folder, holding content/, layouts/ and assets/
	Out        string       // output folder; "" means Root/public
	Today      content.Date // the day that decides which postings are closed; zero: today in the site's time zone
	Drafts     bool         // include postings marked draft
	NoMinify   bool         // write readable output, for debugging
	Workers    int          // pages rendered at once; 0: one per CPU
	LiveReload string       // serve only: path of the reload event stream, injected into pages
	// Theme is the built-in theme (package jobboard's Theme): the layouts
	// and assets a site folder does not have are read from it. nil: the
	// site folder has them all.
	Theme fs.FS
}

func (c Config) out() string {
	if c.Out == "" {
		return filepath.Join(c.Root, "public")
	}
	return c.Out
}

// Result tells what a build did.
type Result struct {
	Diagnostics content.Diagnostics // warnings (and errors, when it failed on content)
	Pages       int                 // HTML pages written
	Files       int                 // all files written
	Bytes       int64
	Duration    time.Duration
	Unchanged   int      // Update: files not handed over because their inputs did not change
	Kept        int      // Build: files whose bytes were those of the previous output, kept as they were
	Reused      int      // Build: of those, files not even made again: their inputs had not changed since the build the manifest describes
	Removed     int      // Update: files named to remove
	BasePath    string   // path of base_url ("/", or "/jobs/" for a site below a folder), for a server
	Drafts      []string // the files of the pages of draft postings (built with Config.Drafts), for a preview to mark

	mu sync.Mutex // Files and Bytes are counted by several writers at once
}

// Builder runs builds and keeps what one build learnt for the next (parsed
// content files), so that rebuilding after an edit does only the work the
// edit requires. A Builder must not run two builds at once.
type Builder struct {
	cfg       Config
	loader    content.Loader
	cache     render.Cache   // Markdown rendered by earlier builds
	assembler site.Assembler // reuses the pages of postings that did not change
	last      *state         // keys of the last Update that succeeded; nil before

	feedBufs  feedBuffers    // Generate's feed buffers, kept: at 10,000 postings a feed is 60 MB
	feedSizes map[string]int // Update's: the size of each feed the last time
	// lastRecord is the record of the postings of the last Update that
	// succeeded: the hashes of the pages an Update does not make again.
	lastRecord records

	// once says that the Builder makes one build (Run): it keeps nothing
	// for a next one, neither the files read nor the bodies once their
	// pages are written.
	once bool
	// memLimit is the memory limit Run replaced by oneShotMemory; 0:
	// none.
	memLimit int64
	// preloaded, if not nil, gives the content Run started loading
	// before Build: generate takes it instead of loading.
	preloaded <-chan loaded
}

// loaded is a load of the content, started at start.
type loaded struct {
	cs    *content.Site
	diags content.Diagnostics
	start time.Time
}

// NewBuilder returns a Builder for cfg.
func NewBuilder(cfg Config) *Builder { return &Builder{cfg: cfg} }

// Invalidate tells the Builder that these files (slash paths from the site
// folder) changed, so that the next build reads them again even if their
// size and time look the same. See content.Loader.
func (b *Builder) Invalidate(paths ...string) { b.loader.Invalidate(paths...) }

// Watch says whether the caller reports every change of content/ with
// Invalidate; the Builder then reads only those files. See
// content.Loader.Watched.
func (b *Builder) Watch(on bool) { b.loader.Watched = on }

// Run builds the site once with a fresh Builder.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	b := NewBuilder(cfg)
	b.once = true
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// With the default GOGC of 100 the heap would grow to twice what
		// the site, the pages being rendered and the manifest hold
		// before a collection (~400 MiB at 10,000 postings when the
		// postings' text was held too; see texts). A soft memory limit
		// makes the collector work harder only near the peaks; GOGC 25
		// throughout cost half again the CPU, the limit a third of that.
		// See oneShotMemory.
		b.memLimit = debug.SetMemoryLimit(oneShotMemory)
		defer debug.SetMemoryLimit(b.memLimit)
	}
	// The content is loaded while Build reads the last build's manifest
	// and looks over the spare folder (0.26 s at 10,000 postings, on one
	// goroutine, for a load of 1.3 s that leaves some of the CPU idle).
	// Should Build fail before it needs the content, the load ends with
	// nobody waiting for it.
	preloaded := make(chan loaded, 1)
	go func() {
		start := time.Now()
		cs, diags := b.loader.Load(content.DirFS(b.cfg.Root), b.loadOptions())
		preloaded <- loaded{cs, diags, start}
	}()
	b.preloaded = preloaded
	return b.Build(ctx)
}

// oneShotMemory is the soft memory limit of Run, unless GOGC or GOMEMLIMIT
// is set; once the site is loaded, it is raised to twice the length of
// the postings' text (the site's size: the text itself is not held) when
// that is more, so that the collector of a larger site does not run
// without end.
const oneShotMemory = 224 << 20

// textSize is the length of the bodies of cs's postings, loaded or not
// (BodyLen).
func textSize(cs *content.Site) int {
	n := 0
	for _, p := range cs.Postings {
		for _, tr := range p.Translations {
			n += tr.BodyLen
		}
	}
	return n
}

// A Writer receives every output file. It is called from several
// goroutines at once.
type Writer func(name string, data []byte) error

// ContentError is returned when the content (or the layouts) has errors;
// its diagnostics say where.
type ContentError = content.ContentError

// Generate runs the pipeline and hands every output file to w. It stops at
// the first failure; content errors come back as a *content.ContentError
// carrying every diagnostic.
func (b *Builder) Generate(ctx context.Context, w Writer) (*Result, error) {
	return b.generate(ctx, w, nil, nil, nil, nil)
}

// Update runs the pipeline like Generate but hands w only the files that
// differ from those of the last Update of this Builder that succeeded, and
// calls remove with the name of each file that Update made and this one
// does not. The first Update of a Builder hands every file. When it fails,
// nothing is remembered: the next Update is again relative to the last one
// that succeeded, so a caller that drops the files of a failed build stays
// in step. Generate does not change what Update remembers. remove is called
// from one goroutine, after every file was handed over.
//
// Unlike Generate's, the bytes Update hands to w are w's to keep: the
// Builder does not use them again (serve keeps them as its site; a copy of
// the 60 MB job feed at every edit cost 16 ms at 10,000 postings).
func (b *Builder) Update(ctx context.Context, w Writer, remove func(name string)) (*Result, error) {
	return b.UpdateParts(ctx, w, nil, remove)
}

// A PartsWriter receives an output file as the parts it is made of, in
// order. Like Update's bytes, the parts are the caller's to keep; they may
// be shared with the files of later Updates, and nobody may change them.
type PartsWriter func(name string, parts [][]byte) error

// UpdateParts is Update, but when the build does not minify, it hands the
// feeds that are made of the entries kept from one Update to the next (the
// job feed and the Atom feeds) to parts instead of w, as those entries
// between the feed's head and end, not joined. At 10,000 postings the job
// feed is 60 MB: joining it into new memory at every edit cost serve ~30
// ms of the ~130 an edit took, and the garbage of the last one; serve
// joins it only when it is asked for it.
func (b *Builder) UpdateParts(ctx context.Context, w Writer, parts PartsWriter, remove func(name string)) (*Result, error) {
	if remove == nil {
		remove = func(string) {}
	}
	return b.generate(ctx, w, parts, nil, remove, nil)
}

// loadOptions are the content.Options of the Builder's loads.
func (b *Builder) loadOptions() content.Options {
	// The build only reads the bodies: no need for copies.
	// A build of Run reads each posting's text again when it needs it
	// (texts): most often never, the checks and summaries of a rebuild
	// being kept in its manifest.
	opt := content.Options{Drafts: b.cfg.Drafts, Today: b.cfg.Today, SharedBodies: true, NoBodies: b.once}
	if opt.Today.IsZero() {
		// Good enough for warnings about future dates; expiry uses the
		// site's own time zone, known once site.yaml is read.
		opt.Today = content.DateOf(time.Now())
	}
	return opt
}

// generate is Generate (remove nil) or Update. parts, if not nil, takes
// the feeds made of fragments (UpdateParts). open, if not nil, opens
// files to write in parts (Generate only). ru, if not nil, links into the
// output the files of the previous one that a build manifest says are
// still right (Generate only).
func (b *Builder) generate(ctx context.Context, w Writer, parts PartsWriter, open opener, remove func(name string), ru *reuser) (*Result, error) {
	start := time.Now()
	res := &Result{}
	fsys := content.DirFS(b.cfg.Root)

	// Load: parse every content file once, validate everything.
	today := b.cfg.Today
	var cs *content.Site
	var diags content.Diagnostics
	if b.preloaded != nil {
		l := <-b.preloaded
		b.preloaded = nil
		cs, diags, start = l.cs, l.diags, l.start
	} else {
		cs, diags = b.loader.Load(fsys, b.loadOptions())
	}
	if b.once {
		// Nothing the Loader parsed is needed for a next load.
		b.loader = content.Loader{}
		if b.memLimit > 0 && cs != nil {
			debug.SetMemoryLimit(max(oneShotMemory, 2*int64(textSize(cs))))
		}
	}
	// Nothing outside the site folder is read (content.DirFS); the links
	// of layouts/ and assets/ that would lead out are reported here, with
	// the content's problems, rather than when the files are read.
	if links := content.CheckLinks(fsys, "layouts", "assets"); len(links) > 0 {
		diags = append(slices.Clip(diags), links...)
		diags.Sort()
		cs = nil
	}
	res.Diagnostics = diags
	if cs == nil {
		return res, diags.Err()
	}
	if today.IsZero() {
		today = content.DateOf(time.Now().In(cs.TimeZone))
	}
	res.BasePath = cs.BasePath()

	// Assemble: decide pages and addresses.
	s, sdiags := b.assembler.Assemble(cs, today)
	res.Diagnostics = append(res.Diagnostics, sdiags...)
	if sdiags.Errors() > 0 {
		res.Diagnostics.Sort()
		return res, res.Diagnostics.Err()
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	for _, pg := range s.Pages {
		if pg.Kind == site.PostingPage && pg.Posting.Facts.Draft {
			res.Drafts = append(res.Drafts, pageFile(pg.Path))
		}
	}

	// Update keeps a key of the inputs of every file it makes; after a
	// first Update, it renders and hands over only the files whose key
	// changed. Generate computes no key: it makes everything.
	keyed := remove != nil
	incremental := keyed && b.last != nil
	var keysMu sync.Mutex
	last := b.last
	if last == nil {
		last = &state{}
	}
	next := &state{facts: map[uint64]uint64{}, checks: last.checks}
	if next.checks == nil {
		next.checks = map[uint64]content.Diagnostics{}
	}
	var log *keyLog // the keys an incremental build set
	done := false   // the build succeeded: its keys stay
	if incremental {
		// Most files keep their key: the build changes the last keys in
		// place, and puts them back if it fails. The files made again
		// are counted, and those of the last build not made again removed,
		// at the end.
		next.keys = last.keys
		log = &keyLog{keys: next.keys}
		defer func() {
			if !done {
				log.rollback()
			}
		}()
	} else {
		next.keys = make(map[string]uint64, len(last.keys))
	}
	if last.facts != nil {
		next.facts = last.facts // kept by file hash: valid in any build
	}
	var unchanged atomic.Int64
	// need records the key of a file and says whether to hand it over.
	need := func(name string, key uint64) bool {
		if !keyed {
			return true
		}
		keysMu.Lock()
		var old uint64
		var ok bool
		if incremental {
			old, ok = log.set(name, key)
		} else {
			old, ok = last.keys[name]
			next.keys[name] = key
		}
		keysMu.Unlock()
		if ok && old == key && key != noKey {
			unchanged.Add(1)
			return false
		}
		return true
	}
	counting := func(name string, data []byte) error {
		res.count(len(data))
		return w(name, data)
	}
	// handing is counting for the files made in reused buffers (pages,
	// assets): for Update, a copy is handed over.
	handing := counting
	if keyed {
		handing = func(name string, data []byte) error { return counting(name, bytes.Clone(data)) }
	}
	m := newMinifier(!b.cfg.NoMinify)

	// Assets first: pages link to them by their hashed names, which change
	// with their content.
	// The layouts and assets: the site's over the built-in theme's.
	themed := theme.New(fsys, b.cfg.Theme)
	res.Diagnostics = append(res.Diagnostics, theme.Check(themed)...)
	assets, err := copyAssets(themed, m, func(name string, data []byte) error {
		if !need(name, 0) {
			return nil
		}
		return handing(name, data)
	})
	if err != nil {
		return res, err
	}
	// The browser editor, /admin/, when site.yaml asks for one.
	icon := ""
	if p, ok := assets["favicon.svg"]; ok {
		icon = cs.BasePath() + strings.TrimPrefix(p, "/")
	}
	err = admin.Write(themed, cs, icon, func(name string, data []byte) error {
		if !need(name, fileKey(data)) {
			return nil
		}
		return counting(name, data)
	})
	if err != nil {
		return res, err
	}
	ropt := render.Options{Assets: assets, LiveReload: b.cfg.LiveReload, Cache: &b.cache}
	var tx *texts
	if b.once {
		tx = &texts{fsys: fsys}
		ropt.Text = tx.text
	}
	r, err := render.New(themed, cs, ropt)
	if err != nil {
		return res, err
	}
	var k *keyer
	// Update looks up and records the checks in one map, kept from
	// build to build; Generate with a reuser records all of them.
	prevChecks, nextChecks := next.checks, map[uint64]content.Diagnostics(nil)
	if ru != nil {
		ru.res = res
		prevChecks, nextChecks = ru.prev.Checks, ru.next.Checks
		for hash, summary := range ru.prev.Summaries {
			r.KnowSummary(hash, summary)
		}
	}
	if keyed || ru != nil {
		gen, err := generation(themed, b.cfg, cs, today, assets)
		if err != nil {
			return res, err
		}
		k = newKeyer(gen, r, s, next.facts, last)
		next.posts, next.memos, next.firsts, next.lists, next.orgs = k.posts, k.memos, k.firsts, k.lists, k.orgsKey
	}
	res.Diagnostics = append(res.Diagnostics, checkSite(r, s, checkWorkers(b.cfg.Workers), k, prevChecks, nextChecks)...)
	if err := r.Err(); err != nil {
		return res, err // a text that could not be read again for its check
	}
	if keyed {
		next.checks = pruneChecks(next.checks, k)
	}
	res.Diagnostics.Sort()
	if res.Diagnostics.Errors() > 0 {
		return res, res.Diagnostics.Err()
	}

	// The pages to render: all of them, or after a first Update those
	// whose key changed. (The keys of lists hold the summaries of their
	// entries: computed before the pages are rendered, they would render
	// every posting's Markdown on this goroutine.)
	pages := s.Pages
	kept := 0 // posting pages whose keys the keyer kept (incremental)
	var needFeed func(string) bool
	var feedPosts *feedPostings
	if keyed {
		// The feeds' keys only read the keyer: worked out beside the
		// pages'.
		var fileKeys map[string]uint64
		feedsKeyed := make(chan struct{})
		go func() {
			fileKeys, feedPosts = k.feeds(s)
			close(feedsKeyed)
		}()
		if incremental {
			pages = nil
			for _, pg := range s.Pages {
				if pg.Kind == site.PostingPage && k.kept(pg.Posting) {
					// Its key and file are the last build's, in next.keys.
					kept++
					continue
				}
				if need(k.file(pg), k.page(pg)) {
					pages = append(pages, pg)
				}
			}
			unchanged.Add(int64(kept))
		}
		<-feedsKeyed
		needFeed = func(name string) bool {
			key, ok := fileKeys[name]
			if !ok {
				key = noKey
			}
			return need(name, key)
		}
	}

	if !keyed {
		// Nothing is kept for a next build: no body's HTML either.
		if err := b.writeOnce(ctx, r, s, m, counting, open, res, k, ru); err != nil {
			return res, err
		}
		res.Pages = len(s.Pages)
		res.Duration = time.Since(start)
		return res, nil
	}

	// The feeds are written while the pages are rendered: they are long
	// (every open posting's text) and made by one goroutine, and they
	// share the rendered bodies with the pages.
	feedErr := make(chan error, 1)
	// The feeds are each made in a buffer of their own, handed over.
	if b.feedSizes == nil {
		b.feedSizes = map[string]int{}
	}
	go func() {
		bufs := &feedBuffers{handOver: true, sizes: b.feedSizes}
		if parts != nil {
			bufs.parts = func(name string, ps [][]byte) error {
				n := 0
				for _, p := range ps {
					n += len(p)
				}
				res.count(n)
				return parts(name, ps)
			}
		}
		feedErr <- writeFeeds(r, s, m, counting, needFeed, feedPosts, bufs)
	}()
	err = b.renderPages(ctx, r, pages, s, m, handing, nil, nil)
	if ferr := <-feedErr; err == nil {
		err = ferr
	}
	var rec records
	if err == nil {
		// Once the pages are made: their hashes are in the record.
		rec, err = writeRecord(r, s, counting, needFeed, func() records { return b.lastRecord })
	}
	if err == nil {
		next.search, err = writeSearchKeyed(r, s, k, last.search, need, counting)
	}
	if err != nil {
		return res, err
	}
	done = true
	if rec != nil {
		b.lastRecord = rec
	}
	if !incremental {
		for i, key := range k.pageKeys(s.Pages) {
			next.keys[k.file(s.Pages[i])] = key
		}
	}
	var gone []string
	switch {
	case !incremental:
		for name := range last.keys {
			if _, ok := next.keys[name]; !ok {
				gone = append(gone, name)
			}
		}
	case len(next.keys) != kept+len(log.undo):
		// next.keys holds files of the last build not made again.
		made := make(map[string]bool, kept+len(log.undo))
		for _, u := range log.undo {
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
		remove(name)
	}
	res.Removed = len(gone)
	b.last = next
	res.Unchanged = int(unchanged.Load())
	res.Pages = len(s.Pages)
	res.Duration = time.Since(start)
	return res, nil
}

func (r *Result) count(n int) {
	r.mu.Lock()
	r.Files++
	r.Bytes += int64(n)
	r.mu.Unlock()
}

// reused counts a file of n bytes linked by a reuser.
func (r *Result) reused(n int) {
	r.mu.Lock()
	r.Files++
	r.Bytes += int64(n)
	r.Reused++
	r.mu.Unlock()
}

// renderPages renders, minifies and writes every page with a pool of
// workers; each worker reuses its buffers, and no page is kept after it is
// written. reuse, if not nil, is asked first by the worker whether the
// page's file is in place already (linked from the previous output: see
// reuser); then it is not rendered. after, if not nil, is called by the
// worker with each page done, and whether it was reused.
func (b *Builder) renderPages(ctx context.Context, r *render.Renderer, pages []*site.Page, s *site.Site, m *minifier, w Writer, reuse func(pg *site.Page) bool, after func(pg *site.Page, reused bool)) error {
	workers := b.cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	queue := make(chan *site.Page)
	var wg sync.WaitGroup
	for range min(workers, max(len(pages), 1)) {
		wg.Go(func() {
			var html, small bytes.Buffer
			for pg := range queue {
				if reuse != nil && reuse(pg) {
					if after != nil {
						after(pg, true)
					}
					continue
				}
				html.Reset()
				if err := r.Page(&html, s, pg); err != nil {
					cancel(fmt.Errorf("render %s: %w", pg.Path, err))
					continue
				}
				small.Reset()
				data, err := m.bytes(&small, "text/html", html.Bytes())
				if err != nil {
					cancel(fmt.Errorf("minify %s: %w", pg.Path, err))
					continue
				}
				if err := w(pageFile(pg.Path), data); err != nil {
					cancel(fmt.Errorf("write %s: %w", pg.Path, err))
					continue
				}
				if after != nil {
					after(pg, false)
				}
			}
		})
	}
feed:
	for _, pg := range pages {
		select {
		case queue <- pg:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

// pageFile is the file of a page address: "/fr/x/" → "fr/x/index.html".
func pageFile(p string) string {
	if path.Ext(p) == ".html" {
		return p[1:]
	}
	return path.Join(p[1:], "index.html")
}
