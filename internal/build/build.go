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
	"sync"
	"time"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
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
	// SitemapURLs is the most <url> one sitemap file holds before the
	// sitemap is split into files listed by sitemap.xml, then an index;
	// 0: feeds.MaxSitemapURLs, the sitemaps.org limit. For tests.
	SitemapURLs int
}

// sitemapURLs is SitemapURLs, or the sitemaps.org limit.
func (c Config) sitemapURLs() int {
	if c.SitemapURLs <= 0 {
		return feeds.MaxSitemapURLs
	}
	return min(c.SitemapURLs, feeds.MaxSitemapURLs)
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
		// The collector is held to the memory goal, not below it: the
		// heap may grow to five times what is live (oneShotGOGC) until
		// it nears the soft limit (oneShotMemory), where the collector
		// works harder. A small site never reaches the limit and pays
		// for few collections; a large one lives near it. GOGC 25
		// throughout cost half again the CPU.
		b.memLimit = debug.SetMemoryLimit(oneShotMemory)
		defer debug.SetMemoryLimit(b.memLimit)
		defer debug.SetGCPercent(debug.SetGCPercent(oneShotGOGC))
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
// without end. The process's peak RSS is ~10 MiB above it (the
// executable, memory not yet given back): 240 MiB keeps it under the
// 256 MiB goal of a 10,000-posting site.
const oneShotMemory = 240 << 20

// oneShotGOGC is the GOGC of Run, unless GOGC or GOMEMLIMIT is set. At
// 1,000 postings (55 MiB at the default 100) 400 took a fifth off the
// CPU of a build from empty, for a peak RSS of ~105 MiB; turning the
// collector off until the limit saved no more.
const oneShotGOGC = 400

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
	return b.generate(ctx, sinks{w: w}, nil)
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
	return b.generate(ctx, sinks{w: w, parts: parts, remove: remove}, nil)
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

// renderPages renders and writes every page with a pool of
// workers; each worker reuses its buffers, and no page is kept after it is
// written. reuse, if not nil, is asked first by the worker whether the
// page's file is in place already (linked from the previous output: see
// reuser); then it is not rendered. after, if not nil, is called by the
// worker with each page done, and whether it was reused.
func (p *pass) renderPages(pages []*site.Page, w Writer, reuse func(pg *site.Page) bool, after func(pg *site.Page, reused bool)) error {
	r, s := p.r, p.s
	workers := p.b.cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancelCause(p.ctx)
	defer cancel(nil)
	queue := make(chan *site.Page)
	var wg sync.WaitGroup
	for range min(workers, max(len(pages), 1)) {
		wg.Go(func() {
			var html bytes.Buffer
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
				// Minified already, when minifying: made from the minified
				// layouts (render.Options.Minify).
				if err := w(pageFile(pg.Path), html.Bytes()); err != nil {
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
