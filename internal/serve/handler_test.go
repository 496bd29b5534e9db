package serve

import (
	"net/http"
	"slices"
	"strings"
	"testing"
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
	page := string(appendOverlay([]byte("<p>page</p>"), &outcome{n: 2, lines: lines}, true))
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
