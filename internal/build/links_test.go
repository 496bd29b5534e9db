package build_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
)

// secret is in every file outside the site folder that a test links to:
// it must never be in the output.
const secret = "SECRET-OUTSIDE-THE-SITE-FOLDER"

// TestLinksOutsideTheSiteFolder: a symbolic link under content/, layouts/
// or assets/ that leads outside the site folder (to a file, to a folder),
// or round in a loop, or to a folder, is an error of check and build that
// names the link and where it leads; the build writes nothing, keeps the
// previous output, and nothing of the target reaches the output.
func TestLinksOutsideTheSiteFolder(t *testing.T) {
	outside := t.TempDir()
	posting, err := os.ReadFile(filepath.Join(repoRoot, "content/postings/mediateur-interculturel-calais.fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"h.txt":              secret + "\n",
		"style.css":          "body{color:red}/* " + secret + " */",
		"_extra.html":        `{{define "extra"}}` + secret + `{{end}}`,
		"lien-externe.fr.md": strings.Replace(string(posting), "Médiateur", "Médiateur "+secret, 1),
	} {
		if err := os.WriteFile(filepath.Join(outside, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name  string
		links map[string]string // link → target, "@root" standing for the site folder
		want  []string          // diagnostics, "@outside" standing for the outside folder
	}{
		{"a file of /proc", map[string]string{"assets/env.txt": "/proc/self/environ"},
			[]string{"assets/env.txt: a link to /proc/self/environ, outside the site folder; jobboard publishes only files inside the site folder: copy the file (or the folder) in instead of linking to it"}},
		{"a file outside", map[string]string{"assets/h.txt": "@outside/h.txt"},
			[]string{"assets/h.txt: a link to @outside/h.txt, outside the site folder"}},
		{"a relative link outside", map[string]string{"assets/h.txt": "@rel/h.txt"},
			[]string{"assets/h.txt: a link to @rel/h.txt, outside the site folder"}},
		{"a posting", map[string]string{"content/postings/lien-externe.fr.md": "@outside/lien-externe.fr.md"},
			[]string{"content/postings/lien-externe.fr.md: a link to @outside/lien-externe.fr.md, outside the site folder"}},
		{"a layout", map[string]string{"layouts/_extra.html": "@outside/_extra.html"},
			[]string{"layouts/_extra.html: a link to @outside/_extra.html, outside the site folder"}},
		{"a folder outside", map[string]string{"assets/ext": "@outside"},
			[]string{"assets/ext: a link to @outside, outside the site folder"}},
		{"a folder outside in content", map[string]string{"content/postings/ext": "@outside"},
			[]string{"content/postings/ext: a link to @outside, outside the site folder"}},
		{"through a link inside", map[string]string{"assets/a.txt": "b.txt", "assets/b.txt": "@outside/h.txt"},
			[]string{"assets/a.txt: in assets/b.txt, a link to @outside/h.txt, outside the site folder",
				"assets/b.txt: a link to @outside/h.txt, outside the site folder"}},
		{"a loop", map[string]string{"assets/a.txt": "b.txt", "assets/b.txt": "a.txt"},
			[]string{"assets/a.txt: a link to b.txt, which leads round in a loop; make it lead to a file, or remove it",
				"assets/b.txt: a link to a.txt, which leads round in a loop"}},
		{"a folder inside", map[string]string{"assets/up": ".."},
			[]string{"assets/up: a link to .., a folder; jobboard does not follow links to folders"}},
		{"a full path inside", map[string]string{"assets/copy.css": "@root/assets/style.css"},
			[]string{"assets/copy.css: a link to @root/assets/style.css, written as a full path"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := copySite(t)
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			filepath.WalkDir(out, func(p string, _ os.DirEntry, err error) error {
				if err == nil {
					os.Chtimes(p, old, old)
				}
				return nil
			})
			before := snapshot(t, out)
			rel, err := filepath.Rel(filepath.Join(root, "assets"), outside)
			if err != nil {
				t.Fatal(err)
			}
			subst := strings.NewReplacer("@outside", outside, "@root", root, "@rel", filepath.ToSlash(rel))
			for link, target := range c.links {
				if err := os.Symlink(subst.Replace(target), filepath.Join(root, filepath.FromSlash(link))); err != nil {
					t.Fatal(err)
				}
			}

			// check: the whole build in memory.
			var mu sync.Mutex
			var written bytes.Buffer
			cfg := build.Config{Root: root, Out: out, Today: exampleToday}
			res, err := build.NewBuilder(cfg).Generate(context.Background(), func(name string, data []byte) error {
				mu.Lock()
				defer mu.Unlock()
				written.Write(data)
				return nil
			})
			wantErrors(t, "check", res, err, subst, c.want)
			if bytes.Contains(written.Bytes(), []byte(secret)) {
				t.Errorf("check handed over a file with the outside file's text")
			}

			// build
			res, err = build.Run(context.Background(), cfg)
			wantErrors(t, "build", res, err, subst, c.want)
			after := snapshot(t, out)
			for name, st := range after {
				if bytes.Contains(st.data, []byte(secret)) {
					t.Errorf("build: %s holds the outside file's text", name)
				}
				if b, ok := before[name]; !ok || !bytes.Equal(b.data, st.data) || !b.modTime.Equal(st.modTime) {
					t.Errorf("build: %s added or changed by the failed build", name)
				}
			}
			for name := range before {
				if _, ok := after[name]; !ok {
					t.Errorf("build: %s removed by the failed build", name)
				}
			}
		})
	}
}

// wantErrors holds a failed build's result to want, parts of its error
// diagnostics, in order.
func wantErrors(t *testing.T, what string, res *build.Result, err error, subst *strings.Replacer, want []string) {
	t.Helper()
	var cerr *content.ContentError
	if !errors.As(err, &cerr) {
		t.Fatalf("%s: %v (%T), want a content error", what, err, err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if d.Severity == content.Error {
			got = append(got, d.String())
		}
	}
	all := strings.Join(got, "\n")
	at := 0
	for _, w := range want {
		w = subst.Replace(w)
		i := strings.Index(all[at:], w)
		if i < 0 {
			t.Errorf("%s: the errors lack %q (in order):\n%s", what, w, all)
			return
		}
		at += i + len(w)
	}
}

// TestLinksInsideTheSiteFolder: a link to a file inside the site folder is
// followed, as if the file were where the link is.
func TestLinksInsideTheSiteFolder(t *testing.T) {
	root := copySite(t)
	if err := os.MkdirAll(filepath.Join(root, "shared"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"extra.css": "p{margin:0}", "_note.html": `{{define "shared-note"}}x{{end}}`} {
		if err := os.WriteFile(filepath.Join(root, "shared", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"assets/extra.css":   "../shared/extra.css",
		"assets/icon.svg":    "favicon.svg",
		"layouts/_note.html": "../shared/_note.html",
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	for _, pattern := range []string{"assets/extra.*.css", "assets/icon.*.svg"} {
		if m, _ := filepath.Glob(filepath.Join(out, pattern)); len(m) != 1 {
			t.Errorf("%s: %d files, want 1", pattern, len(m))
		}
	}
}
