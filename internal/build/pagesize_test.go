package build

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
)

// TestPageSizeEdit: serve's Update after site.yaml's page_size changed
// is the build from empty (the lists are paginated anew; a patch of the
// last site kept its pages of 10).
func TestPageSizeEdit(t *testing.T) {
	dir := t.TempDir()
	const seed = 3
	if _, err := gensite.Write(dir, gensite.Options{N: 25, Seed: seed, Theme: filepath.Join("..", ".."), PageSize: content.MinPageSize}); err != nil {
		t.Fatal(err)
	}
	_, ids := statID(os.Args[0])
	p := &propSite{t: t, seed: seed, r: rand.New(rand.NewPCG(seed, 22)), dir: dir,
		out: filepath.Join(t.TempDir(), "public"), today: benchToday, noRun: !ids}
	p.live = NewBuilder(p.config())
	p.live.Watch(true)
	if !p.check("first build") {
		t.Fatal("does not build")
	}
	undo := map[string][]byte{}
	p.rewrite(undo, "content/site.yaml", regexp.MustCompile(`page_size: \d+`), false, func(string) string { return fmt.Sprintf("page_size: %d", 20) })
	p.check("site.yaml: page_size 10 → 20")
}
