package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/jobboard/jobboard/internal/gensite"
)

// TestTitleAsWritten: a French title whose space before ":" becomes a
// narrow no-break one (as staff who copy a title from the site paste it)
// reads the same on the list pages, which put that space in anyway, but
// not in the filter feeds and the search index, which give the title as
// written: a rebuild over the previous output must make them again.
func TestTitleAsWritten(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 30, Seed: 3, Theme: filepath.Join("..", "..")}); err != nil {
		t.Fatal(err)
	}
	open, _ := pickPostings(t, dir, true)
	title := regexp.MustCompile(`(?m)^title: "?([^"\n]*)`)
	edit := func(re *regexp.Regexp, repl string) {
		t.Helper()
		data, err := os.ReadFile(open)
		if err != nil {
			t.Fatal(err)
		}
		edited := re.ReplaceAll(data, []byte(repl))
		if bytes.Equal(edited, data) {
			t.Fatalf("%s: no %s to edit", open, re)
		}
		if err := os.WriteFile(open, edited, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(out string) {
		t.Helper()
		if _, err := Run(context.Background(), Config{Root: dir, Out: out, Today: benchToday}); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	edit(title, `title: "Poste : $1`)
	build(out)
	edit(regexp.MustCompile(`Poste : `), "Poste\u202f: ")
	build(out)
	fresh := filepath.Join(t.TempDir(), "public")
	build(fresh)
	got, want := filesOf(t, out), filesOf(t, fresh)
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a build into an empty folder", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is not made by a build into an empty folder", name)
		}
	}
}
