package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobboard/jobboard"
	"github.com/jobboard/jobboard/internal/build"
)

// contentOnly copies the example site's content/ alone into a new folder:
// a site kept in its own repository, with the built-in theme.
func contentOnly(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(repoRoot, "content"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBuiltinTheme builds the example's content/ with no layouts/ or
// assets/ folder, from the built-in theme: the site is the example site,
// byte for byte, minified and not.
func TestBuiltinTheme(t *testing.T) {
	root := contentOnly(t)
	for _, minify := range []bool{true, false} {
		want := readTree(t, buildExample(t, minify))
		out := filepath.Join(t.TempDir(), "public")
		runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday, NoMinify: !minify, Theme: jobboard.Theme})
		got := readTree(t, out)
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("minify=%v: %s differs from the example site's", minify, name)
			}
		}
		if len(got) != len(want) {
			t.Errorf("minify=%v: %d files, the example site has %d", minify, len(got), len(want))
		}
	}
}

// TestThemeOverrides overrides one layout, one asset and one interface
// string in a site with the built-in theme: the pages show each change,
// and keep everything else of the theme.
func TestThemeOverrides(t *testing.T) {
	root := contentOnly(t)
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	posting, err := jobboard.Theme.ReadFile("layouts/posting.html")
	if err != nil {
		t.Fatal(err)
	}
	style, err := jobboard.Theme.ReadFile("assets/style.css")
	if err != nil {
		t.Fatal(err)
	}
	write("layouts/posting.html", strings.Replace(string(posting), `{{define "content"}}`, `{{define "content"}}<p class="local-banner">Local banner</p>`, 1))
	write("assets/style.css", string(style)+"\n.local-banner{color:#036}\n")
	write("layouts/i18n/en.yaml", "back: Back to every job we offer\n")
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday, NoMinify: true, Theme: jobboard.Theme})

	page := readPage(t, out, "/en/mediateur-interculturel-calais/")
	if !strings.Contains(page, `<p class="local-banner">Local banner</p>`) {
		t.Error("the posting page does not use the site's layouts/posting.html")
	}
	if !strings.Contains(page, `class="apply`) {
		t.Error("the posting page lost the built-in partials")
	}
	css := ""
	for name, data := range readTree(t, out) {
		if strings.HasPrefix(name, "assets/style.") {
			css = string(data)
		}
	}
	if !strings.Contains(css, ".local-banner") || !strings.Contains(css, "body") {
		t.Errorf("the stylesheet is not the site's assets/style.css:\n%.200s", css)
	}
	if list := readPage(t, out, "/en/archive/"); !strings.Contains(list, "Back to every job we offer") {
		t.Error("the English string back is not the site's")
	}
	if list := readPage(t, out, "/fr/archive/"); strings.Contains(list, "Back to every job") {
		t.Error("the English override reached the French pages")
	}
	if list := readPage(t, out, "/en/"); !strings.Contains(list, `lang="en"`) {
		t.Error("the other English strings are not the built-in ones")
	}
}
