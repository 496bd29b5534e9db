package content

import (
	"errors"
	"io/fs"
	"os"
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
