package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
	"github.com/jobboard/jobboard/internal/site"
)

// TestNewestPosted: newestPosted, which looks at the first open posting
// only, is the newest date posted of all the open ones, on a generated
// site built on days where more and more of its postings have closed.
func TestNewestPosted(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 300, Seed: 5, Theme: filepath.Join("..", "..")}); err != nil {
		t.Fatal(err)
	}
	for _, days := range []int{0, 30, 90, 200, 400} {
		today := content.DateOf(gensite.DefaultNow.AddDate(0, 0, days))
		cs, diags := content.Load(os.DirFS(dir), content.Options{Today: today})
		if cs == nil {
			t.Fatal(diags)
		}
		s, _ := site.Assemble(cs, today)
		var want content.Date
		for _, p := range s.Postings {
			if !p.Expired && p.Facts.Posted.After(want) {
				want = p.Facts.Posted
			}
		}
		if got := newestPosted(s); got != want {
			t.Errorf("%d days on: newestPosted = %v, the newest open posting was posted %v", days, got, want)
		}
	}
	if got := newestPosted(&site.Site{}); !got.IsZero() {
		t.Errorf("no postings: newestPosted = %v, want the zero date", got)
	}
}
