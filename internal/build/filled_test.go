package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/feeds"
)

// TestFilledPosting: a posting whose job was filled (filled: a day) is
// closed from that day as expiry closes one: it is in the archive, its
// page says it is closed, with no apply link and no JobPosting, it is in
// neither jobs.xml nor the sitemap, and the record says closed, so that
// notify tells search engines. The day before, it is open.
func TestFilledPosting(t *testing.T) {
	root := copySite(t)
	const fr = "content/postings/mediateur-interculturel-calais.fr.md"
	editFile(t, root, fr, "\nposted: 2025-04-22", "\nposted: 2025-04-22\nfilled: 2026-11-25")
	const page = "/fr/mediateur-interculturel-calais/"

	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	p := readPage(t, out, page)
	if strings.Contains(p, "application/ld+json") || strings.Contains(p, "mailto:") {
		t.Error("the filled posting's page still has its JobPosting or its apply link")
	}
	if a := readPage(t, out, "/fr/archive/"); !strings.Contains(a, page) || !strings.Contains(visibleText(a), "25 novembre 2026") {
		t.Errorf("the archive does not list the posting, closed on the day it was filled:\n%s", visibleText(a))
	}
	tree := readTree(t, out)
	if strings.Contains(string(tree["jobs.xml"]), "mediateur-interculturel-calais") || strings.Contains(string(tree["sitemap.xml"]), page) {
		t.Error("the filled posting is still in jobs.xml or the sitemap")
	}
	rec, err := feeds.ReadRecord(tree[feeds.RecordFile])
	if err != nil {
		t.Fatal(err)
	}
	for _, rp := range rec.Postings {
		if rp.Status != feeds.Closed {
			t.Errorf("%s: %s in the record, want closed", rp.URL, rp.Status)
		}
	}

	// The day before it was filled, it is open.
	before := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: before, Today: content.Date{Year: 2026, Month: 11, Day: 24}})
	if p := readPage(t, before, page); !strings.Contains(p, "application/ld+json") {
		t.Error("the day before it was filled, the posting is not open")
	}
	os.RemoveAll(before)
}
