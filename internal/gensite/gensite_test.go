package gensite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
)

// The benchmarks are only comparable if the same options give the same
// files, and only meaningful if the site is valid content.
func TestWriteIsDeterministicAndValid(t *testing.T) {
	opt := Options{N: 40, Seed: 7, Now: DefaultNow}
	a, b := t.TempDir(), t.TempDir()
	sa, err := Write(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, opt); err != nil {
		t.Fatal(err)
	}
	if sa.Postings != 40 {
		t.Errorf("Stats.Postings = %d, want 40", sa.Postings)
	}
	files := 0
	filepath.WalkDir(a, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(a, p)
		da, _ := os.ReadFile(p)
		db, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || string(da) != string(db) {
			t.Errorf("%s differs between two runs with the same options", rel)
		}
		return nil
	})
	if files == 0 {
		t.Fatal("no file written")
	}
	site, diags := content.Load(os.DirFS(a), content.Options{Today: content.DateOf(DefaultNow)})
	if site == nil {
		t.Fatalf("the generated site does not load:\n%v", diags.Err())
	}
	if len(site.Postings) != 40 {
		t.Errorf("%d postings loaded, want 40", len(site.Postings))
	}
	closed := 0
	for _, p := range site.Postings {
		if p.Expired(content.DateOf(DefaultNow)) {
			closed++
		}
		if len(p.Langs) != 2 {
			t.Errorf("%s: languages %v, want fr and en", p.Slug, p.Langs)
		}
	}
	if closed == 0 || closed == len(site.Postings) {
		t.Errorf("%d of %d postings closed: the site should hold open and closed ones", closed, len(site.Postings))
	}
}
