package content

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestReadFileStat reads through DirFS's own path (on Linux) and the
// generic one, and holds them to fs.ReadFile and fs.Stat.
func TestReadFileStat(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"empty.md": "",
		"small.md": "---\ntitle: x\n---\nText.\n",
		"large.md": strings.Repeat("Une ligne de texte, é à ç.\n", 2000),
	}
	mtime := time.Date(2026, 11, 30, 10, 0, 0, 123456789, time.UTC)
	mapFS := fstest.MapFS{}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		mapFS[name] = &fstest.MapFile{Data: []byte(data), ModTime: mtime}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	mapFS["folder.md"] = &fstest.MapFile{Mode: fs.ModeDir}
	for _, sys := range []struct {
		name string
		fsys fs.FS
	}{{"DirFS", DirFS(dir)}, {"os.DirFS", os.DirFS(dir)}, {"MapFS", mapFS}} {
		for name, want := range files {
			data, size, mt, err := readFileStat(sys.fsys, name)
			if err != nil || string(data) != want || size != int64(len(want)) || !mt.Equal(mtime) {
				t.Errorf("%s: readFileStat(%s) = %d bytes (equal: %v), size %d, time %v, %v; want %d bytes, time %v",
					sys.name, name, len(data), string(data) == want, size, mt, err, len(want), mtime)
			}
		}
		for _, name := range []string{"missing.md", "../escape.md", "/abs.md", "folder.md"} {
			if _, _, _, err := readFileStat(sys.fsys, name); err == nil {
				t.Errorf("%s: readFileStat(%s) read something", sys.name, name)
			} else if name == "missing.md" && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s: readFileStat(%s): %v, want not exist", sys.name, name, err)
			}
		}
	}
}

// TestDirFSRefusesLinksOut: every way of reading a DirFS, its own quick
// one too, refuses a link that leads outside the folder with a *LinkError
// naming the link and its target, and follows one that stays inside.
func TestDirFSRefusesLinksOut(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in.txt"), []byte("inside"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"out.txt": outside, "alias.txt": "in.txt", "via.txt": "out.txt"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(dir)
	reads := map[string]func(string) ([]byte, error){
		"readFileStat": func(n string) ([]byte, error) { d, _, _, err := readFileStat(fsys, n); return d, err },
		"ReadFile":     func(n string) ([]byte, error) { return fs.ReadFile(fsys, n) },
		"Stat":         func(n string) ([]byte, error) { _, err := fs.Stat(fsys, n); return nil, err },
		"Open": func(n string) ([]byte, error) {
			f, err := fsys.Open(n)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return io.ReadAll(f)
		},
	}
	for how, read := range reads {
		for name, link := range map[string]string{"out.txt": "out.txt", "via.txt": "out.txt"} {
			data, err := read(name)
			var le *LinkError
			if !errors.As(err, &le) || le.Path != name || le.Link != link || le.Target != outside || le.Kind != Outside {
				t.Errorf("%s(%s) = %q, %v; want a *LinkError of %s to %s", how, name, data, err, link, outside)
			}
		}
		if data, err := read("alias.txt"); err != nil || (how != "Stat" && string(data) != "inside") {
			t.Errorf("%s(alias.txt) = %q, %v; want the text of in.txt", how, data, err)
		}
	}
}

// TestDirFSStat holds DirFS's own Stat to os.Stat.
func TestDirFSStat(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f.md"), []byte("text"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("f.md", filepath.Join(dir, "l.md")); err != nil {
		t.Fatal(err)
	}
	fsys := DirFS(dir)
	for _, name := range []string{"f.md", "d", "l.md", "."} {
		got, err := fs.Stat(fsys, name)
		want, werr := os.Stat(filepath.Join(dir, name))
		if err != nil || werr != nil {
			t.Fatalf("Stat(%s): %v; os.Stat: %v", name, err, werr)
		}
		if got.Name() != path.Base(name) || got.Size() != want.Size() || got.Mode() != want.Mode() || !got.ModTime().Equal(want.ModTime()) || got.IsDir() != want.IsDir() {
			t.Errorf("Stat(%s) = %s %d %v %v; os.Stat: %d %v %v", name, got.Name(), got.Size(), got.Mode(), got.ModTime(), want.Size(), want.Mode(), want.ModTime())
		}
	}
	if _, err := fs.Stat(fsys, "missing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat(missing): %v, want not exist", err)
	}
}
