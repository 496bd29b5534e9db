// Package serve previews a site while it is being edited: it builds the
// site into memory, serves it over HTTP on the loopback interface, watches
// content/, layouts/ and assets/, rebuilds after every change, and tells the
// open pages to reload.
//
// # What a browser sees
//
// The last site that built without error is served from memory. When a
// build fails, that last good site keeps being served, and every HTML page
// carries an overlay listing the problems as file:line: field: message, the
// same lines the terminal shows, one line each. Control characters in a
// file or field name are written out there as in the terminal (\n, \x1b),
// never obeyed: a name cannot add a line or hide another problem. Fixing
// the file brings the page back.
// Responses are never cached (Cache-Control: no-store): a preview must show
// the files as they are now.
//
// Only requests naming the server as the user does are answered: a Host
// of localhost, 127.0.0.1 or [::1] with the port, or the address listened
// on; any other gets 421 Misdirected Request, so that a web page cannot
// read the preview by pointing its own name at this computer (see hosts).
//
// # The reload event stream
//
// EventsPath ("/_jobboard/events") is a server-sent event stream
// (text/event-stream). After every build it sends one named event:
//
//	id: 7
//	event: reload
//	data: 7
//
// after a build that succeeded (data is the build number), or
//
//	id: 8
//	event: error
//	data: ["content/postings/x.fr.md:12: salary: min 30000 is above max 28000","content/postings/x.en.md:3: title: missing; every language file needs the job title"]
//
// after one that failed, with the list of problems. Data is JSON, on one
// line: JSON writes line breaks as \n, so no text in it can end the field
// or the event and forge another. A page reloads on
// both: after an error, the reloaded page carries the overlay. Because
// EventSource also fires "error" when the connection drops, a client tells
// the two apart by the data: only the server's event has e.data. So the
// page script is
//
//	var s = new EventSource("/_jobboard/events");
//	s.addEventListener("reload", function () { location.reload() });
//	s.addEventListener("error", function (e) { if (e.data) location.reload() });
//
// which is what layouts/base.html injects.
//
// A client that reconnects with a Last-Event-ID other than the current
// build number is sent the current build's events at once, so a page that
// missed a build while disconnected (or was served by an earlier run of
// serve) catches up.
//
// build.Config.LiveReload is set to EventsPath, so the renderer adds its
// script to every page. The overlay carries its own script too: the page
// shown when no build has succeeded yet comes from no layout.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// EventsPath is the address of the reload event stream.
const EventsPath = "/_jobboard/events"

// DefaultDebounce is how long the tree must stay quiet after a change
// before the site is rebuilt. Editors and git write several files, or one
// file in several steps, within a few milliseconds; one rebuild per burst is
// enough. It is short because an edit must be visible in the browser within
// about 50 ms of the save, rebuild included.
const DefaultDebounce = 25 * time.Millisecond

// Config says what to serve and how.
type Config struct {
	Build    build.Config    // the site to build; LiveReload is set by the server
	Addr     string          // host:port to listen on; "" means 127.0.0.1:1313, port 0 picks a free one
	Debounce time.Duration   // quiet period before rebuilding; 0 means DefaultDebounce
	Log      io.Writer       // build results and problems, for the terminal; nil discards them
	OnBuild  func(BuildInfo) // called after every build once its result is served; may be nil
	Lang     msg.Lang        // the language of the terminal lines and the preview's panels
}

// BuildInfo tells how one build went. Builds are numbered from 1.
type BuildInfo struct {
	N           int
	OK          bool
	Err         error               // why it failed; nil when OK
	Diagnostics content.Diagnostics // warnings, and the errors of a failed content build
	Changed     []string            // files whose change caused it (slash paths from the site folder); nil for the first build
	Pages       int
	Files       int
	Duration    time.Duration // of the build itself
	Latency     time.Duration // from the first change seen to the result being served; 0 for the first build
}

// Server is one preview session. Make it with New, then call Run once.
type Server struct {
	cfg     Config
	log     io.Writer
	ln      net.Listener
	hosts   hosts // the names requests may give in Host
	watch   *watcher
	builder *build.Builder // one for the session, so parsed files are reused

	site  atomic.Pointer[snapshot] // last site that built; nil until one does
	state atomic.Pointer[outcome]  // last build, good or bad
	built chan struct{}            // closed when the first build is done
	ran   atomic.Bool
	hub   hub

	// Used by the build goroutine only: the warnings printed last, and
	// the diagnostics and warning lines of the last build that succeeded.
	warned    []string
	lastDiags content.Diagnostics
	lastLines []string
}

// snapshot is a whole built site in memory, by file name ("fr/x/index.html").
type snapshot struct {
	n      int
	files  map[string]*file
	base   string          // path of base_url: the site is served below it, as it will be published
	drafts map[string]bool // the files of draft postings' pages, marked as drafts when shown
}

// file is a file of a built site: its bytes, or the parts the builder
// handed over for it, joined the first time the file is asked for. The
// job feed comes in parts (60 MB at 10,000 postings): joined at every
// edit, it cost more than the rest of a rebuild, for a file a preview is
// seldom asked for.
type file struct {
	join  sync.Once
	parts [][]byte
	data  []byte
}

func (f *file) bytes() []byte {
	f.join.Do(func() {
		if f.parts != nil {
			f.data, f.parts = bytes.Join(f.parts, nil), nil
		}
	})
	return f.data
}

// outcome is what pages and late event-stream clients need of the last build.
type outcome struct {
	n        int
	ok       bool
	lines    []string // the problems of a failed build, one per line
	warnings []string // the warnings of a build that succeeded, one per line
	event    []byte   // the event sent for it
	// notes are the panels of appendNotes for this build's pages, [0]
	// for a published page and [1] for a draft's, each made once, for the
	// first page asked for that needs it: a site of 10,000 postings may
	// have 10,000 warnings, and a page made them again at each request
	// (20 ms of CPU each).
	notes [2]struct {
		once sync.Once
		html []byte
	}
}

// notesPanel is what appendNotes adds to a page of this build, draft or
// not.
func (o *outcome) notesPanel(draft bool, l msg.Lang) []byte {
	i := 0
	if draft {
		i = 1
	}
	n := &o.notes[i]
	n.once.Do(func() { n.html = appendNotes(nil, o.warnings, draft, l) })
	return n.html
}

// New checks cfg, starts watching the site's folders and listens on
// cfg.Addr, so that the address is known (Addr) and no edit is missed
// before Run starts.
func New(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:1313"
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	// The watcher, the builds and net/http all report to the terminal.
	cfg.Log = &lockedWriter{w: cfg.Log}
	if cfg.Build.Root == "" {
		cfg.Build.Root = "."
	}
	cfg.Build.LiveReload = EventsPath
	root, err := filepath.Abs(cfg.Build.Root)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, msg.Errorf("%s: no such folder", cfg.Build.Root)
	}
	w, err := newWatcher(root, cfg.Log)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		w.close()
		return nil, err
	}
	// The watcher reports every change (and an overflow as a change of
	// everything): the builder reads only the files it names, instead of
	// looking at the size and time of every file of content/ at each save.
	b := build.NewBuilder(cfg.Build)
	b.Watch(true)
	return &Server{
		cfg:     cfg,
		log:     cfg.Log,
		ln:      ln,
		hosts:   newHosts(cfg.Addr, ln.Addr()),
		watch:   w,
		builder: b,
		built:   make(chan struct{}),
	}, nil
}

// Addr is the address the server listens on, like "127.0.0.1:1313".
func (s *Server) Addr() string { return s.ln.Addr().String() }

// URL is the address of the site's home page.
func (s *Server) URL() string {
	addr := s.Addr()
	if ap, err := netip.ParseAddrPort(addr); err == nil && ap.Addr().IsUnspecified() {
		// Listening on every address (-addr 0.0.0.0:1313): http://[::]:1313/
		// opens nothing; this computer opens it as localhost, and the
		// warning printed beside it says that others reach it too.
		addr = net.JoinHostPort("localhost", strconv.Itoa(int(ap.Port())))
	}
	return "http://" + addr + "/"
}

// Exposed reports whether the server listens on an address other machines
// can reach (0.0.0.0, a network interface's address) rather than on this
// computer's loopback only: then anyone who can reach it sees the
// preview, with the drafts when Build.Drafts is set.
func (s *Server) Exposed() bool {
	ap, err := netip.ParseAddrPort(s.Addr())
	return err != nil || !ap.Addr().Unmap().IsLoopback()
}

// Run builds the site, serves it and rebuilds it after each change until
// ctx is cancelled; then it stops serving, closes the watcher and returns
// once every goroutine it started has ended. A content error does not stop
// it: it is shown and the last good site is served. Run returns nil after a
// cancellation, and an error only when serving itself failed.
func (s *Server) Run(ctx context.Context) error {
	if !s.ran.CompareAndSwap(false, true) {
		return errors.New("serve: Run called twice")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	kick := make(chan struct{}, 1)
	var wg sync.WaitGroup
	wg.Go(func() { s.watch.run(ctx, s.cfg.Debounce, kick) })
	wg.Go(func() { s.buildLoop(ctx, kick) })

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with the session: event streams stop at Ctrl-C
		// instead of holding Shutdown until its deadline.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    log.New(s.log, "serve: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	cancel()
	s.hub.close()
	stop, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if serr := srv.Shutdown(stop); serr != nil && err == nil {
		err = serr
	}
	if err == nil {
		<-served // http.ErrServerClosed, now that Shutdown returned
	}
	wg.Wait()
	s.watch.close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// buildLoop owns the Builder: it builds once, then once per burst of
// changes signalled on kick.
func (s *Server) buildLoop(ctx context.Context, kick <-chan struct{}) {
	n := 1
	s.rebuild(ctx, n, nil, time.Time{})
	close(s.built)
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
		}
		changed, since := s.watch.take()
		if len(changed) == 0 {
			continue // only temporary files came and went
		}
		n++
		s.rebuild(ctx, n, changed, since)
	}
}

// rebuild runs build n into memory and publishes its outcome: the new site
// and a reload event when it succeeded, the problems and an error event
// when it failed (the previous site staying in place).
func (s *Server) rebuild(ctx context.Context, n int, changed []string, since time.Time) {
	start := time.Now()
	// Update hands over only the files that differ from the last site that
	// built, and names those gone: start from that site's files. The
	// builder is told which files changed, so that it reads only those.
	files := map[string]*file{}
	if last := s.site.Load(); last != nil {
		files = maps.Clone(last.files)
	}
	for _, c := range changed {
		if c == lostEvents {
			s.builder.Invalidate(".") // read everything again
		} else {
			s.builder.Invalidate(c)
		}
	}
	var mu sync.Mutex
	res, err := s.builder.UpdateParts(ctx, func(name string, data []byte) error {
		// Update's bytes are ours to keep.
		mu.Lock()
		files[name] = &file{data: data}
		mu.Unlock()
		return nil
	}, func(name string, parts [][]byte) error {
		mu.Lock()
		files[name] = &file{parts: parts}
		mu.Unlock()
		return nil
	}, func(name string) {
		delete(files, name)
	})
	if ctx.Err() != nil {
		return // stopping: an interrupted build is not a failed one
	}
	if res == nil {
		res = &build.Result{}
	}
	info := BuildInfo{N: n, OK: err == nil, Err: err, Diagnostics: res.Diagnostics, Changed: changed,
		Pages: res.Pages, Files: len(files), Duration: time.Since(start)}
	var out *outcome
	if err == nil {
		drafts := make(map[string]bool, len(res.Drafts))
		for _, f := range res.Drafts {
			drafts[f] = true
		}
		s.site.Store(&snapshot{n: n, files: files, base: res.BasePath, drafts: drafts})
		out = &outcome{n: n, ok: true, warnings: s.warningLines(res.Diagnostics), event: event(n, "reload", n)}
	} else {
		lines := problemLines(err, s.cfg.Lang)
		out = &outcome{n: n, lines: lines, event: event(n, "error", lines)}
	}
	s.state.Store(out)
	if !since.IsZero() {
		info.Latency = time.Since(since)
	}
	s.hub.publish(out.event)
	s.report(info, out.warnings)
	if s.cfg.OnBuild != nil {
		s.cfg.OnBuild(info)
	}
}

// problemLines is the text of a failed build: every content error as
// file:line: field: message, or the error itself when it is not about
// content (a broken layout, a full disk), one line per line of its
// message. Control characters are written out (see content.Printable): a file or
// field name holding a line break stays on its problem's line, in the
// terminal, the event and the error panel alike.
func problemLines(err error, l msg.Lang) []string {
	var cerr *content.ContentError
	if errors.As(err, &cerr) {
		var lines []string
		for _, d := range cerr.Diagnostics {
			if d.Severity == content.Error {
				lines = append(lines, d.In(l)) // one printable line
			}
		}
		if len(lines) > 0 {
			return lines
		}
	}
	lines := strings.Split(strings.TrimRight(l.Sprintf("%v", err), "\r\n"), "\n")
	for i, l := range lines {
		lines[i] = content.Printable(strings.TrimSuffix(l, "\r"))
	}
	return lines
}

// report prints a build's outcome for the terminal, warnings its
// warningLines when it succeeded. Warnings are printed
// with the first build and then only when they change, so that a long list
// of "no closing date" does not bury each save's result.
func (s *Server) report(b BuildInfo, warnings []string) {
	l := s.cfg.Lang
	why := ""
	if len(b.Changed) > 0 {
		names := make([]string, min(len(b.Changed), 3))
		for i := range names {
			names[i] = content.Printable(b.Changed[i])
		}
		why = l.Sprintf(" after %s", strings.Join(names, ", "))
		if len(b.Changed) > 3 {
			why = l.Sprintf(" after %s and %d more", strings.Join(names, ", "), len(b.Changed)-3)
		}
	}
	var w bytes.Buffer
	if b.OK {
		w.WriteString(l.Sprintf("build %d: %d pages in %s%s", b.N, b.Pages, b.Duration.Round(time.Millisecond), why))
		if b.Latency > 0 {
			w.WriteString(l.Sprintf(" (served %s after the change)", b.Latency.Round(time.Millisecond)))
		}
		fmt.Fprintln(&w)
		if b.N == 1 || !slices.Equal(warnings, s.warned) {
			for _, l := range warnings {
				fmt.Fprintln(&w, l)
			}
			s.warned = warnings
		}
	} else {
		fmt.Fprintln(&w, l.Sprintf("build %d failed%s:", b.N, why))
		for _, line := range problemLines(b.Err, l) {
			fmt.Fprintln(&w, line)
		}
		if last := s.site.Load(); last != nil {
			fmt.Fprintln(&w, l.Sprintf("still showing build %d; fix the file and save to try again", last.n))
		} else {
			fmt.Fprintln(&w, l.Sprintf("nothing to show yet; fix the file and save to try again"))
		}
	}
	s.log.Write(w.Bytes())
}

// warningLines are warningLines(ds, s.cfg.Lang), the last build's when
// its diagnostics are the same: a big board may have thousands of
// warnings, the same from one save to the next, and printing them took a
// third of the time of an edit at 10,000 postings.
func (s *Server) warningLines(ds content.Diagnostics) []string {
	if s.lastLines == nil || !slices.EqualFunc(ds, s.lastDiags, content.Diagnostic.Same) {
		s.lastDiags, s.lastLines = ds, warningLines(ds, s.cfg.Lang)
	}
	return s.lastLines
}

// warningLines are the warnings of ds, one line each, in language l.
func warningLines(ds content.Diagnostics, l msg.Lang) []string {
	lines := []string{}
	for _, d := range ds {
		if d.Severity == content.Warning {
			lines = append(lines, d.In(l)) // one printable line
		}
	}
	return lines
}

// lockedWriter serialises writes from several goroutines, so that lines
// never interleave and a plain buffer can be the log in tests.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
