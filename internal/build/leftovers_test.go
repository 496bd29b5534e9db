package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/build"
)

// TestLeftoversRemoved: the folders a build killed half-way leaves beside
// the output (.public-new-<digits>, .public-old-<digits> for public/) are
// removed by the next build, from empty or not, and nothing else is: not
// those of another output beside it, not anything else named alike.
func TestLeftoversRemoved(t *testing.T) {
	tests := []struct {
		name     string
		out      string // the output folder's name
		previous bool   // built before
		gone     []string
		kept     []string // folders
	}{
		{"first build", "public", false,
			[]string{".public-new-123456789", ".public-new-42", ".public-old-1765000000000000000"},
			[]string{".public-new-notes", ".public-new-", ".site-new-123", "public-new-123", ".public-new-12a", ".other-old-5", ".public.jobboard-cache-new-1"}},
		{"rebuild", "public", true,
			[]string{".public-new-123456789", ".public-new-42", ".public-old-1765000000000000000"},
			[]string{".public-new-notes", ".public-new-", ".site-new-123", "public-new-123", ".public-new-12a", ".other-old-5"}},
		{"another name", "www", true,
			[]string{".www-new-2990045", ".www-old-1765000000000000000"},
			[]string{".public-new-123", ".www-new-x1", ".www2-new-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copySite(t)
			base := t.TempDir()
			out := filepath.Join(base, tt.out)
			if tt.previous {
				runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			}
			for _, name := range tt.gone {
				os.MkdirAll(filepath.Join(base, name, "fr", "x"), 0o755)
				if err := os.WriteFile(filepath.Join(base, name, "fr", "x", "index.html"), []byte("half"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, name := range tt.kept {
				os.MkdirAll(filepath.Join(base, name), 0o755)
				os.WriteFile(filepath.Join(base, name, "mine.txt"), []byte("mine"), 0o644)
			}
			// A file, and a link to a folder, named as a leftover.
			os.WriteFile(filepath.Join(base, "."+tt.out+"-new-77"), []byte("a file, not a folder"), 0o644)
			os.Symlink(filepath.Join(base, tt.kept[0]), filepath.Join(base, "."+tt.out+"-new-78"))
			kept := append(tt.kept, "."+tt.out+"-new-77", "."+tt.out+"-new-78", filepath.Join(tt.kept[0], "mine.txt"))

			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			for _, name := range tt.gone {
				if _, err := os.Lstat(filepath.Join(base, name)); err == nil {
					t.Errorf("%s left after the build", name)
				}
			}
			for _, name := range kept {
				if _, err := os.Lstat(filepath.Join(base, name)); err != nil {
					t.Errorf("%s: %v; it is not jobboard's to remove", name, err)
				}
			}
		})
	}
}

// TestHandEditedOutputRestored: a file of the output changed by hand,
// keeping its size and with its modification time put back, is made
// again by the next build.
func TestHandEditedOutputRestored(t *testing.T) {
	root := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	want := readTree(t, out)
	for _, name := range []string{"fr/index.html", "fr/mediateur-interculturel-calais/index.html", "en/feed.xml", "sitemap.xml", "jobs.xml", "robots.txt", "404.html"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(out, filepath.FromSlash(name))
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			edited := bytes.ToUpper(want[name])
			if bytes.Equal(edited, want[name]) {
				t.Fatalf("%s: no letter to change", name)
			}
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.Write(edited)
			f.Close()
			if err := os.Chtimes(p, time.Time{}, info.ModTime()); err != nil {
				t.Fatal(err)
			}
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			got, _ := os.ReadFile(p)
			if !bytes.Equal(got, want[name]) {
				t.Errorf("%s still edited after a build: %.80q", name, got)
			}
		})
	}
}
