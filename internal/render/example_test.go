package render

import (
	"bytes"
	"flag"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/site"
)

var outDir = flag.String("out", "", "also write the example site's pages (and assets) into this `folder`, to look at them")

// exampleAssets are the asset addresses the tests give New, as the build
// would with content hashes.
var exampleAssets = map[string]string{"style.css": "/assets/style.css", "favicon.svg": "/assets/favicon.svg", "search.js": "/assets/search.js", "search-box.js": "/assets/search-box.js"}

// loadExample loads the repository's example site (content/, layouts/) on
// the day today.
func loadExample(t testing.TB, today string) (*Renderer, *site.Site) {
	t.Helper()
	root := os.DirFS("../..")
	day, err := content.ParseDate(today)
	if err != nil {
		t.Fatal(err)
	}
	cs, diags := content.Load(root, content.Options{Today: day})
	if cs == nil {
		t.Fatalf("load example site:\n%v", diags)
	}
	s, diags := site.Assemble(cs, day)
	if diags.Errors() > 0 {
		t.Fatalf("assemble example site:\n%v", diags)
	}
	r, err := New(root, cs, Options{Assets: exampleAssets})
	if err != nil {
		t.Fatal(err)
	}
	return r, s
}

// pageFile is the file of a page address: "/fr/x/" → "fr/x/index.html".
func pageFile(p string) string {
	if path.Ext(p) == ".html" {
		return p[1:]
	}
	return path.Join(p[1:], "index.html")
}

func TestExampleSite(t *testing.T) {
	r, s := loadExample(t, "2025-05-01")
	for _, pg := range s.Pages {
		var b bytes.Buffer
		if err := r.Page(&b, s, pg); err != nil {
			t.Fatalf("%s: %v", pg.Path, err)
		}
		if *outDir != "" {
			f := filepath.Join(*outDir, filepath.FromSlash(pageFile(pg.Path)))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if *outDir != "" {
		for _, a := range []string{"style.css", "favicon.svg"} {
			data, err := os.ReadFile(filepath.Join("../../assets", a))
			if err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(*outDir, "assets"), 0o755)
			if err := os.WriteFile(filepath.Join(*outDir, "assets", a), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if ds := r.Check(s); len(ds) > 0 {
		t.Errorf("Check(example) = %v, want nothing", ds)
	}
}
