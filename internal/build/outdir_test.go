package build_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
)

// sameSnapshots reports every difference between two snapshots.
func sameSnapshots(t *testing.T, what string, before, after map[string]fileState) {
	t.Helper()
	for name, b := range before {
		a, ok := after[name]
		switch {
		case !ok:
			t.Errorf("%s: %s was removed", what, name)
		case !bytes.Equal(a.data, b.data) || a.mode != b.mode || !a.modTime.Equal(b.modTime):
			t.Errorf("%s: %s was changed", what, name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s: %s was made", what, name)
		}
	}
}

// TestRefusedOutput: an output folder that is the site folder or one
// above it, that is, holds or lies in content/, layouts/ or assets/, that
// is a file, or that holds files jobboard did not make is refused with an
// *OutError, before anything is written or removed anywhere.
func TestRefusedOutput(t *testing.T) {
	tests := []struct {
		name string
		// out is the output folder, made by setup in base, which holds
		// the site folder, site/.
		setup func(t *testing.T, base, root string) (out string)
	}{
		{"the site folder", func(t *testing.T, base, root string) string { return root }},
		{"the site folder, with a slash", func(t *testing.T, base, root string) string { return root + "/" }},
		{"above the site folder", func(t *testing.T, base, root string) string { return base }},
		{"content", func(t *testing.T, base, root string) string { return filepath.Join(root, "content") }},
		{"layouts", func(t *testing.T, base, root string) string { return filepath.Join(root, "layouts") }},
		{"assets", func(t *testing.T, base, root string) string { return filepath.Join(root, "assets") }},
		{"in content", func(t *testing.T, base, root string) string { return filepath.Join(root, "content", "postings") }},
		{"new folder in layouts", func(t *testing.T, base, root string) string { return filepath.Join(root, "layouts", "new", "public") }},
		{"content by a relative path", func(t *testing.T, base, root string) string {
			t.Chdir(root)
			return "content"
		}},
		{"content through a link to the site", func(t *testing.T, base, root string) string {
			link := filepath.Join(base, "link")
			if err := os.Symlink(root, link); err != nil {
				t.Skip(err)
			}
			return filepath.Join(link, "content")
		}},
		{"a link to content", func(t *testing.T, base, root string) string {
			link := filepath.Join(base, "link")
			if err := os.Symlink(filepath.Join(root, "content"), link); err != nil {
				t.Skip(err)
			}
			return link
		}},
		{"the folder content/ links to", func(t *testing.T, base, root string) string {
			data := filepath.Join(base, "data")
			os.Mkdir(data, 0o755)
			if err := os.Rename(filepath.Join(root, "content"), filepath.Join(data, "postings")); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(data, "postings"), filepath.Join(root, "content")); err != nil {
				t.Skip(err)
			}
			return data
		}},
		{"a file", func(t *testing.T, base, root string) string {
			p := filepath.Join(base, "notes.txt")
			if err := os.WriteFile(p, []byte("my notes"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"a folder of the user's", func(t *testing.T, base, root string) string {
			p := filepath.Join(base, "other")
			os.MkdirAll(filepath.Join(p, "docs"), 0o755)
			if err := os.WriteFile(filepath.Join(p, "docs", "thesis.txt"), []byte("years of work"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"a folder of the user's with a site's index.html", func(t *testing.T, base, root string) string {
			p := filepath.Join(base, "www")
			os.MkdirAll(p, 0o755)
			if err := os.WriteFile(filepath.Join(p, "index.html"), []byte("<p>my site"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"a previous output, its record beside it, with a file added", func(t *testing.T, base, root string) string {
			out := filepath.Join(base, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			os.WriteFile(filepath.Join(out, "CNAME"), []byte("emplois.example.org"), 0o644)
			return out
		}},
		{"a folder of a previous output", func(t *testing.T, base, root string) string {
			out := filepath.Join(base, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			return filepath.Join(out, "fr")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			root := filepath.Join(base, "site")
			if err := os.CopyFS(root, os.DirFS(copySite(t))); err != nil {
				t.Fatal(err)
			}
			out := tt.setup(t, base, root)
			before := snapshot(t, base)
			res, err := build.Run(context.Background(), build.Config{Root: root, Out: out, Today: exampleToday})
			var oerr *build.OutError
			if !errors.As(err, &oerr) {
				t.Fatalf("build into %s: %v (%+v), want an *OutError", out, err, res)
			}
			if oerr.Out != out || oerr.Reason.IsZero() {
				t.Errorf("OutError{Out: %q, Reason: %q}, want Out %q and a reason", oerr.Out, oerr.Reason, out)
			}
			t.Log(err)
			sameSnapshots(t, "after the refused build", before, snapshot(t, base))
		})
	}
}

// TestAcceptedOutput: a new folder, an empty one, and a previous output
// (with the build's record beside it, or without, as an older jobboard
// left it or as git checks it out) are built into.
func TestAcceptedOutput(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, base, root string) (out string)
	}{
		{"default", func(t *testing.T, base, root string) string { return "" }},
		{"new folder", func(t *testing.T, base, root string) string { return filepath.Join(base, "new", "public") }},
		{"empty folder", func(t *testing.T, base, root string) string {
			p := filepath.Join(base, "empty")
			os.Mkdir(p, 0o755)
			return p
		}},
		{"previous output", func(t *testing.T, base, root string) string {
			out := filepath.Join(base, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			return out
		}},
		{"previous output with an IndexNow key file, without its record", func(t *testing.T, base, root string) string {
			editFile(t, root, "content/site.yaml", "\ntimezone:", "\nindexnow_key: 3f9c2a7d41e84b0c\ntimezone:")
			out := filepath.Join(base, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			copied := filepath.Join(base, "checkout", "public")
			if err := os.CopyFS(copied, os.DirFS(out)); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(copied, "3f9c2a7d41e84b0c.txt")); err != nil {
				t.Fatal(err)
			}
			// The site as before: the build replaces the key file.
			editFile(t, root, "content/site.yaml", "\nindexnow_key: 3f9c2a7d41e84b0c", "")
			return copied
		}},
		{"previous output without its record", func(t *testing.T, base, root string) string {
			out := filepath.Join(base, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			copied := filepath.Join(base, "checkout", "public")
			if err := os.CopyFS(copied, os.DirFS(out)); err != nil {
				t.Fatal(err)
			}
			return copied
		}},
		{"link to a previous output", func(t *testing.T, base, root string) string {
			out := filepath.Join(base, "public")
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			link := filepath.Join(base, "www")
			if err := os.Symlink(out, link); err != nil {
				t.Skip(err)
			}
			return link
		}},
	}
	want := readTree(t, buildExample(t, true))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			root := filepath.Join(base, "site")
			if err := os.CopyFS(root, os.DirFS(copySite(t))); err != nil {
				t.Fatal(err)
			}
			out := tt.setup(t, base, root)
			runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
			if out == "" {
				out = filepath.Join(root, "public")
			}
			if fi, err := os.Lstat(out); err == nil && fi.Mode()&os.ModeSymlink != 0 {
				// Still a link, to the new output.
				real, err := filepath.EvalSymlinks(out)
				if err != nil {
					t.Fatal(err)
				}
				out = real
			}
			compareTrees(t, "fresh build", out, want, readTree(t, out), false)
		})
	}
}
