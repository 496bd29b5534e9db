// Package build runs the whole pipeline: load and validate the content,
// assemble the site, render every page, the structured data and the feeds,
// minify, and write the result. A full build writes into a temporary folder
// beside the output and swaps it in only when everything succeeded, so a
// failed build leaves the previous site exactly as it was.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobboard/jobboard/internal/content"
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
	Unchanged   int    // Update: files not handed over because their inputs did not change
	Kept        int    // Build: files whose bytes were those of the previous output, kept as they were
	Reused      int    // Build: of those, files not even made again: their inputs had not changed since the build the manifest describes
	Removed     int    // Update: files named to remove
	BasePath    string // path of base_url ("/", or "/jobs/" for a site below a folder), for a server

	mu sync.Mutex // Files and Bytes are counted by several writers at once
}

// Builder runs builds and keeps what one build learnt for the next (parsed
// content files), so that rebuilding after an edit does only the work the
// edit requires. A Builder must not run two builds at once.
type Builder struct {
	cfg    Config
	loader content.Loader
	cache  render.Cache // Markdown rendered by earlier builds
	last   *state       // keys of the last Update that succeeded; nil before

	feedBufs feedBuffers // the feeds' buffers, kept: at 10,000 postings a feed is 60 MB

	// once says that the Builder makes one build (Run): it keeps nothing
	// for a next one, neither the files read nor the bodies once their
	// pages are written.
	once bool
	// memLimit is the memory limit Run replaced by oneShotMemory; 0:
	// none.
	memLimit int64
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
		// The text of every posting is in memory from the load until its
		// pages are written (113 MB at 10,000 postings), and the heap
		// peaks at about half again as much: with the default GOGC of 100
		// it would grow to twice that before a collection (~400 MiB at
		// 10,000 postings). A soft memory limit makes the collector work
		// harder only near the peaks; GOGC 25 throughout cost half again
		// the CPU, the limit a third of that. See oneShotMemory.
		b.memLimit = debug.SetMemoryLimit(oneShotMemory)
		defer debug.SetMemoryLimit(b.memLimit)
	}
	return b.Build(ctx)
}

// oneShotMemory is the soft memory limit of Run, unless GOGC or GOMEMLIMIT
// is set; once the site is loaded, it is raised to twice the postings'
// text when that is more, so that the collector of a larger site does not
// run without end.
const oneShotMemory = 224 << 20

// textSize is the length of the bodies of cs's postings.
func textSize(cs *content.Site) int {
	n := 0
	for _, p := range cs.Postings {
		for _, tr := range p.Translations {
			n += len(tr.Body)
		}
	}
	return n
}

// Build makes the whole site in a temporary folder beside the output folder
// and swaps it into place when every step succeeded.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	out := b.cfg.out()
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, ".public-new-")
	if err != nil {
		return nil, err
	}
	// MkdirTemp makes 0700 folders; a published site must be readable.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	dw := newDirWriter(tmp, out)
	var ru *reuser
	if prev := readManifest(out); !prev.Exe.invalid {
		ru = newReuser(prev, dw)
		dw.recordIDs()
		defer ru.close()
	}
	res, err := b.generate(ctx, dw.write, dw.open, nil, ru)
	if res != nil {
		res.Kept = int(dw.kept.Load())
	}
	if err != nil {
		os.RemoveAll(tmp)
		return res, err
	}
	if err := swap(tmp, out); err != nil {
		os.RemoveAll(tmp)
		return res, err
	}
	if ru != nil {
		// Only a cache: a build without one renders everything.
		if err := ru.manifest().write(out); err != nil {
			removeManifest(out)
		}
	}
	return res, nil
}

// swap replaces out by dir. Where the system can exchange two folders in
// one step (Linux), it does, so that a web server never finds the output
// missing; elsewhere the old output is renamed aside first, so that there
// is never a half-written site in place. Then the old site is removed.
func swap(dir, out string) error {
	switch exchanged, err := exchange(dir, out); {
	case err != nil:
		return fmt.Errorf("replace %s: %w", out, err)
	case exchanged: // dir now holds the previous site
		return removeTree(dir)
	}
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = filepath.Join(filepath.Dir(out), fmt.Sprintf(".public-old-%d", time.Now().UnixNano()))
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("replace %s: %w", out, err)
		}
	}
	if err := os.Rename(dir, out); err != nil {
		if old != "" {
			os.Rename(old, out) // put the previous site back
		}
		return fmt.Errorf("replace %s: %w", out, err)
	}
	if old != "" {
		return removeTree(old)
	}
	return nil
}

// removeTree is os.RemoveAll, with the top-level entries of dir removed
// side by side, one per CPU: the previous site's 30,000 files and folders
// at 10,000 postings (fr/ and en/) take 1.4 s one by one and 0.9 s two at
// a time, and the build waits for them.
func removeTree(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(entries))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			errs[i] = os.RemoveAll(filepath.Join(dir, e.Name()))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// A Writer receives every output file. It is called from several
// goroutines at once.
type Writer func(name string, data []byte) error

// dirWriter writes into dir, which exists, whole files or (open) files in
// parts. It remembers the folders it made, so that each costs one mkdir:
// every posting page has its own folder, and MkdirAll would stat the path
// and its parent first.
//
// A file whose bytes are those of the same file in prev (the output this
// build replaces) is linked from there instead of written: it keeps its
// modification time, so that a deploy that syncs by time uploads only what
// changed, and no new file is made. On this project's machines making a
// file costs a quarter to half a millisecond of system time, linking one
// a fiftieth of that, and reading the old one back from the page cache
// less: a rebuild of 10,000 postings with nothing changed makes none of its
// 20,000 pages again. The previous output is only read: if the build fails
// it is left as it was, and if it succeeds it is swapped out and removed,
// which leaves each linked file in the new output alone.
type dirWriter struct {
	dir, prev string
	mu        sync.Mutex
	made      map[string]bool
	ids       map[string]fileID // of every file made, when not nil (for a build manifest)
	linking   atomic.Bool       // false once a link failed: a file system without hard links
	kept      atomic.Int64
	bufs      sync.Pool // *[]byte to read previous files into
}

func newDirWriter(dir, prev string) *dirWriter {
	w := &dirWriter{dir: dir, prev: prev, made: map[string]bool{dir: true}}
	if prev != "" {
		if fi, err := os.Stat(prev); err == nil && fi.IsDir() {
			w.linking.Store(true)
		}
	}
	w.bufs.New = func() any { b := make([]byte, 64<<10); return &b }
	return w
}

func (w *dirWriter) mkdir(d string) error {
	w.mu.Lock()
	ok := w.made[d]
	w.mu.Unlock()
	if ok {
		return nil
	}
	err := os.Mkdir(d, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := w.mkdir(filepath.Dir(d)); err != nil {
			return err
		}
		err = os.Mkdir(d, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) { // another writer may have made it
		return err
	}
	w.mu.Lock()
	w.made[d] = true
	w.mu.Unlock()
	return nil
}

// recordIDs makes w remember the identity of each file it makes.
func (w *dirWriter) recordIDs() { w.ids = map[string]fileID{} }

// record records the identity of the file name, made at p.
func (w *dirWriter) record(name, p string) {
	if w.ids == nil {
		return
	}
	if id, ok := statID(p); ok {
		w.mu.Lock()
		w.ids[name] = id
		w.mu.Unlock()
	}
}

// write is the Writer of w.
func (w *dirWriter) write(name string, data []byte) error {
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if w.linking.Load() {
		old := filepath.Join(w.prev, filepath.FromSlash(name))
		buf := w.bufs.Get().(*[]byte)
		same := sameContent(old, data, *buf)
		w.bufs.Put(buf)
		if same {
			if err := os.Link(old, p); err == nil {
				w.kept.Add(1)
				w.record(name, p)
				return nil
			}
			// No hard links here (or not for this file): write
			// every file from now on.
			w.linking.Store(false)
		}
	}
	if err := writeFile(p, data); err != nil {
		return err
	}
	w.record(name, p)
	return nil
}

// link makes the file name of w a hard link to src, a file of the previous
// output whose identity is id (see reuser).
func (w *dirWriter) link(name, src string, id fileID) error {
	if !w.linking.Load() {
		return errors.ErrUnsupported
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := os.Link(src, p); err != nil {
		w.linking.Store(false)
		return err
	}
	w.kept.Add(1)
	if w.ids != nil {
		w.mu.Lock()
		w.ids[name] = id // a link is the same file
		w.mu.Unlock()
	}
	return nil
}

// open is the opener of w. A file written in parts is compared, as it is
// written, with the same file of the previous output; if every byte was
// that file's, the previous file takes its place when it is closed, so
// that it too keeps its time.
func (w *dirWriter) open(name string) (io.WriteCloser, error) {
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	pf := &partsFile{file: f, w: w, name: name}
	if w.linking.Load() {
		pf.old = openPrevious(filepath.Join(w.prev, filepath.FromSlash(name)))
		pf.buf = make([]byte, 64<<10)
	}
	return pf, nil
}

// partsFile is a file of dirWriter.open. It has no other method than Write
// and Close, so that every byte written goes through the comparison.
type partsFile struct {
	file *os.File
	name string // in the output
	w    *dirWriter
	old  *os.File // the previous output's file, read along while the bytes written are its bytes; nil once they differ
	buf  []byte
}

func (f *partsFile) Write(p []byte) (int, error) {
	if f.old != nil && !readsAs(f.old, p, f.buf) {
		f.old.Close()
		f.old = nil
	}
	return f.file.Write(p)
}

func (f *partsFile) Close() error {
	err := f.close()
	if err == nil {
		f.w.record(f.name, f.file.Name())
	}
	return err
}

func (f *partsFile) close() error {
	err := f.file.Close()
	old := f.old
	if old == nil {
		return err
	}
	defer old.Close()
	if err != nil || !atEnd(old, f.buf) {
		return err
	}
	tmp := f.file.Name() + ".new"
	if err := os.Link(old.Name(), tmp); err != nil {
		f.w.linking.Store(false)
		return nil // the file written stays
	}
	if err := os.Rename(tmp, f.file.Name()); err != nil {
		os.Remove(tmp)
		return err
	}
	f.w.kept.Add(1)
	return nil
}

// readsAs reads len(data) bytes from r, len(buf) at a time, and says
// whether they are data.
func readsAs(r io.Reader, data, buf []byte) bool {
	for len(data) > 0 {
		n, err := io.ReadFull(r, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

// atEnd says whether r has nothing more to read.
func atEnd(r io.Reader, buf []byte) bool {
	n, err := r.Read(buf[:1])
	return n == 0 && err == io.EOF
}

// ContentError is returned when the content (or the layouts) has errors;
// its diagnostics say where.
type ContentError = content.ContentError

// Generate runs the pipeline and hands every output file to w. It stops at
// the first failure; content errors come back as a *content.ContentError
// carrying every diagnostic.
func (b *Builder) Generate(ctx context.Context, w Writer) (*Result, error) {
	return b.generate(ctx, w, nil, nil, nil)
}

// Update runs the pipeline like Generate but hands w only the files that
// differ from those of the last Update of this Builder that succeeded, and
// calls remove with the name of each file that Update made and this one
// does not. The first Update of a Builder hands every file. When it fails,
// nothing is remembered: the next Update is again relative to the last one
// that succeeded, so a caller that drops the files of a failed build stays
// in step. Generate does not change what Update remembers. remove is called
// from one goroutine, after every file was handed over.
func (b *Builder) Update(ctx context.Context, w Writer, remove func(name string)) (*Result, error) {
	if remove == nil {
		remove = func(string) {}
	}
	return b.generate(ctx, w, nil, remove, nil)
}

// generate is Generate (remove nil) or Update. open, if not nil, opens
// files to write in parts (Generate only). ru, if not nil, links into the
// output the files of the previous one that a build manifest says are
// still right (Generate only).
func (b *Builder) generate(ctx context.Context, w Writer, open opener, remove func(name string), ru *reuser) (*Result, error) {
	start := time.Now()
	res := &Result{}
	fsys := os.DirFS(b.cfg.Root)

	// Load: parse every content file once, validate everything.
	today := b.cfg.Today
	// The build only reads the bodies: no need for copies.
	opt := content.Options{Drafts: b.cfg.Drafts, Today: today, SharedBodies: true}
	if today.IsZero() {
		// Good enough for warnings about future dates; expiry below uses
		// the site's own time zone, known once site.yaml is read.
		opt.Today = content.DateOf(time.Now())
	}
	cs, diags := b.loader.Load(fsys, opt)
	if b.once {
		// The files read (at 10,000 postings, 113 MB of text) go with
		// the bodies of the site, as each is written.
		b.loader = content.Loader{}
		if b.memLimit > 0 && cs != nil {
			debug.SetMemoryLimit(max(oneShotMemory, 2*int64(textSize(cs))))
		}
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
	s, sdiags := site.Assemble(cs, today)
	res.Diagnostics = append(res.Diagnostics, sdiags...)
	if sdiags.Errors() > 0 {
		res.Diagnostics.Sort()
		return res, res.Diagnostics.Err()
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}

	// Update keeps a key of the inputs of every file it makes; after a
	// first Update, it renders and hands over only the files whose key
	// changed. Generate computes no key: it makes everything.
	keyed := remove != nil
	incremental := keyed && b.last != nil
	var keysMu sync.Mutex
	next := &state{keys: map[string]uint64{}, facts: map[uint64]uint64{}, checks: map[uint64]content.Diagnostics{}}
	last := b.last
	if last == nil {
		last = &state{}
	}
	if last.facts != nil {
		next.facts = last.facts // kept by file hash: valid in any build
	}
	next.entries = last.entries
	if next.entries == nil {
		next.entries = map[entrySource]uint64{}
	}
	var unchanged atomic.Int64
	// need records the key of a file and says whether to hand it over.
	need := func(name string, key uint64) bool {
		if !keyed {
			return true
		}
		keysMu.Lock()
		next.keys[name] = key
		keysMu.Unlock()
		if old, ok := last.keys[name]; ok && old == key && key != noKey {
			unchanged.Add(1)
			return false
		}
		return true
	}
	counting := func(name string, data []byte) error {
		res.count(len(data))
		return w(name, data)
	}
	m := newMinifier(!b.cfg.NoMinify)

	// Assets first: pages link to them by their hashed names, which change
	// with their content.
	assets, err := copyAssets(fsys, m, func(name string, data []byte) error {
		if !need(name, 0) {
			return nil
		}
		return counting(name, data)
	})
	if err != nil {
		return res, err
	}
	r, err := render.New(fsys, cs, render.Options{Assets: assets, LiveReload: b.cfg.LiveReload, Cache: &b.cache})
	if err != nil {
		return res, err
	}
	var k *keyer
	prevChecks, nextChecks := last.checks, next.checks
	if ru != nil {
		ru.res = res
		prevChecks, nextChecks = ru.prev.Checks, ru.next.Checks
		for hash, summary := range ru.prev.Summaries {
			r.KnowSummary(hash, summary)
		}
	}
	if keyed || ru != nil {
		gen, err := generation(fsys, b.cfg, cs, today, assets)
		if err != nil {
			return res, err
		}
		k = newKeyer(gen, r, s, next.facts, next.entries)
	}
	res.Diagnostics = append(res.Diagnostics, checkSite(r, s, checkWorkers(b.cfg.Workers), k, prevChecks, nextChecks)...)
	res.Diagnostics.Sort()
	if res.Diagnostics.Errors() > 0 {
		return res, res.Diagnostics.Err()
	}

	// The pages to render: all of them, or after a first Update those
	// whose key changed. (The keys of lists hold the summaries of their
	// entries: computed before the pages are rendered, they would render
	// every posting's Markdown on this goroutine.)
	pages := s.Pages
	if incremental {
		pages = make([]*site.Page, 0, len(s.Pages))
		for _, pg := range s.Pages {
			if need(pageFile(pg.Path), k.page(pg)) {
				pages = append(pages, pg)
			}
		}
	}
	var needFeed func(string) bool
	var frags *fragments
	var entryKeys *feedKeys
	if keyed {
		var feedKeys map[string]uint64
		feedKeys, entryKeys = k.feeds(s)
		frags = newFragments(last.frags)
		next.frags = frags
		needFeed = func(name string) bool {
			key, ok := feedKeys[name]
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
	go func() { feedErr <- writeFeeds(r, s, m, counting, needFeed, frags, entryKeys, &b.feedBufs) }()
	err = b.renderPages(ctx, r, pages, s, m, counting, nil, nil)
	if ferr := <-feedErr; err == nil {
		err = ferr
	}
	if err != nil {
		return res, err
	}
	if !incremental {
		for _, pg := range s.Pages {
			next.keys[pageFile(pg.Path)] = k.page(pg)
		}
	}
	var gone []string
	for name := range last.keys {
		if _, ok := next.keys[name]; !ok {
			gone = append(gone, name)
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
