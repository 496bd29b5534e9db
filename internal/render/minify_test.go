package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
)

// testMinifier is the HTML minifier of the build (internal/build's
// newMinifier), with Go template actions left as they are.
var testMinifier = func() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, TemplateDelims: html.GoTemplateDelims})
	m.AddFunc("text/css", css.Minify)
	return m
}()

func minifyHTML(s string) (string, error) { return testMinifier.String("text/html", s) }

// TestMinifiedLayouts: the pages made from the layouts minified say the
// same as those made from the layouts as written (minified whole, both are
// the same bytes), and are about as small as those minified whole.
func TestMinifiedLayouts(t *testing.T) {
	m := fixtureFS(t)
	plain, s := load(t, m, fixtureToday, Options{})
	small, _ := load(t, m, fixtureToday, Options{Minify: minifyHTML})
	files, err := readLayouts(m)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range minifyLayouts(files, minifyHTML) {
		if text == files[name] {
			t.Errorf("%s: used as written, not minified", name)
		}
	}
	want, got := renderAll(t, plain, s), renderAll(t, small, s)
	var wholeLen, gotLen int
	for p, page := range got {
		w, err := minifyHTML(want[p])
		if err != nil {
			t.Fatal(err)
		}
		g, err := minifyHTML(page)
		if err != nil {
			t.Fatal(err)
		}
		wholeLen, gotLen = wholeLen+len(w), gotLen+len(page)
		if g != w {
			t.Errorf("%s: made from the minified layouts and minified whole:\n%s\nwant, from the layouts as written:\n%s", p, g, w)
		}
	}
	// Left to the page: the whitespace next to actions, the HTML made
	// from Markdown, the characters html/template escapes (' as &#39;).
	if gotLen > wholeLen*102/100 {
		t.Errorf("pages from the minified layouts: %d bytes, those from the layouts as written minified whole %d", gotLen, wholeLen)
	}
	t.Logf("pages from the minified layouts: %d bytes, those from the layouts as written minified whole %d", gotLen, wholeLen)
}

// TestMinifyLayouts: a layout is minified, its comments with it, unless the
// minifier fails or changes its actions: it is then as written.
func TestMinifyLayouts(t *testing.T) {
	const layout = "{{- /* the posting's page: an apostrophe, \"quotes\" */ -}}\n<ul>\n  {{- range .}}\n  <li>{{.}}</li>\n  {{- end}}\n</ul>\n"
	dropAction := func(s string) (string, error) { return strings.Replace(s, "{{.}}", "", 1), nil }
	failing := func(string) (string, error) { return "", errors.New("no") }
	for _, c := range []struct {
		name   string
		minify func(string) (string, error)
		want   string
	}{
		{"minified", minifyHTML, "{{- /**/ -}}<ul>{{- range .}}<li>{{.}}</li>{{- end}}</ul>"},
		{"actions changed", dropAction, layout},
		{"minifier failed", failing, layout},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := minifyLayouts(layoutFiles{"layouts/x.html": layout}, c.minify)["layouts/x.html"]
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestSameActions: only the text between actions may differ.
func TestSameActions(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"<p> {{.A}} </p>\n{{if .B}} x {{else}} y {{end}}", "<p>{{.A}}</p>{{if .B}}x{{else}}{{end}}", true},
		{`{{define "t"}} <b>{{.}}</b> {{end}}`, `{{define "t"}}<b>{{.}}</b>{{end}}`, true},
		{"{{- /* a comment */ -}} <p>", "{{- /**/ -}}<p>", true},
		{"<p>{{.A}}</p>", "<p>{{.B}}</p>", false},
		{"<p>{{.A}}</p>", "<p>{{.A}}{{.A}}</p>", false},
		{"{{range .}}<li>{{.}}{{end}}", "{{range .}}<li>{{end}}{{.}}", false},
		{`{{define "t"}}{{.}}{{end}}`, `{{define "u"}}{{.}}{{end}}`, false},
		{"<p>{{.A}}</p>", "<p>{{.A</p>", false},
	} {
		if got := sameActions("x.html", c.a, c.b); got != c.want {
			t.Errorf("sameActions(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestMinifiedErrorPlace: a page whose layout fails when executed says
// where in the layout as written, though it was made from the minified
// one.
func TestMinifiedErrorPlace(t *testing.T) {
	m := fixtureFS(t)
	m["layouts/posting.html"].Data = bytes.Replace(m["layouts/posting.html"].Data, []byte(`<h1>{{.Title}}</h1>`), []byte(`<h1>{{.Title}}{{.NoSuchField}}</h1>`), 1)
	r, s := load(t, m, fixtureToday, Options{Minify: minifyHTML})
	for _, pg := range s.Pages {
		if pg.Translation == nil {
			continue
		}
		err := r.Page(&bytes.Buffer{}, s, pg)
		if err == nil || !strings.Contains(err.Error(), "layouts/posting.html:29:") || !strings.Contains(err.Error(), "NoSuchField") {
			t.Errorf("%s: %v, want the error at layouts/posting.html:29", pg.Path, err)
		}
		return
	}
	t.Fatal("no posting page")
}
