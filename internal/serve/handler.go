package serve

import (
	"bytes"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
	"html"
	"html/template"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
)

// ServeHTTP serves the last good site from memory, the event stream, and
// the overlay on HTML pages after a failed build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.allow(r.Host) {
		// Not a word of the preview: the asker may be a page of another
		// site (see hosts).
		l := s.cfg.Lang
		where := l.Sprintf("%s and http://localhost:%s/", s.URL(), s.hosts.port)
		if s.hosts.anyIP {
			where = l.Sprintf("this computer's addresses and name, port %s", s.hosts.port)
		}
		http.Error(w, l.Sprintf("421 Misdirected Request: this jobboard preview answers only at %s", where), http.StatusMisdirectedRequest)
		return
	}
	if r.URL.Path == EventsPath {
		s.serveEvents(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, s.cfg.Lang.Sprintf("a preview is only read"), http.StatusMethodNotAllowed)
		return
	}
	// The first build may take seconds on a large site: wait for it rather
	// than answer 404 to the browser that opened the address at once.
	select {
	case <-s.built:
	case <-r.Context().Done():
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	state := s.state.Load()
	site := s.site.Load()
	if state == nil { // the first build was interrupted: the server is stopping
		http.Error(w, s.cfg.Lang.Sprintf("stopping"), http.StatusServiceUnavailable)
		return
	}
	if site == nil {
		h.Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		if r.Method == http.MethodGet {
			page := "<!DOCTYPE html><html><head><meta charset=utf-8><title>" + html.EscapeString(s.cfg.Lang.Sprintf("jobboard: build failed")) + "</title></head><body>"
			w.Write(appendOverlay([]byte(page), state, false, s.cfg.Lang))
		}
		return
	}

	name, status := site.lookup(r.URL.Path)
	switch {
	case status == http.StatusFound:
		u := *r.URL
		u.Path = name
		http.Redirect(w, r, u.String(), http.StatusFound)
		return
	case status == http.StatusNotFound && name == "":
		http.Error(w, s.cfg.Lang.Sprintf("404 page not found (and the site has no 404.html)"), http.StatusNotFound)
		return
	}
	data := site.files[name].bytes()
	ctype := contentType(name, data)
	if strings.HasPrefix(ctype, "text/html") {
		switch {
		case !state.ok:
			data = appendOverlay(data, state, true, s.cfg.Lang)
		case len(state.warnings) > 0 || site.drafts[name]:
			data = slices.Concat(data, state.notesPanel(site.drafts[name], s.cfg.Lang))
		}
	}
	h.Set("Content-Type", ctype)
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// lookup finds the file for a URL path. A folder's address serves its
// index.html; a folder's address without its final slash is redirected
// (status 302, with the address to go to), as a static host does, so that
// relative links work. An unknown address gives 404.html with status 404,
// or "" when the site has none.
func (s *snapshot) lookup(urlPath string) (name string, status int) {
	// A site published below a folder (base_url https://org.github.io/jobs/)
	// is previewed below the same folder, so its links work here too.
	if s.base != "" && s.base != "/" {
		switch {
		case strings.HasPrefix(urlPath, s.base):
			urlPath = "/" + strings.TrimPrefix(urlPath, s.base)
		case urlPath == "/" || urlPath+"/" == s.base:
			return s.base, http.StatusFound
		}
	}
	clean := path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	if _, ok := s.files[name]; ok {
		return name, http.StatusOK
	}
	if !strings.HasSuffix(urlPath, "/") {
		if _, ok := s.files[path.Join(name, "index.html")]; ok {
			base := s.base
			if base == "" {
				base = "/"
			}
			return base + name + "/", http.StatusFound
		}
	}
	if _, ok := s.files["404.html"]; ok {
		return "404.html", http.StatusNotFound
	}
	return "", http.StatusNotFound
}

// contentTypes are the types of the files a site holds. An explicit table
// rather than the system's MIME database keeps answers the same on every
// machine.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
	".pdf":         "application/pdf",
}

func contentType(name string, data []byte) string {
	ext := path.Ext(name)
	if ext == ".xml" {
		// Atom feeds and the sitemap share the extension; the root element
		// tells them apart, so feed readers get the type they expect.
		head := data[:min(len(data), 512)]
		if bytes.Contains(head, []byte("<feed")) && bytes.Contains(head, []byte("http://www.w3.org/2005/Atom")) {
			return "application/atom+xml"
		}
		return "application/xml"
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// overlayTemplate is the error panel put on every HTML page after a failed
// build. It stays within the page (inline style and script, nothing from
// another address) and carries the page script of the package
// documentation: the page shown before any build succeeded comes from no
// layout and has no other script.
// Each problem is one line of the <pre>: content.Printable writes out the
// control characters a line may still hold, and the template escapes markup.
var overlayTemplate = template.Must(template.New("overlay").Funcs(template.FuncMap{"visible": content.Printable}).Parse(`
<div id="jobboard-problems" role="alert" style="all:initial;position:fixed;z-index:2147483647;top:0;left:0;right:0;max-height:75vh;overflow:auto;box-sizing:border-box;padding:1rem 1.25rem;background:#fff4f4;color:#4a0000;border-bottom:4px solid #b00020;box-shadow:0 4px 18px rgba(0,0,0,.35);font:15px/1.5 system-ui,sans-serif">
<strong style="display:block;font-size:17px;margin-bottom:.25rem">{{.Title}}</strong>
<span style="display:block">{{.Help}}</span>
<pre style="margin:.75rem 0 0;white-space:pre-wrap;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace">{{range .Lines}}{{visible .}}
{{end}}</pre>
</div>
<script>(function(){var s=new EventSource({{.Events}}),r=function(){location.reload()};s.addEventListener("reload",r);s.addEventListener("error",function(e){if(e.data)r()})})()</script>
`))

// notesTemplate is what the preview adds to a page of a site that built:
// a mark on a draft posting's page, which is not published, and the
// warnings, in a panel at the bottom that can be closed (details, no
// script needed). Like the error panel, it stays within the page.
var notesTemplate = template.Must(template.New("notes").Funcs(template.FuncMap{"visible": content.Printable}).Parse(`
{{- if .Draft}}
<div id="jobboard-draft" role="status" style="all:initial;position:fixed;z-index:2147483646;top:0;left:0;right:0;box-sizing:border-box;padding:.35rem 1rem;background:#fff3c4;color:#3d2e00;border-bottom:3px dashed #8a6d00;font:bold 15px/1.4 system-ui,sans-serif;text-align:center">{{.DraftNote}}</div>
{{- end}}
{{- if .Warnings}}
<details id="jobboard-warnings" open style="all:initial;position:fixed;z-index:2147483646;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;box-sizing:border-box;padding:.5rem 1rem;background:#fffbea;color:#3d2e00;border-top:3px solid #8a6d00;font:14px/1.5 system-ui,sans-serif">
<summary style="cursor:pointer;font-weight:bold">{{.Summary}}</summary>
<pre style="margin:.5rem 0 0;white-space:pre-wrap;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace">{{range .Warnings}}{{visible .}}
{{end}}{{with .More}}{{.}}
{{end}}</pre>
</details>
{{- end}}
`))

// panelWarnings is how many warnings the panel lists: a big board may have
// thousands (a start date past on every posting), which the terminal has
// printed, and which made every page of the preview a megabyte heavier.
const panelWarnings = 100

// appendNotes adds to the end of an HTML page the draft mark and the
// warnings panel of notesTemplate. page is not modified.
func appendNotes(page []byte, warnings []string, draft bool, l msg.Lang) []byte {
	var b bytes.Buffer
	b.Grow(len(page) + 1024)
	b.Write(page)
	summary := l.Sprintf("%d warnings: the site built, but check these (click to hide)", len(warnings))
	if len(warnings) == 1 {
		summary = l.Sprintf("1 warning: the site built, but check this (click to hide)")
	}
	var more string
	if n := len(warnings) - panelWarnings; n > 0 {
		warnings = warnings[:panelWarnings]
		more = l.Sprintf("…and %d more: the terminal lists them all, as jobboard check does", n)
		if n == 1 {
			more = l.Sprintf("…and 1 more: the terminal lists it with the others, as jobboard check does")
		}
	}
	notesTemplate.Execute(&b, struct {
		Warnings                 []string
		Draft                    bool
		DraftNote, Summary, More string
	}{warnings, draft, l.Sprintf("Draft: this posting is not published. Remove the line draft: true when it is ready."), summary, more})
	return b.Bytes()
}

// appendOverlay adds the error panel at the end of an HTML page. The end,
// rather than before </body>, because minified pages may omit </body>, and
// a browser puts what follows into the body anyway; the panel is fixed at
// the top of the window. shown says whether page is the last good page
// (rather than an empty one). page is not modified.
func appendOverlay(page []byte, st *outcome, shown bool, l msg.Lang) []byte {
	var b bytes.Buffer
	b.Grow(len(page) + 2048)
	b.Write(page)
	help := l.Sprintf("Fix this problem and save the file: this page reloads by itself.")
	if len(st.lines) > 1 {
		help = l.Sprintf("Fix these problems and save the file: this page reloads by itself.")
	}
	if shown {
		help = l.Sprintf("Below is the last version that worked. %s", help)
	}
	overlayTemplate.Execute(&b, struct {
		Title, Help string
		Lines       []string
		Events      string
	}{l.Sprintf("The site could not be rebuilt (build %d)", st.n), help, st.lines, EventsPath})
	return b.Bytes()
}
