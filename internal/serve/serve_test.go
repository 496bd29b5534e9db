package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// wait bounds every wait on an event; nothing in these tests sleeps.
const wait = 15 * time.Second

var today = content.Date{Year: 2026, Month: 3, Day: 9}

// postingFR is a small valid posting; salary.min is on line 8, which the
// diagnostics tests rely on.
func postingFR(title string) string {
	return `---
title: "` + title + `"
organization: ecpat-france
contract: CDI
hours: full-time
start: asap
salary:
  min: 24000
  max: 28000
  period: year
location: {city: Calais, country: FR}
posted: 2026-03-01
expires: 2026-12-31
apply:
  to: [jobs@example.org]
---
Le texte de l'offre ` + title + `.
`
}

func postingEN(title string) string {
	return "---\ntitle: \"" + title + "\"\n---\nThe text of the posting " + title + ".\n"
}

// newSite copies the repository's layouts/, assets/, site.yaml and
// employers into a temporary folder and adds two postings, alpha and
// beta, in French and English.
func newSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	repo := filepath.Join("..", "..")
	for _, dir := range []string{"layouts", "assets", "content/organizations"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
			t.Fatal(err)
		}
	}
	site, err := os.ReadFile(filepath.Join(repo, "content/site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "content/site.yaml", string(site))
	for _, slug := range []string{"alpha", "beta"} {
		writeFile(t, root, "content/postings/"+slug+".fr.md", postingFR("Poste "+slug))
		writeFile(t, root, "content/postings/"+slug+".en.md", postingEN("Job "+slug))
	}
	return root
}

func writeFile(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// harness is a running server on a free loopback port.
type harness struct {
	root   string
	srv    *Server
	builds chan BuildInfo
	log    *syncBuffer
	stop   func() error // cancels Run and returns its result
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t *testing.T, root string) *harness {
	t.Helper()
	return startWith(t, build.Config{Root: root, Today: today, NoMinify: true})
}

// startWith is start with the build configuration cfg.
func startWith(t *testing.T, cfg build.Config) *harness {
	t.Helper()
	root := cfg.Root
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{root: root, builds: make(chan BuildInfo, 100), log: &syncBuffer{}}
	srv, err := New(Config{
		Build: cfg,
		Addr:  "127.0.0.1:0",
		Log:   h.log,
		OnBuild: func(b BuildInfo) {
			select {
			case h.builds <- b:
			case <-ctx.Done():
			}
		},
	})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	h.srv = srv
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	var once sync.Once
	var runErr error
	h.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(wait):
				runErr = fmt.Errorf("Run did not return %s after cancel", wait)
			}
		})
		return runErr
	}
	t.Cleanup(func() {
		if err := h.stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", h.log.String())
		}
	})
	return h
}

// until waits for cond to hold, looking again after each build, for at
// most wait. Looking after each build rather than waiting for "the next
// build" makes the tests indifferent to how the watcher splits a change
// into bursts.
func (h *harness) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(wait)
	for !cond() {
		select {
		case <-h.builds:
		case <-deadline:
			t.Fatalf("waited %s for %s", wait, what)
		}
	}
}

// nextBuild waits for a build that satisfies ok.
func (h *harness) nextBuild(t *testing.T, what string, ok func(BuildInfo) bool) BuildInfo {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case b := <-h.builds:
			if ok(b) {
				return b
			}
		case <-deadline:
			t.Fatalf("waited %s for %s", wait, what)
		}
	}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (h *harness) get(t *testing.T, p string) response {
	t.Helper()
	return h.do(t, http.MethodGet, p)
}

func (h *harness) do(t *testing.T, method, p string) response {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+h.srv.Addr()+p, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Redirects are checked as such.
	c := &http.Client{Timeout: wait, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(body)}
}

// shows reports whether the page at p answers 200 and holds text.
func (h *harness) shows(t *testing.T, p, text string) bool {
	r := h.get(t, p)
	return r.status == http.StatusOK && strings.Contains(r.body, text)
}

// sseEvent is one event read from the stream.
type sseEvent struct{ id, name, data string }

// sseClient reads the event stream the way a browser's EventSource does.
type sseClient struct {
	events chan sseEvent
	body   io.ReadCloser
	ended  chan struct{} // closed when the server ends the stream
}

// listen connects to the event stream and returns once the server has
// subscribed it (its greeting is read), so no later build can be missed.
func (h *harness) listen(t *testing.T, lastID string) *sseClient {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+h.srv.Addr()+EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	c := &sseClient{events: make(chan sseEvent, 100), body: resp.Body, ended: make(chan struct{})}
	t.Cleanup(func() { resp.Body.Close() })
	r := bufio.NewReader(resp.Body)
	// The greeting: a retry field and a comment, ended by a blank line.
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading the greeting of the event stream: %v", err)
		}
		if line == "\n" {
			break
		}
	}
	go func() {
		defer close(c.ended)
		parseSSE(r, func(ev sseEvent) { c.events <- ev })
	}()
	return c
}

// expect waits for an event of that name whose data holds text, skipping others.
func (c *sseClient) expect(t *testing.T, name, text string) sseEvent {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case ev := <-c.events:
			if ev.name == name && strings.Contains(ev.data, text) {
				return ev
			}
		case <-c.ended:
			t.Fatalf("event stream ended while waiting for %s %q", name, text)
		case <-deadline:
			t.Fatalf("waited %s for event %s %q", wait, name, text)
		}
	}
}

func (h *harness) firstBuild(t *testing.T) BuildInfo {
	t.Helper()
	return h.nextBuild(t, "the first build", func(b BuildInfo) bool { return b.N == 1 })
}

// TestServeFollowsEdits drives serve as an author does: edit, rename,
// delete, break and fix postings in a site on disk, and checks over HTTP
// and on the event stream that the preview follows.
func TestServeFollowsEdits(t *testing.T) {
	root := newSite(t)
	h := start(t, root)
	if b := h.firstBuild(t); !b.OK {
		t.Fatalf("first build failed: %v", b.Err)
	}
	for _, p := range []string{"/fr/alpha/", "/fr/beta/", "/en/alpha/"} {
		if r := h.get(t, p); r.status != http.StatusOK {
			t.Fatalf("GET %s = %d", p, r.status)
		}
	}
	if !h.shows(t, "/fr/alpha/", "Poste alpha") {
		t.Fatalf("/fr/alpha/ does not show its title:\n%s", h.get(t, "/fr/alpha/").body)
	}
	events := h.listen(t, "")

	t.Run("edit", func(t *testing.T) {
		writeFile(t, root, "content/postings/alpha.fr.md", postingFR("Médiatrice à Calais"))
		h.until(t, "the new title on /fr/alpha/", func() bool { return h.shows(t, "/fr/alpha/", "Médiatrice à Calais") })
		events.expect(t, "reload", "")
	})

	t.Run("editor saves by rename", func(t *testing.T) {
		// vim's default: probe file, swap file, move the old file to a
		// backup, write a new one, remove the backup.
		dir := filepath.Join(root, "content/postings")
		writeFile(t, root, "content/postings/4913", "")
		os.Remove(filepath.Join(dir, "4913"))
		writeFile(t, root, "content/postings/.alpha.fr.md.swp", "swap")
		if err := os.Rename(filepath.Join(dir, "alpha.fr.md"), filepath.Join(dir, "alpha.fr.md~")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, root, "content/postings/alpha.fr.md", postingFR("Médiateur à Calais"))
		os.Remove(filepath.Join(dir, "alpha.fr.md~"))
		os.Remove(filepath.Join(dir, ".alpha.fr.md.swp"))
		h.until(t, "the saved title on /fr/alpha/", func() bool { return h.shows(t, "/fr/alpha/", "Médiateur à Calais") })

		// Most other editors (and sed -i): write a temporary file, rename it over.
		writeFile(t, root, "content/postings/alpha.fr.md.tmp4821", postingFR("Médiateur à Dunkerque"))
		if err := os.Rename(filepath.Join(dir, "alpha.fr.md.tmp4821"), filepath.Join(dir, "alpha.fr.md")); err != nil {
			t.Fatal(err)
		}
		h.until(t, "the renamed-over title on /fr/alpha/", func() bool { return h.shows(t, "/fr/alpha/", "Médiateur à Dunkerque") })
	})

	t.Run("rename", func(t *testing.T) {
		dir := filepath.Join(root, "content/postings")
		for _, lang := range []string{"fr", "en"} {
			if err := os.Rename(filepath.Join(dir, "beta."+lang+".md"), filepath.Join(dir, "gamma."+lang+".md")); err != nil {
				t.Fatal(err)
			}
		}
		h.until(t, "/fr/gamma/ to appear and /fr/beta/ to go", func() bool {
			return h.get(t, "/fr/beta/").status == http.StatusNotFound && h.get(t, "/fr/gamma/").status == http.StatusOK &&
				h.get(t, "/en/gamma/").status == http.StatusOK
		})
	})

	t.Run("delete", func(t *testing.T) {
		for _, lang := range []string{"fr", "en"} {
			if err := os.Remove(filepath.Join(root, "content/postings/gamma."+lang+".md")); err != nil {
				t.Fatal(err)
			}
		}
		h.until(t, "/fr/gamma/ to go", func() bool { return h.get(t, "/fr/gamma/").status == http.StatusNotFound })
		notFound := h.get(t, "/fr/gamma/")
		if want := h.get(t, "/404.html").body; notFound.body != want {
			t.Errorf("a removed posting's address does not serve 404.html:\n%s", notFound.body)
		}
	})

	const diag = "content/postings/alpha.fr.md:8: salary: min 24000 is above max 2000"
	t.Run("break", func(t *testing.T) {
		writeFile(t, root, "content/postings/alpha.fr.md",
			strings.Replace(postingFR("Poste cassé"), "max: 28000", "max: 2000", 1))
		// A build may catch the file half-written; wait for the one that read it whole.
		b := h.nextBuild(t, "a build failing with "+diag, func(b BuildInfo) bool {
			return !b.OK && slices.Contains(problemLines(b.Err, msg.English), diag)
		})
		ev := events.expect(t, "error", diag)
		if ev.id != fmt.Sprint(b.N) {
			t.Errorf("error event id = %q, want the build number %d", ev.id, b.N)
		}
		page := h.get(t, "/fr/alpha/")
		if page.status != http.StatusOK || !strings.Contains(page.body, "Médiateur à Dunkerque") || strings.Contains(page.body, "Poste cassé") {
			t.Errorf("GET /fr/alpha/ after a broken edit = %d, want the last good page:\n%s", page.status, page.body)
		}
		if !strings.Contains(page.body, `id="jobboard-problems"`) || !strings.Contains(page.body, diag) {
			t.Errorf("the page carries no overlay with %q:\n%s", diag, page.body)
		}
		if css := h.get(t, "/robots.txt"); strings.Contains(css.body, "jobboard-problems") {
			t.Errorf("the overlay was added to a file that is not HTML:\n%s", css.body)
		}
		if !strings.Contains(h.log.String(), diag) {
			t.Errorf("the terminal does not show %q:\n%s", diag, h.log.String())
		}

		// A second mistake, in the other file: both are listed.
		writeFile(t, root, "content/postings/alpha.en.md", "---\ntitle: [unclosed\n---\nText.\n")
		ev = events.expect(t, "error", "content/postings/alpha.en.md:")
		if !strings.Contains(ev.data, diag) {
			t.Errorf("error event lost the first problem:\n%s", ev.data)
		}
		h.until(t, "the overlay to list both files", func() bool {
			b := h.get(t, "/en/alpha/").body
			return strings.Contains(b, diag) && strings.Contains(b, "content/postings/alpha.en.md:")
		})
	})

	t.Run("fix", func(t *testing.T) {
		writeFile(t, root, "content/postings/alpha.en.md", postingEN("Mediator in Calais"))
		writeFile(t, root, "content/postings/alpha.fr.md", postingFR("Poste réparé"))
		h.until(t, "the fixed page", func() bool {
			r := h.get(t, "/fr/alpha/")
			return strings.Contains(r.body, "Poste réparé") && !strings.Contains(r.body, "jobboard-problems")
		})
		events.expect(t, "reload", "")
		if !h.shows(t, "/en/alpha/", "Mediator in Calais") {
			t.Errorf("/en/alpha/ not back:\n%s", h.get(t, "/en/alpha/").body)
		}
	})

	t.Run("new folder", func(t *testing.T) {
		// A folder created after the start is watched, with what it holds.
		writeFile(t, root, "assets/img/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
		h.nextBuild(t, "a build after assets/img/logo.svg", func(b BuildInfo) bool {
			return b.OK && slices.ContainsFunc(b.Changed, func(c string) bool { return strings.HasPrefix(c, "assets/img") })
		})
		writeFile(t, root, "assets/img/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2"/>`)
		b := h.nextBuild(t, "a build after editing assets/img/logo.svg", func(b BuildInfo) bool {
			return b.OK && slices.Contains(b.Changed, "assets/img/logo.svg")
		})
		var name string
		for f := range h.srv.site.Load().files {
			if strings.HasPrefix(f, "assets/img/logo.") {
				name = f
			}
		}
		if name == "" {
			t.Fatalf("build %d has no assets/img/logo.*.svg", b.N)
		}
		r := h.get(t, "/"+name)
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(r.body, "svg") {
			t.Errorf("GET /%s = %d %q", name, r.status, r.header.Get("Content-Type"))
		}
	})
}

// TestServeHTTP checks what a static host would do: folders, redirects,
// 404, types, and no caching.
func TestServeHTTP(t *testing.T) {
	h := start(t, newSite(t))
	if b := h.firstBuild(t); !b.OK {
		t.Fatalf("first build failed: %v", b.Err)
	}
	for _, tt := range []struct {
		path, ctype string
		status      int
		location    string
	}{
		{"/", "text/html; charset=utf-8", 200, ""},
		{"/fr/", "text/html; charset=utf-8", 200, ""},
		{"/fr/alpha/", "text/html; charset=utf-8", 200, ""},
		{"/fr/alpha/index.html", "text/html; charset=utf-8", 200, ""},
		{"/fr/alpha", "", 302, "/fr/alpha/"},
		{"/fr?x=1", "", 302, "/fr/?x=1"},
		{"/fr/nope/", "text/html; charset=utf-8", 404, ""},
		{"/../../etc/passwd", "text/html; charset=utf-8", 404, ""},
		{"/sitemap.xml", "application/xml", 200, ""},
		{"/fr/feed.xml", "application/atom+xml", 200, ""},
		{"/robots.txt", "text/plain; charset=utf-8", 200, ""},
	} {
		r := h.get(t, tt.path)
		if r.status != tt.status || r.header.Get("Content-Type") != tt.ctype && tt.ctype != "" || r.header.Get("Location") != tt.location {
			t.Errorf("GET %s = %d, Content-Type %q, Location %q; want %d, %q, %q",
				tt.path, r.status, r.header.Get("Content-Type"), r.header.Get("Location"), tt.status, tt.ctype, tt.location)
		}
		if cc := r.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control = %q, want no-store", tt.path, cc)
		}
	}
	if r := h.do(t, http.MethodHead, "/fr/alpha/"); r.status != 200 || r.body != "" {
		t.Errorf("HEAD /fr/alpha/ = %d with %d bytes", r.status, len(r.body))
	}
	if r := h.do(t, http.MethodPost, "/fr/alpha/"); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST /fr/alpha/ = %d", r.status)
	}
	if r := h.get(t, "/fr/alpha/"); !strings.Contains(r.body, EventsPath) {
		t.Errorf("served page does not connect to %s:\n%s", EventsPath, r.body)
	}
}

// TestFirstBuildFails: with nothing good to show, every page is the list of
// problems; fixing the file brings the site.
func TestFirstBuildFails(t *testing.T) {
	root := newSite(t)
	writeFile(t, root, "content/postings/alpha.fr.md", strings.Replace(postingFR("x"), "contract: CDI", "contract: CDX", 1))
	h := start(t, root)
	if b := h.firstBuild(t); b.OK {
		t.Fatal("first build succeeded with contract: CDX")
	}
	r := h.get(t, "/fr/alpha/")
	if r.status != http.StatusInternalServerError || !strings.Contains(r.body, "content/postings/alpha.fr.md:4: contract:") {
		t.Errorf("GET /fr/alpha/ = %d:\n%s", r.status, r.body)
	}
	events := h.listen(t, "")
	writeFile(t, root, "content/postings/alpha.fr.md", postingFR("Réparé"))
	events.expect(t, "reload", "")
	if !h.shows(t, "/fr/alpha/", "Réparé") {
		t.Errorf("fixed site not served:\n%s", h.get(t, "/fr/alpha/").body)
	}
}

// TestCatchUp: a stream that reconnects after missing builds is told at once.
func TestCatchUp(t *testing.T) {
	h := start(t, newSite(t))
	h.firstBuild(t)
	ev := h.listen(t, "0").expect(t, "reload", "1")
	if ev.id != "1" {
		t.Errorf("catch-up event id = %q, want 1", ev.id)
	}
	// A client that saw the current build gets nothing until the next.
	c := h.listen(t, "1")
	writeFile(t, h.root, "content/postings/alpha.fr.md", postingFR("Suivant"))
	if ev := c.expect(t, "reload", ""); ev.id == "1" {
		t.Errorf("client up to date was sent build 1 again")
	}
}

// TestShutdown: cancelling Run ends it, with open event streams.
func TestShutdown(t *testing.T) {
	h := start(t, newSite(t))
	h.firstBuild(t)
	c := h.listen(t, "")
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.ended:
	case <-time.After(wait):
		t.Fatal("event stream still open after Run returned")
	}
	if _, err := http.Get("http://" + h.srv.Addr() + "/"); err == nil {
		t.Error("server still answers after Run returned")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"alpha.fr.md": false, "logo.svg": false, "2024": false,
		".alpha.fr.md.swp": true, "alpha.fr.md~": true, "4913": true, ".#alpha.fr.md": true,
		"#alpha.fr.md#": true, "alpha.fr.md.swp": true, ".DS_Store": true, "alpha.fr.md___jb_tmp___": true,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestTransient: files created and gone again within a burst (the temporary
// files of tools that save by renaming) are not changes; a file renamed
// into place is.
func TestTransient(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "content/postings/a.fr.md", "x")
	w := &watcher{root: root}
	w.record("content/postings/sedX1b2c3", true)
	w.record("content/postings/a.fr.md", true)
	w.record("content/postings/gone.fr.md", false)
	changed, since := w.take()
	if want := []string{"content/postings/a.fr.md", "content/postings/gone.fr.md"}; !slices.Equal(changed, want) || since.IsZero() {
		t.Errorf("take() = %q, %v; want %q", changed, since, want)
	}
	w.record("content/postings/sedX1b2c3", true)
	if changed, _ := w.take(); len(changed) != 0 {
		t.Errorf("take() after a temporary file only = %q, want nothing", changed)
	}
}

// parseSSE reads an event stream as a browser's EventSource does (HTML
// Living Standard, "Interpreting an event stream"): a line ends at CR LF,
// CR or LF; a field's name runs to the first colon and one space after it
// is dropped; a line starting with a colon is a comment; a blank line
// dispatches the event, unless its data is empty. It calls emit for each
// event and returns at the end of the stream.
func parseSSE(r io.Reader, emit func(sseEvent)) {
	br := bufio.NewReader(r)
	var (
		line        []byte
		afterCR     bool
		name, id    string
		data        strings.Builder
		lastEventID string
	)
	process := func(l string) {
		if l == "" {
			if data.Len() == 0 {
				name = ""
				return
			}
			ev := sseEvent{id: lastEventID, name: name, data: strings.TrimSuffix(data.String(), "\n")}
			if ev.name == "" {
				ev.name = "message"
			}
			emit(ev)
			name = ""
			data.Reset()
			return
		}
		if l[0] == ':' {
			return
		}
		field, value, ok := strings.Cut(l, ":")
		if ok {
			value = strings.TrimPrefix(value, " ")
		}
		switch field {
		case "event":
			name = value
		case "data":
			data.WriteString(value)
			data.WriteString("\n")
		case "id":
			if !strings.Contains(value, "\x00") {
				id = value
				lastEventID = id
			}
		}
	}
	for {
		b, err := br.ReadByte()
		if err != nil {
			return // an event not ended by a blank line is discarded
		}
		switch {
		case b == '\n' && afterCR:
			afterCR = false
		case b == '\r' || b == '\n':
			afterCR = b == '\r'
			process(string(line))
			line = line[:0]
		default:
			afterCR = false
			line = append(line, b)
		}
	}
}

// hostile are problem lines that would forge events, fields or lines if
// they were written as they are.
var hostile = []string{
	"a.md:1: x",
	"b.md:2: y\r",
	"c.md:3: \n\nevent: reload\ndata: 1\n",
	"d.md:4: \r\rid: 99\revent: reload\rdata: x\r\r",
	"e.md:5: \r\n\r\ndata: x\r\n\r\n",
	"f.md:6: \x1b]0;pwned\x07\x1b[2J\x00 \u2028\u2029\u0085",
	"g.md:7: : a comment\nretry: 1",
	"",
}

// TestEventForged: whatever a problem line holds, a browser reads exactly
// one event of the name and id given, whose data gives back the lines.
func TestEventForged(t *testing.T) {
	for i := range hostile {
		lines := hostile[:i+1]
		raw := event(7, "error", lines)
		var got []sseEvent
		parseSSE(bytes.NewReader(raw), func(ev sseEvent) { got = append(got, ev) })
		if len(got) != 1 || got[0].name != "error" || got[0].id != "7" {
			t.Errorf("event(7, error, %q) =\n%q\nread by a browser as %q, want one event error, id 7", lines, raw, got)
			continue
		}
		var back []string
		if err := json.Unmarshal([]byte(got[0].data), &back); err != nil || !slices.Equal(back, lines) {
			t.Errorf("event(7, error, %q): data %q decodes to %q (%v), want the lines", lines, got[0].data, back, err)
		}
	}
}

// TestServedFeeds: the feeds, which serve keeps as the parts the builder
// hands over, are served as a build writes them, after the first build and
// after an edit.
func TestServedFeeds(t *testing.T) {
	root := newSite(t)
	h := start(t, root)
	if b := h.firstBuild(t); !b.OK {
		t.Fatalf("first build failed: %v", b.Err)
	}
	check := func(when string) {
		t.Helper()
		want := map[string][]byte{}
		var mu sync.Mutex
		if _, err := build.NewBuilder(h.srv.cfg.Build).Generate(context.Background(), func(name string, data []byte) error {
			mu.Lock()
			want[name] = bytes.Clone(data)
			mu.Unlock()
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"jobs.xml", "fr/feed.xml", "en/feed.xml"} {
			if len(want[name]) == 0 {
				t.Fatalf("%s: the build wrote no %s", when, name)
			}
			if r := h.get(t, "/"+name); r.status != http.StatusOK || r.body != string(want[name]) {
				t.Errorf("%s: GET /%s = %d,\n%s\nwant the built file\n%s", when, name, r.status, r.body, want[name])
			}
		}
	}
	check("first build")
	writeFile(t, root, "content/postings/alpha.fr.md", postingFR("Modifié"))
	h.nextBuild(t, "a build after the edit", func(b BuildInfo) bool { return b.OK })
	check("after an edit")
}

// TestForgedDiagnostic: a field name holding line breaks and terminal
// escapes, as YAML allows, or such a file name, stays on its problem's
// line, written out, in the terminal, the event stream (read as a browser
// reads it) and the error panel. It can add no event, field or line.
func TestForgedDiagnostic(t *testing.T) {
	root := newSite(t)
	const key = `"evil\nkey\e]0;pwned\a\e[2J\r\n\nevent: reload\ndata: 1\n\r\u202e"`
	writeFile(t, root, "content/postings/alpha.fr.md", strings.Replace(postingFR("x"), "---\n", "---\n"+key+": 1\n", 1))
	h := start(t, root)
	b := h.firstBuild(t)
	if b.OK {
		t.Fatalf("first build succeeded with the field %s", key)
	}
	lines := problemLines(b.Err, msg.English)
	hidden := func(r rune) bool {
		return r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\u2028' || r == '\u2029' || r == '\u202e'
	}
	// forged says what is wrong with the text a user sees: a control
	// character, or the field's problem not on one line.
	forged := func(text string) string {
		if i := strings.IndexFunc(text, hidden); i >= 0 {
			return fmt.Sprintf("%q at byte %d", []rune(text[i:])[0], i)
		}
		named := false
		for l := range strings.SplitSeq(text, "\n") {
			if strings.Contains(l, "pwned") {
				if !strings.Contains(l, `\x1b]0;pwned`) || !strings.Contains(l, "event: reload") || !strings.Contains(l, "invisible control character") {
					return fmt.Sprintf("the field's problem split or not written out: %q", l)
				}
				named = true
			}
		}
		if !named {
			return "no line names the field"
		}
		return ""
	}

	page := h.get(t, "/fr/alpha/")
	_, pre, _ := strings.Cut(page.body, "<pre")
	pre, _, _ = strings.Cut(pre, "</pre>")
	if n := strings.Count(pre, "\n"); page.status != http.StatusInternalServerError || n != len(lines) {
		t.Errorf("GET /fr/alpha/ = %d, panel of %d lines; want 500, %d lines:\n%q", page.status, n, len(lines), pre)
	}
	if f := forged(page.body); f != "" {
		t.Errorf("error panel: %s:\n%q", f, pre)
	}

	// A file name, in the line that says what changed.
	writeFile(t, root, "content/postings/notes\x1b]2;retitled\x07\n.txt", "x")
	h.nextBuild(t, "a build after the new file", func(b BuildInfo) bool { return b.N == 2 })
	c := h.listen(t, "0")
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	<-c.ended
	var events []sseEvent
	for len(c.events) > 0 {
		events = append(events, <-c.events)
	}
	if len(events) != 1 || events[0].name != "error" || events[0].id != "2" {
		t.Fatalf("a client catching up read %q, want one error event, id 2", events)
	}
	var data []string
	if err := json.Unmarshal([]byte(events[0].data), &data); err != nil || !slices.Equal(data, h.srv.state.Load().lines) {
		t.Errorf("error event data %q (%v), want the problems as a JSON list", events[0].data, err)
	}
	if f := forged(strings.Join(data, "\n")); f != "" {
		t.Errorf("error event: %s:\n%q", f, data)
	}

	log := h.log.String()
	if f := forged(log); f != "" {
		t.Errorf("terminal: %s:\n%q", f, log)
	}
	if !strings.Contains(log, `notes\x1b]2;retitled\x07\n.txt`) {
		t.Errorf("terminal does not name the new file, written out:\n%q", log)
	}
}

// TestPreviewNotes: with drafts shown, a draft posting's page carries the
// draft mark, and every page of a site that built with warnings carries
// the warnings panel; a published page without warnings carries neither.
func TestPreviewNotes(t *testing.T) {
	root := newSite(t)
	writeFile(t, root, "content/postings/gamma.fr.md", strings.Replace(postingFR("Gamma"), "\n---\nLe texte", "\ndraft: true\n---\nLe texte", 1))
	h := startWith(t, build.Config{Root: root, Today: today, NoMinify: true, Drafts: true})
	h.firstBuild(t)
	draft := h.get(t, "/fr/gamma/")
	if !strings.Contains(draft.body, `id="jobboard-draft"`) {
		t.Errorf("the draft's page has no draft mark:\n%s", draft.body)
	}
	if strings.Contains(h.get(t, "/fr/alpha/").body, `id="jobboard-draft"`) {
		t.Error("a published posting's page has the draft mark")
	}
	// The draft has no English version: a warning.
	page := h.get(t, "/fr/alpha/").body
	_, panel, ok := strings.Cut(page, `id="jobboard-warnings"`)
	if !ok || !strings.Contains(panel, "gamma.fr.md") || !strings.Contains(panel, "<summary") {
		t.Errorf("no warnings panel naming gamma.fr.md:\n%s", page)
	}

	// The warning fixed: the panel follows the build's warnings.
	writeFile(t, root, "content/postings/gamma.en.md", postingEN("Gamma, in English"))
	b := h.nextBuild(t, "the English version added", func(b BuildInfo) bool { return b.OK && b.N > 1 })
	p := h.get(t, "/fr/alpha/").body
	if panel := strings.Contains(p, `id="jobboard-warnings"`); panel != (len(warningLines(b.Diagnostics, msg.English)) > 0) || strings.Contains(p, "gamma.en.md") {
		t.Errorf("the panel does not follow the warnings %q:\n%s", warningLines(b.Diagnostics, msg.English), p)
	}
}
