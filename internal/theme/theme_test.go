package theme

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

var builtin = fstest.MapFS{
	"layouts/base.html":             {Data: []byte("theme base")},
	"layouts/posting.html":          {Data: []byte("theme posting")},
	"layouts/_apply.html":           {Data: []byte("theme apply")},
	"layouts/i18n/en.yaml":          {Data: []byte("back: Back\nskip: Skip\n")},
	"layouts/archetypes/posting.md": {Data: []byte("---\n")},
	"assets/style.css":              {Data: []byte("theme css")},
	"assets/favicon.svg":            {Data: []byte("<svg/>")},
}

func TestOverlay(t *testing.T) {
	site := fstest.MapFS{
		"content/site.yaml":    {Data: []byte("site")},
		"layouts/posting.html": {Data: []byte("site posting")},
		"assets/logo.png":      {Data: []byte("png")},
		"assets/style.css":     {Data: []byte("site css")},
	}
	o := New(site, builtin)
	for name, want := range map[string]string{
		"layouts/posting.html": "site posting",
		"layouts/base.html":    "theme base",
		"assets/style.css":     "site css",
		"assets/favicon.svg":   "<svg/>",
		"assets/logo.png":      "png",
		"content/site.yaml":    "site",
	} {
		data, err := fs.ReadFile(o, name)
		if err != nil || string(data) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, data, err, want)
		}
	}
	// The theme provides layouts and assets only.
	if _, err := fs.ReadFile(New(fstest.MapFS{}, fstest.MapFS{"content/site.yaml": {}}), "content/site.yaml"); err == nil {
		t.Error("content/ was read from the theme")
	}
	var walked []string
	if err := fs.WalkDir(o, "assets", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			walked = append(walked, p)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"assets/favicon.svg", "assets/logo.png", "assets/style.css"}; !slices.Equal(walked, want) {
		t.Errorf("assets/ walked as %q, want %q", walked, want)
	}
	if err := fstest.TestFS(o, "layouts/posting.html", "layouts/base.html", "assets/logo.png", "content/site.yaml"); err != nil {
		t.Error(err)
	}
	if New(site, nil) == nil || New(site, nil).(fstest.MapFS) == nil {
		t.Error("New with no theme is not the site itself")
	}
}

func TestLayers(t *testing.T) {
	site := fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("back: Return\n")}}
	b, s, err := Layers(New(site, builtin), "layouts/i18n/en.yaml")
	if err != nil || string(b) != "back: Back\nskip: Skip\n" || string(s) != "back: Return\n" {
		t.Errorf("Layers = %q, %q, %v", b, s, err)
	}
	b, s, err = Layers(site, "layouts/i18n/fr.yaml")
	if err != nil || b != nil || s != nil {
		t.Errorf("Layers of a missing file = %q, %q, %v", b, s, err)
	}
}

func TestCheck(t *testing.T) {
	site := fstest.MapFS{
		"layouts/posting.html":             {Data: []byte("site posting")}, // replaces the theme's
		"layouts/_footer.html":             {Data: []byte("a partial of the site's")},
		"layouts/postings.html":            {Data: []byte("a renamed or misspelt layout")},
		"layouts/i18n/en.yaml":             {Data: []byte("back: Return\nbakc: Typo\n")},
		"layouts/i18n/de.yaml":             {Data: []byte("back: Zurück\n")}, // a language of the site's
		"layouts/archetypes/posting.de.md": {Data: []byte("---\n")},
		"layouts/notes.txt":                {Data: []byte("?")},
		"assets/logo.png":                  {Data: []byte("png")},
	}
	var got []string
	for _, d := range Check(New(site, builtin)) {
		got = append(got, d.String())
	}
	want := []string{
		"layouts/postings.html: warning: replaces no built-in layout",
		"layouts/i18n/en.yaml:2: warning: bakc: is not a built-in interface string",
		"layouts/notes.txt: warning: is not a file jobboard reads",
	}
	if len(got) != len(want) {
		t.Errorf("%d warnings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("no warning starting %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if ds := Check(site); ds != nil {
		t.Errorf("a site with no theme: %v", ds)
	}
}
