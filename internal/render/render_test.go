package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// fixtureFS is the test site of testdata/site (content/ and assets/) with
// the repository's real layouts/.
func fixtureFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	copyInto := func(root fs.FS, dir string) {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copyInto(os.DirFS("testdata/site"), ".")
	copyInto(os.DirFS("../.."), "layouts")
	return m
}

const fixtureToday = "2025-05-01"

// load loads, assembles and prepares a Renderer for the site in root.
func load(t testing.TB, root fs.FS, today string, opt Options) (*Renderer, *site.Site) {
	t.Helper()
	day, err := content.ParseDate(today)
	if err != nil {
		t.Fatal(err)
	}
	cs, diags := content.Load(root, content.Options{Today: day})
	if cs == nil {
		t.Fatalf("load:\n%v", diags)
	}
	s, diags := site.Assemble(cs, day)
	if diags.Errors() > 0 {
		t.Fatalf("assemble:\n%v", diags)
	}
	if opt.Assets == nil {
		opt.Assets = map[string]string{"style.css": "/assets/style.1a2b3c4d.css", "favicon.svg": "/assets/favicon.5e6f7a8b.svg", "search.js": "/assets/search.0a1b2c3d.js", "search-box.js": "/assets/search-box.4e5f6a7b.js", "logo.png": "/assets/logo.9c0d1e2f.png"}
	}
	r, err := New(root, cs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r, s
}

func fixture(t testing.TB) (*Renderer, *site.Site) {
	return load(t, fixtureFS(t), fixtureToday, Options{})
}

// renderAll renders every page of s, by address.
func renderAll(t testing.TB, r *Renderer, s *site.Site) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, pg := range s.Pages {
		var b bytes.Buffer
		if err := r.Page(&b, s, pg); err != nil {
			t.Fatalf("Page(%s): %v", pg.Path, err)
		}
		out[pg.Path] = b.String()
	}
	return out
}

func page(s *site.Site, p string) *site.Page {
	for _, pg := range s.Pages {
		if pg.Path == p {
			return pg
		}
	}
	return nil
}

func posting(s *site.Site, slug string) *site.Posting {
	for _, p := range s.Postings {
		if p.Slug == slug {
			return p
		}
	}
	panic("no posting " + slug)
}

// TestGolden pins the HTML of every page of the fixture site, in fr and en.
// Run go test -update to rewrite testdata/golden after a deliberate change,
// and read the diff.
func TestGolden(t *testing.T) {
	r, s := fixture(t)
	pages := renderAll(t, r, s)
	dir := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]bool{}
	for p, got := range pages {
		file := filepath.Join(dir, filepath.FromSlash(pageFile(p)))
		want[filepath.ToSlash(file)] = true
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v (run go test -update)", p, err)
			continue
		}
		if d := diff(string(data), got); d != "" {
			t.Errorf("%s differs from %s (run go test -update if the change is right):\n%s", p, file, d)
		}
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !want[filepath.ToSlash(p)] {
			t.Errorf("%s: no page has this address any more (run go test -update)", p)
		}
		return nil
	})
}

// diff shows the first lines where want and got differ, with context.
func diff(want, got string) string {
	if want == got {
		return ""
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	for j := max(0, i-3); j < i; j++ {
		fmt.Fprintf(&b, "  %4d  %s\n", j+1, wl[j])
	}
	for j := i; j < min(len(wl), i+4); j++ {
		fmt.Fprintf(&b, "- %4d  %s\n", j+1, wl[j])
	}
	for j := i; j < min(len(gl), i+4); j++ {
		fmt.Fprintf(&b, "+ %4d  %s\n", j+1, gl[j])
	}
	return b.String()
}

var (
	mailtoRE = regexp.MustCompile(`href="(mailto:[^"]*)"`)
	applyRE  = regexp.MustCompile(`(?s)<section id="apply".*?</section>`)
)

// decodeMailto reads a mailto href as a mail client would, with net/url:
// the recipients are the opaque part split on commas, each percent-decoded;
// subject is percent-decoded without turning "+" into a space.
func decodeMailto(t *testing.T, href string) (to []string, subject string) {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", href, err)
	}
	if u.Scheme != "mailto" {
		t.Fatalf("scheme of %q is %q", href, u.Scheme)
	}
	for _, a := range strings.Split(u.Opaque, ",") {
		d, err := url.PathUnescape(a)
		if err != nil {
			t.Fatalf("address %q: %v", a, err)
		}
		to = append(to, d)
	}
	for _, f := range strings.Split(u.RawQuery, "&") {
		name, value, _ := strings.Cut(f, "=")
		if name == "subject" {
			if subject, err = url.PathUnescape(value); err != nil {
				t.Fatalf("subject %q: %v", value, err)
			}
		}
	}
	return to, subject
}

// TestApplyLink reads the apply link of every open posting page, in every
// language, of the example site and of the fixture, and decodes it back to
// the front matter's addresses and subject, byte for byte. The addresses
// and the subject are also printed as text in the apply block.
func TestApplyLink(t *testing.T) {
	ex, exSite := load(t, os.DirFS("../.."), "2025-05-01", Options{})
	fx, fxSite := fixture(t)
	for _, c := range []struct {
		r *Renderer
		s *site.Site
	}{{ex, exSite}, {fx, fxSite}} {
		pages := renderAll(t, c.r, c.s)
		for _, p := range c.s.Postings {
			for _, lang := range p.Langs {
				pg := p.Pages[lang]
				t.Run(pg.Path, func(t *testing.T) {
					out := pages[pg.Path]
					block := applyRE.FindString(out)
					if p.Expired {
						if block != "" || strings.Contains(out, "mailto:") {
							t.Fatalf("closed posting has an apply block or link")
						}
						return
					}
					if block == "" {
						t.Fatal("no <section id=\"apply\">")
					}
					links := mailtoRE.FindAllStringSubmatch(out, -1)
					if len(links) != 1 || !strings.Contains(block, links[0][0]) {
						t.Fatalf("want exactly one mailto link, in #apply; found %d", len(links))
					}
					to, subject := decodeMailto(t, html.UnescapeString(links[0][1]))
					if !slices.Equal(to, p.Facts.Apply.To) {
						t.Errorf("recipients = %q, want %q", to, p.Facts.Apply.To)
					}
					if subject != p.Facts.Apply.Subject {
						t.Errorf("subject = %q, want %q", subject, p.Facts.Apply.Subject)
					}
					// An address may wrap at <wbr>, never beside a hyphen (spans .nw).
					text := html.UnescapeString(strings.NewReplacer("<wbr>", "", `<span class="nw">`, "", "</span>", "").Replace(block))
					for _, a := range p.Facts.Apply.To {
						if !strings.Contains(text, "<code>"+a+"</code>") {
							t.Errorf("address %s is not shown as text", a)
						}
					}
					if s := p.Facts.Apply.Subject; s != "" {
						def := c.s.Content.DefaultLanguage()
						if !strings.Contains(text, `<code lang="`+def+`" data-copy="`+s+`"`) || !strings.Contains(text, ">"+s+"</code>") {
							t.Errorf("subject %q is not shown as text marked lang=%s", s, def)
						}
					}
				})
			}
		}
	}
}

func TestApplyBlockWords(t *testing.T) {
	r, s := load(t, os.DirFS("../.."), "2025-05-01", Options{})
	pages := renderAll(t, r, s)
	for _, c := range []struct{ path, want string }{
		{"/fr/mediateur-interculturel-calais/", "Envoyez votre candidature par e-mail aux deux adresses ci-dessous."},
		{"/fr/mediateur-interculturel-calais/", "Joignez\u202f: lettre de motivation et CV."},
		{"/fr/mediateur-interculturel-calais/", "Les candidatures incomplètes ou envoyées à une seule des deux adresses ne sont pas traitées."},
		{"/fr/mediateur-interculturel-calais/", "Écrire aux deux adresses avec l&#39;objet prérempli"},
		{"/fr/mediateur-interculturel-calais/", "body=Bonjour%2C%0D%0A%0D%0AVeuillez%20trouver%20ci-joint%20ma%20lettre%20de%20motivation%20et%20mon%20CV.%0D%0A%0D%0A"},
		{"/en/mediateur-interculturel-calais/", "Send your application by email to both addresses below."},
		{"/en/mediateur-interculturel-calais/", "Required subject line, in French — keep it exactly as written:"},
		{"/en/mediateur-interculturel-calais/", "Email both addresses with the subject filled in"},
		{"/en/mediateur-interculturel-calais/", "body=Hello%2C%0D%0A%0D%0APlease%20find%20attached%20my%20cover%20letter%20and%20my%20CV."},
		{"/en/mediateur-interculturel-calais/", `<code lang="fr" data-copy="candidature médiateur.rice interculturel.le"`},
	} {
		if !strings.Contains(pages[c.path], c.want) {
			t.Errorf("%s does not contain %q", c.path, c.want)
		}
	}
	fr := pages["/fr/mediateur-interculturel-calais/"]
	if n := strings.Count(fr, `role="status"`); n != 1 {
		t.Errorf("%d role=status live regions, want 1", n)
	}
	if !strings.Contains(fr, "navigator.clipboard") {
		t.Error("open posting page has no copy-button script")
	}
	for p, out := range pages {
		if !strings.HasPrefix(p, "/fr/mediateur") && !strings.HasPrefix(p, "/en/mediateur") && strings.Contains(out, "<script>") {
			t.Errorf("%s has an inline script; only open posting pages may", p)
		}
	}
}

func TestApplyRuleCounts(t *testing.T) {
	r, s := fixture(t)
	pages := renderAll(t, r, s)
	for _, c := range []struct{ path, want string }{
		{"/fr/coordinateur-paris/", "Envoyez votre candidature par e-mail aux 3 adresses ci-dessous."},
		{"/fr/coordinateur-paris/", "Joignez\u202f: CV, lettre de motivation et portfolio."},
		{"/fr/coordinateur-paris/", "Les candidatures incomplètes ou qui ne sont pas envoyées aux 3 adresses ne sont pas traitées."},
		{"/en/coordinateur-paris/", "Email all 3 addresses with the subject filled in"},
		{"/fr/stage-lyon/", "Envoyez votre candidature par e-mail à l&#39;adresse ci-dessous."},
		{"/fr/stage-lyon/", "Écrire à cette adresse</a>"},
		{"/en/benevole-marseille/", "Email this address with the subject filled in"},
	} {
		if !strings.Contains(pages[c.path], c.want) {
			t.Errorf("%s does not contain %q", c.path, c.want)
		}
	}
	if strings.Contains(applyRE.FindString(pages["/en/benevole-marseille/"]), "not processed") {
		t.Error("one address and no document: no rule about incomplete applications")
	}
	if strings.Contains(pages["/fr/stage-lyon/"], "Objet obligatoire") {
		t.Error("a posting without subject shows a subject")
	}
	// The rule is the employer's: said, on the page and in the JSON-LD,
	// only by a posting with apply.strict: true (issue 20).
	if strings.Contains(pages["/fr/stage-lyon/"], "ne sont pas traitées") {
		t.Error("stage-lyon, without apply.strict, says applications are not processed")
	}
	posting(s, "stage-lyon").Facts.Apply.Strict = true
	out := renderAll(t, r, s)["/fr/stage-lyon/"]
	if n := strings.Count(out, "Les candidatures incomplètes ne sont pas traitées."); n != 2 {
		t.Errorf("stage-lyon with apply.strict says its rule %d times, want 2 (the apply box and the JSON-LD)", n)
	}
}

func TestClosedPosting(t *testing.T) {
	r, s := fixture(t)
	pages := renderAll(t, r, s)
	for path, notice := range map[string]string{
		"/fr/ancien-poste/": "Cette offre est close.",
		"/en/ancien-poste/": "This position is closed.",
	} {
		out := pages[path]
		for _, bad := range []string{"mailto:", "application/ld+json", `id="apply"`, "<script"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: closed posting contains %q", path, bad)
			}
		}
		for _, want := range []string{`data-status="closed"`, notice, `<meta name="robots" content="noindex">`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: closed posting lacks %q", path, want)
			}
		}
	}
	if !strings.Contains(pages["/fr/archive/"], `href="/fr/ancien-poste/"`) {
		t.Error("the archive does not list the closed posting")
	}
}

var (
	ldRE    = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	htmlRE  = regexp.MustCompile(`<html lang="([a-z-]+)"( dir="rtl")?>`)
	titleRE = regexp.MustCompile(`<title>[^<]+</title>`)
)

// TestEveryPage checks what every page must carry.
func TestEveryPage(t *testing.T) {
	r, s := fixture(t)
	for p, out := range renderAll(t, r, s) {
		pg := page(s, p)
		wantLang := pg.Lang
		if wantLang == "" {
			wantLang = "fr"
		}
		m := htmlRE.FindStringSubmatch(out)
		if m == nil || m[1] != wantLang {
			t.Errorf("%s: <html lang> = %v, want %s", p, m, wantLang)
		}
		for _, want := range []string{`<meta name="viewport" content="width=device-width, initial-scale=1">`, `<meta name="description" content="`,
			`<a class="skip" href="#main">`, `<main id="main"`, `type="application/atom+xml" hreflang="fr"`, `type="application/atom+xml" hreflang="en"`,
			`href="/assets/style.1a2b3c4d.css"`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
		if !titleRE.MatchString(out) {
			t.Errorf("%s has no <title>", p)
		}
		canonical := `<link rel="canonical" href="https://jobs.example.org` + p + `">`
		if pg.Kind != site.NotFoundPage && !strings.Contains(out, canonical) {
			t.Errorf("%s lacks %s", p, canonical)
		}
		for _, a := range pg.Alternates {
			alt := `<link rel="alternate" hreflang="` + a.Lang + `" href="https://jobs.example.org` + a.Path + `">`
			if !strings.Contains(out, alt) {
				t.Errorf("%s lacks %s", p, alt)
			}
		}
		lds := ldRE.FindAllStringSubmatch(out, -1)
		wantLD := 0
		if pg.Kind == site.PostingPage && !pg.Posting.Expired {
			wantLD = 1
		}
		if len(lds) != wantLD {
			t.Errorf("%s has %d JSON-LD scripts, want %d", p, len(lds), wantLD)
		}
		for _, ld := range lds {
			if !json.Valid([]byte(ld[1])) {
				t.Errorf("%s: JSON-LD is not valid JSON: %s", p, ld[1])
			}
		}
		if strings.Contains(out, "EventSource") {
			t.Errorf("%s: live reload script without Options.LiveReload", p)
		}
		if strings.Contains(out, "%!") {
			t.Errorf("%s: a fmt error in a string: %s", p, out[strings.Index(out, "%!"):][:40])
		}
	}
}

func TestOpenGraph(t *testing.T) {
	r, s := fixture(t)
	out := renderAll(t, r, s)["/en/coordinateur-paris/"]
	for _, want := range []string{
		`<meta property="og:title" content="Project coordinator">`,
		`<meta property="og:url" content="https://jobs.example.org/en/coordinateur-paris/">`,
		`<meta property="og:locale" content="en_GB">`,
		`<meta property="og:locale:alternate" content="fr_FR">`,
		`<meta property="og:type" content="website">`,
		`<meta property="og:site_name" content="Jobs at Association Exemple">`,
		`<meta property="og:image" content="https://jobs.example.org/assets/logo.9c0d1e2f.png">`,
		`<meta name="twitter:card" content="summary">`,
		`<meta property="og:description" content="You coordinate projects.">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %s", want)
		}
	}
}

// TestLanguages checks the switcher, and the lists' postings that exist
// only in another language.
func TestLanguages(t *testing.T) {
	r, s := fixture(t)
	pages := renderAll(t, r, s)
	for _, c := range []struct{ path, want string }{
		// the same posting in the other language
		{"/fr/coordinateur-paris/", `<a href="/en/coordinateur-paris/" lang="en" hreflang="en">English</a>`},
		{"/en/coordinateur-paris/", `<a href="/fr/coordinateur-paris/" lang="fr" hreflang="fr">Français</a>`},
		// not translated: the other language's list, said in that language
		{"/fr/stage-lyon/", `<a href="/en/" lang="en" hreflang="en">Jobs in English</a>`},
		{"/en/benevole-marseille/", `<a href="/fr/" lang="fr" hreflang="fr">Offres en français</a>`},
		// a filter page with no match in the other language
		{"/fr/contract/stage/", `<a href="/en/" lang="en" hreflang="en">Jobs in English</a>`},
		// postings only in another language
		{"/fr/", `<a href="/en/benevole-marseille/" hreflang="en" lang="en">Volunteer tutor</a>`},
		{"/en/", `<a href="/fr/stage-lyon/" hreflang="fr" lang="fr">Stage communication</a>`},
		// the language chooser
		{"/", `<a href="/en/" hreflang="en"><strong>English</strong>`},
		{"/", `<li lang="fr"><a href="/fr/" hreflang="fr"><strong>Français</strong>`},
		// 404.html in every language
		{"/404.html", `<section class="nf" lang="en">`},
		// language names in the page's language
		{"/fr/ancien-poste/", "<dd>allemand et italien</dd>"},
		{"/en/ancien-poste/", "<dd>German and Italian</dd>"},
		{"/fr/ancien-poste/", "Seules les personnes résidant dans l&#39;un de ces pays peuvent postuler\u202f: Suisse et France."},
		{"/en/coordinateur-paris/", "<dd>English</dd>"},
	} {
		if !strings.Contains(pages[c.path], c.want) {
			t.Errorf("%s does not contain %s", c.path, c.want)
		}
	}
}

func TestLists(t *testing.T) {
	r, s := fixture(t)
	pages := renderAll(t, r, s)
	fr := pages["/fr/"]
	for _, want := range []string{
		`<a href="/fr/" aria-current="page">Toutes <span class="n">2</span></a>`,
		`<a href="/fr/contract/cdd/">CDD <span class="n">1</span></a>`,
		`<a href="/fr/place/lyon/">Lyon <span class="n">1</span></a>`,
		`<a href="/fr/archive/">Offres closes (1)</a>`,
	} {
		if !strings.Contains(fr, want) {
			t.Errorf("/fr/ lacks %s", want)
		}
	}
	if i, j := strings.Index(fr, "/fr/stage-lyon/"), strings.Index(fr, "/fr/coordinateur-paris/"); i < 0 || j < 0 || i > j {
		t.Error("/fr/ does not list the newest posting first")
	}
	if !strings.Contains(pages["/fr/contract/cdd/"], `<a href="/fr/contract/cdd/" aria-current="page">CDD`) {
		t.Error("a filter page does not mark its chip as current")
	}
	if strings.Contains(pages["/fr/contract/cdd/"], "/fr/stage-lyon/\"") {
		t.Error("the CDD page lists the internship")
	}
}

func TestBodyHTML(t *testing.T) {
	r, s := fixture(t)
	tr := posting(s, "coordinateur-paris").Translations["fr"]
	body := string(r.BodyHTML(tr))
	for _, bad := range []string{"<script", "<b>", "<h1"} {
		if strings.Contains(body, bad) {
			t.Errorf("body contains %s:\n%s", bad, body)
		}
	}
	for _, want := range []string{"<h2>Le poste</h2>", "<h3>Profil</h3>"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
	if got := r.Summary(posting(s, "benevole-marseille").Translations["en"]); got != "Help children with their homework." {
		t.Errorf("Summary from the first paragraph = %q", got)
	}
}

func TestConcurrentPages(t *testing.T) {
	r, s := fixture(t)
	want := renderAll(t, r, s)
	var wg sync.WaitGroup
	for range 4 {
		for _, pg := range s.Pages {
			wg.Go(func() {
				var b bytes.Buffer
				if err := r.Page(&b, s, pg); err != nil {
					t.Error(err)
				} else if b.String() != want[pg.Path] {
					t.Errorf("%s differs when rendered concurrently", pg.Path)
				}
			})
		}
	}
	wg.Wait()
}

func TestLiveReload(t *testing.T) {
	r, s := load(t, fixtureFS(t), fixtureToday, Options{LiveReload: "/_jobboard/events",
		Assets: map[string]string{"style.css": "/s.css", "favicon.svg": "/f.svg", "search.js": "/sj.js", "search-box.js": "/sb.js"}})
	out := renderAll(t, r, s)["/fr/"]
	if !strings.Contains(out, `new EventSource("/_jobboard/events")`) {
		t.Errorf("no live reload script:\n%s", out[strings.LastIndex(out, "</footer>"):])
	}
}

// TestCheck makes the apply link too long: Check warns on the apply: line
// of the facts file.
func TestCheck(t *testing.T) {
	r, s := fixture(t)
	// The fixture's raw HTML, <script> and <b> on one line: one warning.
	if ds := r.Check(s); len(ds) != 1 || ds[0].String() != "content/postings/coordinateur-paris.fr.md:25: warning: raw HTML is not published; write it in Markdown" {
		t.Fatalf("Check(fixture) = %v, want the raw HTML warning only", ds)
	}
	p := posting(s, "coordinateur-paris")
	p.Facts.Apply.Subject = strings.Repeat("é", 400)
	ds := applyDiags(r.Check(s))
	if len(ds) != 2 {
		t.Fatalf("Check = %v, want a warning per language", ds)
	}
	want := "content/postings/coordinateur-paris.fr.md:15: warning: apply: the apply link of the fr page is 2"
	if got := ds[0].String(); !strings.HasPrefix(got, want) {
		t.Errorf("Check = %q, want %q…", got, want)
	}
	p.Facts.Apply.Subject = "two\nlines"
	if ds := applyDiags(r.Check(s)); len(ds) != 2 || ds[0].Severity != content.Error {
		t.Errorf("Check with a line break in the subject = %v, want errors", ds)
	}
}

func applyDiags(ds content.Diagnostics) content.Diagnostics {
	return slices.DeleteFunc(ds, func(d content.Diagnostic) bool { return d.Field != "apply" })
}

// withBody replaces the Markdown body of file, a file of the fixture
// site, keeping its front matter.
func withBody(m fstest.MapFS, file, body string) {
	data := m[file].Data
	end := bytes.Index(data[3:], []byte("\n---\n")) + 3 + len("\n---\n")
	m[file] = &fstest.MapFile{Data: append(append([]byte(nil), data[:end]...), body...)}
}

// TestCheckMarkdown: what a body would load from another origin, or lose,
// is reported at its line. The body of benevole-marseille.en.md starts on
// line 14, the employer's on line 4.
func TestCheckMarkdown(t *testing.T) {
	const (
		post = "content/postings/benevole-marseille.en.md"
		org  = "content/organizations/exemple.en.md"
	)
	const (
		afar = "images must be files of assets/ (like assets/photo.jpg); an image from another site would tell that site who reads the posting"
		data = "images must be files of assets/ (like assets/photo.jpg); a data: image is written out in full in the page, which makes every visit heavier"
		raw  = "warning: raw HTML is not published; write it in Markdown"
	)
	for _, c := range []struct {
		name, file, body string
		want             []string
	}{
		{"asset image", post, "![Our team](assets/logo.png)\n", nil},
		{"asset image from the root", post, "![Our team](/assets/logo.png \"title\")\n", nil},
		{"links and comments", post, "[a page](https://example.org/) <mail@example.org> [rel](/fr/)\n\n<!-- note -->\n\nText <!-- aside -->.\n", nil},
		{"https image", post, "Intro.\n\n![A map](https://maps.example.com/x.png)\n", []string{post + ":16: " + afar}},
		{"protocol-relative image", post, "![x](//cdn.example.com/x.png)\n", []string{post + ":14: " + afar}},
		{"backslashes", post, "![x](/\\\\cdn.example.com/x.png)\n", []string{post + ":14: " + afar}},
		{"data image", post, "![x](data:image/png;base64,AAAA)\n", []string{post + ":14: " + data}},
		{"relative image", post, "![x](photo.jpg)\n", []string{post + `:14: image "photo.jpg": images must be files of assets/ (like assets/photo.jpg)`}},
		{"missing asset", post, "![x](assets/missing.jpg)\n", []string{post + `:14: image "assets/missing.jpg": there is no file assets/missing.jpg`}},
		{"no alt text mid-line", post, "First line\nsecond ![](assets/logo.png) line\n", []string{post + `:15: warning: image "assets/logo.png" has no alt text; say what it shows between the brackets, ![what it shows](assets/logo.png), for readers who cannot see it`}},
		{"no alt text at a line start", post, "First line\n![](assets/logo.png)\n", []string{post + `:15: warning: image "assets/logo.png" has no alt text; say what it shows between the brackets, ![what it shows](assets/logo.png), for readers who cannot see it`}},
		{"image in a list", post, "- one\n- two\n- ![x](http://e.example/a.png)\n", []string{post + ":16: " + afar}},
		{"image in a link", post, "Text\n\n[![logo](https://e.example/l.png)](https://e.example/)\n", []string{post + ":16: " + afar}},
		{"html block", post, "Text\n\n<div>\nhello\n</div>\n", []string{post + ":16: " + raw}},
		{"inline html, once a line", post, "a\nb <b>bold</b> c\nd <br>\n", []string{post + ":15: " + raw, post + ":16: " + raw}},
		{"javascript link", post, "Text\n[apply](javascript:alert(1))\n", []string{post + ":15: a javascript: link is published as a link to nothing; link to a web page or an e-mail address"}},
		{"javascript autolink", post, "<JavaScript:alert(1)>\n", []string{post + ":14: a javascript: link is published as a link to nothing; link to a web page or an e-mail address"}},
		{"javascript link with a character reference", post, "Text\n[apply](javascript&colon;alert(1))\n", []string{post + ":15: a javascript: link (written javascript&colon;alert(1)) is published as a link to nothing; link to a web page or an e-mail address"}},
		{"numeric character references", post, "[a](&#106;avascript:x) [b](vbscript&#58;x)\n", []string{
			post + ":14: a javascript: link (written &#106;avascript:x) is published as a link to nothing; link to a web page or an e-mail address",
			post + ":14: a vbscript: link (written vbscript&#58;x) is published as a link to nothing; link to a web page or an e-mail address"}},
		{"reference definition with a character reference", post, "[apply][r]\n\n[r]: javascript&colon;x\n", []string{post + ":14: a javascript: link (written javascript&colon;x) is published as a link to nothing; link to a web page or an e-mail address"}},
		{"employer", org, "Hello.\n\n![x](https://e.example/a.png) <i>hi</i>\n", []string{org + ":6: " + afar, org + ":6: " + raw}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := fixtureFS(t)
			withBody(m, c.file, c.body)
			r, s := load(t, m, fixtureToday, Options{})
			var got []string
			for _, d := range r.Check(s) {
				if d.File == c.file {
					got = append(got, d.String())
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Check =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestImages: an image of assets/ is published by its hashed address, in
// a posting and an employer's text; an image from another site never
// reaches the page, its alt text stands in its place.
func TestImages(t *testing.T) {
	m := fixtureFS(t)
	withBody(m, "content/postings/benevole-marseille.en.md", "![Our logo](assets/logo.png) and ![a tracker](https://tracker.example.com/p.gif).\n")
	withBody(m, "content/organizations/exemple.en.md", "![The office](/assets/logo.png) ![x](//cdn.example.com/x.png)\n")
	cache := &Cache{}
	r, s := load(t, m, fixtureToday, Options{Cache: cache})
	out := renderAll(t, r, s)["/en/benevole-marseille/"]
	for _, want := range []string{
		`<img src="/assets/logo.9c0d1e2f.png" alt="Our logo">`,
		`<img src="/assets/logo.9c0d1e2f.png" alt="The office">`,
		`and a tracker.`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, bad := range []string{"tracker.example.com", "cdn.example.com", "p.gif"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page names %s", bad)
		}
	}
	// A later build, where logo.png changed: the cached body must not
	// keep the old address.
	r2, s2 := load(t, m, fixtureToday, Options{Cache: cache, Assets: map[string]string{
		"style.css": "/s.css", "favicon.svg": "/f.svg", "search.js": "/sj.js", "search-box.js": "/sb.js", "logo.png": "/assets/logo.00000000.png"}})
	if got := string(r2.BodyHTML(posting(s2, "benevole-marseille").Translations["en"])); !strings.Contains(got, `src="/assets/logo.00000000.png"`) {
		t.Errorf("after logo.png changed, the body is %s", got)
	}
	// One where it is gone, and one where it is back.
	noLogo := map[string]string{"style.css": "/s.css", "favicon.svg": "/f.svg", "search.js": "/sj.js", "search-box.js": "/sb.js"}
	r3, s3 := load(t, m, fixtureToday, Options{Cache: cache, Assets: noLogo})
	if got := string(r3.BodyHTML(posting(s3, "benevole-marseille").Translations["en"])); strings.Contains(got, "<img") {
		t.Errorf("without logo.png, the body is %s", got)
	}
	r4, s4 := load(t, m, fixtureToday, Options{Cache: cache})
	if got := string(r4.BodyHTML(posting(s4, "benevole-marseille").Translations["en"])); !strings.Contains(got, `src="/assets/logo.9c0d1e2f.png"`) {
		t.Errorf("with logo.png back, the body is %s", got)
	}
}

// TestNewErrors breaks the layouts and interface strings: New names the
// file, the line when there is one, and the key.
func TestNewErrors(t *testing.T) {
	cs, _ := content.Load(fixtureFS(t), content.Options{})
	assets := map[string]string{"style.css": "/s.css", "favicon.svg": "/f.svg", "search.js": "/sj.js", "search-box.js": "/sb.js"}
	drop := func(file, line string) func(fstest.MapFS) {
		return func(m fstest.MapFS) {
			m[file] = &fstest.MapFile{Data: regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(line)+`.*\n`).ReplaceAll(m[file].Data, nil)}
		}
	}
	for _, c := range []struct {
		name   string
		edit   func(fstest.MapFS)
		assets map[string]string
		want   string
	}{
		{"key used by the code", drop("layouts/i18n/en.yaml", "apply.rule.both:"), assets, `layouts/i18n/en.yaml: missing "apply.rule.both"`},
		{"key used by a layout", drop("layouts/i18n/fr.yaml", "skip:"), assets, `layouts/base.html:33: "skip" is missing from layouts/i18n/fr.yaml`},
		{"mistyped key", func(m fstest.MapFS) {
			m["layouts/posting.html"].Data = bytes.Replace(m["layouts/posting.html"].Data, []byte(`<h1>{{.Title}}</h1>`), []byte(`<h1>{{.Title}}</h1>{{$.T "no.such.key"}}`), 1)
		}, assets, `layouts/posting.html:29: "no.such.key" is missing from layouts/i18n/fr.yaml and layouts/i18n/en.yaml`},
		{"key used twice: the first place", func(m fstest.MapFS) {
			// In a partial, walked once per page layout, and in a page.
			m["layouts/_apply.html"].Data = append([]byte(`{{define "x"}}{{.T "no.such.key"}}{{end}}`+"\n"), m["layouts/_apply.html"].Data...)
			m["layouts/posting.html"].Data = bytes.Replace(m["layouts/posting.html"].Data, []byte(`<h1>{{.Title}}</h1>`), []byte(`<h1>{{.Title}}</h1>{{$.T "no.such.key"}}`), 1)
		}, assets, `layouts/_apply.html:1: "no.such.key" is missing from`},
		{"key only in the other language", func(m fstest.MapFS) {
			m["layouts/i18n/fr.yaml"].Data = append(m["layouts/i18n/fr.yaml"].Data, "extra: \"x\"\n"...)
		}, assets, `layouts/i18n/en.yaml: missing "extra"`},
		{"file", func(m fstest.MapFS) { delete(m, "layouts/i18n/en.yaml") }, assets, `layouts/i18n/en.yaml: missing`},
		{"different verbs", func(m fstest.MapFS) {
			m["layouts/i18n/en.yaml"].Data = bytes.Replace(m["layouts/i18n/en.yaml"].Data, []byte(`list.archive: "Closed positions (%d)"`), []byte(`list.archive: "Closed positions (%s)"`), 1)
		}, assets, `layouts/i18n/en.yaml: "list.archive": takes [s], but layouts/i18n/fr.yaml takes [d]`},
		{"nested value", func(m fstest.MapFS) {
			m["layouts/i18n/en.yaml"].Data = append(m["layouts/i18n/en.yaml"].Data, "nested:\n  a: b\n"...)
		}, assets, `"nested": must be text, on one line after the key`},
		{"computed key", func(m fstest.MapFS) {
			m["layouts/home.html"] = &fstest.MapFile{Data: []byte("{{define \"content\"}}\n{{.T .Lang}}{{end}}")}
		}, assets, `layouts/home.html:2:2: .T needs its key written out`},
		{"template syntax", func(m fstest.MapFS) {
			m["layouts/posting.html"] = &fstest.MapFile{Data: []byte("{{define \"content\"}}\n\n{{.Posting.Title}{{end}}")}
		}, assets, `layouts/posting.html:3:`},
		{"layout", func(m fstest.MapFS) { delete(m, "layouts/list.html") }, assets, `layouts/list.html: missing`},
		{"asset", nil, map[string]string{"style.css": "/s.css"}, `assets/favicon.svg: missing`},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := fixtureFS(t)
			// serve's next build: a Cache that holds the good layouts
			// and strings must not hide the mistake.
			cache := &Cache{}
			if _, err := New(m, cs, Options{Assets: assets, Cache: cache}); err != nil {
				t.Fatal(err)
			}
			if c.edit != nil {
				c.edit(m)
			}
			for _, minify := range []func(string) (string, error){nil, minifyHTML} {
				for _, cache := range []*Cache{nil, cache} {
					_, err := New(m, cs, Options{Assets: c.assets, Cache: cache, Minify: minify})
					if err == nil || !strings.Contains(err.Error(), c.want) {
						t.Errorf("New (cache %v, minified %v) = %v, want an error containing %q", cache != nil, minify != nil, err, c.want)
					}
				}
			}
		})
	}
}

// TestCachedLayouts: a Renderer made with the Cache of an earlier one
// parses the layouts and strings again only when their text changed, and
// then shows the change.
func TestCachedLayouts(t *testing.T) {
	m := fixtureFS(t)
	cache := &Cache{}
	r1, s := load(t, m, fixtureToday, Options{Cache: cache})
	r2, _ := load(t, m, fixtureToday, Options{Cache: cache})
	if r1.layouts != r2.layouts || r1.msgs["fr"] != r2.msgs["fr"] {
		t.Error("same layouts and strings parsed again")
	}
	m["layouts/posting.html"].Data = bytes.Replace(m["layouts/posting.html"].Data, []byte(`<h1>{{.Title}}</h1>`), []byte(`<h1 class="edited">{{.Title}}</h1>`), 1)
	m["layouts/i18n/en.yaml"].Data = bytes.Replace(m["layouts/i18n/en.yaml"].Data, []byte(`skip: "`), []byte(`skip: "Edited: `), 1)
	r3, _ := load(t, m, fixtureToday, Options{Cache: cache})
	pages := renderAll(t, r3, s)
	for _, pg := range s.Pages {
		if pg.Kind == site.PostingPage && !strings.Contains(pages[pg.Path], `<h1 class="edited">`) {
			t.Errorf("%s: edited layout not used", pg.Path)
		}
	}
	if !strings.Contains(pages["/en/"], `Edited: `) {
		t.Error("edited interface string not used")
	}
	if r3.msgs["fr"] != r1.msgs["fr"] {
		t.Error("unchanged strings of fr parsed again")
	}
}

// TestTFails: an interface string that does not exist, or that does not
// fit its arguments, fails the page; it is never blank.
func TestTFails(t *testing.T) {
	r, _ := fixture(t)
	v := &View{r: r, Lang: "en"}
	if got, err := v.T("no.such.key"); err == nil || !strings.Contains(err.Error(), `layouts/i18n/en.yaml: missing "no.such.key"`) {
		t.Errorf(`T("no.such.key") = %q, %v; want an error`, got, err)
	}
	if got, err := v.T("list.archive"); err == nil {
		t.Errorf(`T("list.archive") without its number = %q, want an error`, got)
	}
	if got, err := v.T("skip", "extra"); err == nil {
		t.Errorf(`T("skip", "extra") = %q, want an error`, got)
	}
	if got, err := v.TIn("de", "skip"); err == nil {
		t.Errorf(`TIn("de", "skip") = %q, want an error`, got)
	}
}

// TestTextGivenBack: a body let go is rendered from Options.Text, as it
// would have been from Body; when Text fails, Err says so and nothing
// wrong is kept for the next page that needs the body.
func TestTextGivenBack(t *testing.T) {
	var failing atomic.Bool
	var calls atomic.Int64
	texts := map[*content.Translation][]byte{}
	opt := Options{Text: func(tr *content.Translation) ([]byte, error) {
		calls.Add(1)
		if failing.Load() {
			return nil, errors.New(tr.File + " changed")
		}
		return texts[tr], nil
	}}
	r, s := load(t, fixtureFS(t), fixtureToday, opt)
	want, _ := fixture(t)
	var tr *content.Translation
	for _, p := range s.Postings {
		for _, t := range p.Translations {
			tr = t
		}
	}
	wantHTML := want.BodyHTML(tr)
	texts[tr], tr.Body = tr.Body, nil

	failing.Store(true)
	if got := r.BodyHTML(tr); got != "" || r.Err() == nil || !strings.Contains(r.Err().Error(), "changed") {
		t.Fatalf("failing Text: BodyHTML %q, Err %v", got, r.Err())
	}
	failing.Store(false)
	if got := r.BodyHTML(tr); got != wantHTML || wantHTML == "" {
		t.Errorf("BodyHTML from Text = %q, want %q", got, wantHTML)
	}
	if calls.Load() != 2 {
		t.Errorf("Text called %d times, want 2 (the failure is not kept)", calls.Load())
	}
}

// foldData is what the templates of TestFoldTexts are executed with: T
// counts its calls, so that a text folded in is seen not to be asked for.
type foldData struct {
	msgs  *messages
	calls *int
	List  []int
	V     string
}

func (d foldData) T(key string, args ...any) (string, error) {
	*d.calls++
	text, ok := d.msgs.text[key]
	if !ok {
		return "", fmt.Errorf("missing %q", key)
	}
	if len(args) == 0 && !strings.Contains(text, "%") {
		return text, nil
	}
	return fmt.Sprintf(text, args...), nil
}

// TestFoldTexts: a template whose .T "key" calls were replaced by their
// texts writes what it wrote with the calls, in every context html/template
// escapes for, and no longer calls T; calls with arguments, texts with a %
// and other receivers are left to T.
func TestFoldTexts(t *testing.T) {
	msgs := &messages{file: "x.yaml", text: map[string]string{"plain": `Tom & "Jerry's" <b>/?x=1`, "pct": "100 %% sûr", "fmt": "n = %d"}}
	for _, c := range []struct {
		name, src string
		folded    bool
	}{
		{"text", `<p>{{.T "plain"}}</p>`, true},
		{"from $", `<p>{{$.T "plain"}}</p>`, true},
		{"attributes", `<a title="{{.T "plain"}}" href="/s?q={{.T "plain"}}" data-x={{.T "plain"}}>x</a>`, true},
		{"script", `<script>var s = {{.T "plain"}};</script>`, true},
		{"style", `<p style="content: '{{.T "plain"}}'">x</p>`, true},
		{"pipeline", `{{.T "plain" | printf "%s!"}}`, true},
		{"argument", `{{printf "%s!" (.T "plain")}}`, true},
		{"branches", `{{if .V}}{{.T "plain"}}{{else}}{{$.T "plain"}}{{end}}{{range .List}}{{$.T "plain"}}{{end}}{{with .V}}{{$.T "plain"}}{{end}}`, true},
		{"template", `{{define "x"}}<b>{{.T "plain"}}</b>{{end}}{{template "x" $}}`, true},
		{"with arguments", `{{.T "fmt" 3}}`, false},
		{"percent", `{{.T "pct"}}`, false},
		{"other receiver", `{{$v := $}}{{$v.T "plain"}}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmpl := template.Must(template.New("t").Parse(c.src))
			folded, err := tmpl.Clone()
			if err != nil {
				t.Fatal(err)
			}
			for _, ft := range folded.Templates() {
				if ft.Tree != nil {
					foldTexts(ft.Tree.Root, msgs)
				}
			}
			run := func(tmpl *template.Template) (string, int) {
				calls := 0
				var b strings.Builder
				if err := tmpl.Execute(&b, foldData{msgs: msgs, calls: &calls, List: []int{1, 2}, V: "v"}); err != nil {
					t.Fatal(err)
				}
				return b.String(), calls
			}
			want, wantCalls := run(tmpl)
			got, calls := run(folded)
			if got != want {
				t.Errorf("folded:\n%s\nwant:\n%s", got, want)
			}
			if wantCalls == 0 {
				t.Fatal("the template does not call T")
			}
			if c.folded && calls != 0 {
				t.Errorf("T called %d times, want 0: not folded", calls)
			}
			if !c.folded && calls != wantCalls {
				t.Errorf("T called %d times, want %d", calls, wantCalls)
			}
		})
	}
}

// TestCheckGivenBack: Check reads a body let go from Options.Text and
// finds in it what it finds in the Body; when Text fails, Err says so.
func TestCheckGivenBack(t *testing.T) {
	m := fixtureFS(t)
	// A finding in every body: raw HTML.
	for name, f := range m {
		if strings.HasPrefix(name, "content/postings/") {
			f.Data = append(f.Data, "\n<b>raw</b>\n"...)
		}
	}
	var failing atomic.Bool
	texts := map[*content.Translation][]byte{}
	r, s := load(t, m, fixtureToday, Options{Text: func(tr *content.Translation) ([]byte, error) {
		if failing.Load() {
			return nil, errors.New(tr.File + " changed")
		}
		return texts[tr], nil
	}})
	want := r.Check(s)
	if len(want) == 0 {
		t.Fatal("no finding in the bodies")
	}
	for _, p := range s.Postings {
		for _, tr := range p.Translations {
			texts[tr], tr.Body = tr.Body, nil
		}
	}
	if got := r.Check(s); fmt.Sprint(got) != fmt.Sprint(want) || r.Err() != nil {
		t.Errorf("Check from Text:\n%v\nwant:\n%v (Err %v)", got, want, r.Err())
	}
	failing.Store(true)
	r.Check(s)
	if r.Err() == nil || !strings.Contains(r.Err().Error(), "changed") {
		t.Errorf("failing Text: Err %v", r.Err())
	}
}
