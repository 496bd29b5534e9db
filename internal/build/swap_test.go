package build

import (
	"os"
	"path/filepath"
	"testing"
)

// swap puts the new site in place of the old one and leaves nothing behind,
// whether or not there was an old one.
func TestSwap(t *testing.T) {
	for _, old := range []bool{true, false} {
		parent := t.TempDir()
		out, dir := filepath.Join(parent, "public"), filepath.Join(parent, ".public-new-1")
		if err := os.MkdirAll(filepath.Join(dir, "fr"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "fr", "index.html"), []byte("new"), 0o644)
		if old {
			os.MkdirAll(filepath.Join(out, "en"), 0o755)
			os.WriteFile(filepath.Join(out, "en", "index.html"), []byte("old"), 0o644)
		}
		if err := swap(dir, out); err != nil {
			t.Fatalf("old=%v: swap: %v", old, err)
		}
		if data, err := os.ReadFile(filepath.Join(out, "fr", "index.html")); err != nil || string(data) != "new" {
			t.Errorf("old=%v: public/fr/index.html = %q, %v; want the new site", old, data, err)
		}
		if _, err := os.Stat(filepath.Join(out, "en")); err == nil {
			t.Errorf("old=%v: the old site's files are still in public/", old)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("old=%v: %v left beside public/, want public alone", old, names)
		}
	}
}

// swap replaces out by dir and removes the previous output.
func swap(dir, out string) error {
	old, err := replace(dir, out)
	if err != nil || old == "" {
		return err
	}
	return removeTree(old)
}
