package serve

import (
	"fmt"
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

func TestLookup(t *testing.T) {
	files := map[string]*file{
		"index.html": {}, "fr/index.html": {}, "fr/x/index.html": {}, "assets/style.1.css": {}, "404.html": {},
	}
	tests := []struct {
		base, path string
		name       string
		status     int
	}{
		{"/", "/", "index.html", http.StatusOK},
		{"/", "/fr/x/", "fr/x/index.html", http.StatusOK},
		{"/", "/fr/x", "/fr/x/", http.StatusFound},
		{"/", "/assets/style.1.css", "assets/style.1.css", http.StatusOK},
		{"/", "/nope/", "404.html", http.StatusNotFound},
		// A site published below a folder is previewed below it.
		{"/jobs/", "/", "/jobs/", http.StatusFound},
		{"/jobs/", "/jobs", "/jobs/", http.StatusFound},
		{"/jobs/", "/jobs/", "index.html", http.StatusOK},
		{"/jobs/", "/jobs/fr/x/", "fr/x/index.html", http.StatusOK},
		{"/jobs/", "/jobs/fr/x", "/jobs/fr/x/", http.StatusFound},
		{"/jobs/", "/jobs/assets/style.1.css", "assets/style.1.css", http.StatusOK},
		{"/jobs/", "/jobs/nope", "404.html", http.StatusNotFound},
	}
	for _, tt := range tests {
		s := &snapshot{files: files, base: tt.base}
		name, status := s.lookup(tt.path)
		if name != tt.name || status != tt.status {
			t.Errorf("base %s: lookup(%q) = %q, %d; want %q, %d", tt.base, tt.path, name, status, tt.name, tt.status)
		}
	}
}

// TestOverlayEscapes: the error panel shows each problem on one line of its
// own, control characters written out (\x1b, \n) rather than obeyed, and
// markup as text.
func TestOverlayEscapes(t *testing.T) {
	lines := []string{
		"a.md:1: title: \n\nevent: reload",
		"b.md:2: \x1b]0;pwned\x07\x1b[2J",
		"c.md:3: x\r\ny\rz",
		"d.md:4: <script>alert(1)</script> \u202eevil\u202c",
		"e.md:5: \x00\t\u2028\u2029\u0085",
	}
	want := []string{
		`a.md:1: title: \n\nevent: reload`,
		`b.md:2: \x1b]0;pwned\x07\x1b[2J`,
		`c.md:3: x\r\ny\rz`,
		`d.md:4: &lt;script&gt;alert(1)&lt;/script&gt; \u202eevil\u202c`,
		`e.md:5: \x00\t\u2028\u2029\u0085`,
	}
	page := string(appendOverlay([]byte("<p>page</p>"), &outcome{n: 2, lines: lines}, true, msg.English))
	_, pre, ok := strings.Cut(page, "<pre")
	_, pre, _ = strings.Cut(pre, ">")
	pre, _, ok2 := strings.Cut(pre, "</pre>")
	if !ok || !ok2 {
		t.Fatalf("no <pre> in the overlay:\n%s", page)
	}
	if got := strings.Split(strings.TrimSuffix(pre, "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("the panel lists\n%q\nwant\n%q", got, want)
	}
	if i := strings.IndexFunc(page, func(r rune) bool {
		return r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\u2028' || r == '\u2029' || r == '\u202e'
	}); i >= 0 {
		t.Errorf("the page holds %q at byte %d:\n%q", []rune(page[i:])[0], i, page)
	}
}

// TestPanelsInLanguage: the preview's panels speak the language the
// command chose, as its terminal lines do.
func TestPanelsInLanguage(t *testing.T) {
	for _, c := range []struct {
		lang          msg.Lang
		overlay, note []string
	}{
		{msg.English,
			[]string{"The site could not be rebuilt (build 2)", "Below is the last version that worked. Fix these problems and save the file: this page reloads by itself."},
			[]string{"Draft: this posting is not published. Remove the line draft: true when it is ready.", "2 warnings: the site built, but check these (click to hide)"}},
		{msg.French,
			[]string{"Le site n'a pas pu être reconstruit (construction 2)", "Ci-dessous, la dernière version qui fonctionnait. Corrigez ces problèmes et enregistrez le fichier\u00a0: cette page se recharge toute seule."},
			[]string{"Brouillon\u00a0: cette offre n'est pas publiée. Supprimez la ligne draft: true quand elle est prête.", "2 avertissements\u00a0: le site est construit, mais vérifiez ces points (cliquez pour masquer)"}},
	} {
		overlay := string(appendOverlay(nil, &outcome{n: 2, lines: []string{"a", "b"}}, true, c.lang))
		notes := string(appendNotes(nil, []string{"a", "b"}, true, c.lang))
		for _, want := range c.overlay {
			if !strings.Contains(overlay, html.EscapeString(want)) {
				t.Errorf("the error panel has no %q:\n%s", want, overlay)
			}
		}
		for _, want := range c.note {
			if !strings.Contains(notes, html.EscapeString(want)) {
				t.Errorf("the notes have no %q:\n%s", want, notes)
			}
		}
	}
}

// TestPanelWarningsCapped: the warnings panel of a site with more warnings
// than panelWarnings lists the first ones, counts them all, and says how
// many it leaves to the terminal, in both languages.
func TestPanelWarningsCapped(t *testing.T) {
	warnings := make([]string, panelWarnings+42)
	for i := range warnings {
		warnings[i] = fmt.Sprintf("content/postings/p%03d.fr.md:3: warning: start: past", i)
	}
	for _, c := range []struct {
		lang        msg.Lang
		count, more string
	}{
		{msg.English, "142 warnings", "…and 42 more: the terminal lists them all, as jobboard check does"},
		{msg.French, "142 avertissements", "… et 42 autres\u00a0: le terminal les liste tous, comme le fait jobboard check"},
	} {
		notes := string(appendNotes(nil, warnings, false, c.lang))
		for _, want := range []string{c.count, c.more, warnings[0], warnings[panelWarnings-1]} {
			if !strings.Contains(notes, html.EscapeString(want)) {
				t.Errorf("%v: the panel has no %q", c.lang, want)
			}
		}
		if strings.Contains(notes, warnings[panelWarnings]) {
			t.Errorf("%v: the panel lists warning %d of %d", c.lang, panelWarnings+1, len(warnings))
		}
	}
	if notes := string(appendNotes(nil, warnings[:panelWarnings], false, msg.English)); strings.Contains(notes, "more:") {
		t.Errorf("%d warnings: the panel says there are more", panelWarnings)
	}
	one := string(appendNotes(nil, warnings[:panelWarnings+1], false, msg.French))
	if want := "… et 1 autre\u00a0: le terminal le liste avec les autres"; !strings.Contains(one, html.EscapeString(want)) {
		t.Errorf("%d warnings: the panel has no %q", panelWarnings+1, want)
	}
}
