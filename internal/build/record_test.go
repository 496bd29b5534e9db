package build_test

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/feeds"
	"github.com/jobboard/jobboard/internal/site"
)

const testIndexNowKey = "4f2c-test-key-0123"

// readRecord builds root on today into a new folder and returns the record
// of the postings it published, parsed.
func readRecord(t *testing.T, root, today string) (feeds.Record, string) {
	t.Helper()
	day, err := content.ParseDate(today)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: day})
	data, err := os.ReadFile(filepath.Join(out, feeds.RecordFile))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := feeds.ReadRecord(data)
	if err != nil {
		t.Fatalf("%s: %v", feeds.RecordFile, err)
	}
	return rec, out
}

// TestPostingRecord: a build publishes the record of every posting page,
// in the order of the postings, each in its languages' (open, or closed by its date with no hash: its page has no JobPosting),
// each URL a page of the output, and the IndexNow key file when site.yaml
// gives a key.
func TestPostingRecord(t *testing.T) {
	root := copySite(t)
	const facts = "content/postings/mediateur-interculturel-calais.fr.md"
	editFile(t, root, facts, "\nposted: 2025-04-22", "\nposted: 2025-04-22\nexpires: 2025-06-30")
	editFile(t, root, "content/site.yaml", "timezone: Europe/Paris", "timezone: Europe/Paris\nindexnow_key: "+testIndexNowKey)
	for _, tt := range []struct {
		today, status string
	}{
		{"2025-06-30", feeds.Open},
		{"2025-07-01", feeds.Closed},
	} {
		t.Run(tt.today, func(t *testing.T) {
			rec, out := readRecord(t, root, tt.today)
			day, _ := content.ParseDate(tt.today)
			s, _ := loadSite(t, root, day)
			var pages, want []string
			for _, pg := range s.Pages {
				if pg.Kind == site.PostingPage {
					pages = append(pages, s.URL(pg.Path))
				}
			}
			for _, p := range s.Postings {
				for _, l := range p.Langs {
					want = append(want, s.URL(p.Pages[l].Path))
				}
			}
			var got []string
			for _, p := range rec.Postings {
				got = append(got, p.URL)
				if p.Status != tt.status {
					t.Errorf("%s: status %q, want %q", p.URL, p.Status, tt.status)
				}
				if (p.Hash != "") != (tt.status == feeds.Open) {
					t.Errorf("%s, %s: hash %q", p.URL, p.Status, p.Hash)
				}
				u, err := url.Parse(p.URL)
				if err != nil {
					t.Fatal(err)
				}
				page := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(u.Path, "/")), "index.html")
				if _, err := os.Stat(page); err != nil {
					t.Errorf("%s: not a page of the output: %v", p.URL, err)
				}
			}
			if len(want) < 2 || !slices.Equal(got, want) {
				t.Errorf("record lists %q, want the posting pages %q, in the postings' order, each in its languages'", got, want)
			}
			slices.Sort(got)
			if slices.Sort(pages); !slices.Equal(got, pages) {
				t.Errorf("record lists %q, the output's posting pages are %q", got, pages)
			}
			key, err := os.ReadFile(filepath.Join(out, testIndexNowKey+".txt"))
			if err != nil || string(key) != testIndexNowKey {
				t.Errorf("key file: %q, %v; want %q", key, err, testIndexNowKey)
			}
		})
	}
}

// TestRecordHash: the hash of a posting page changes with what its
// JobPosting publishes, and only then.
func TestRecordHash(t *testing.T) {
	const fr = "content/postings/mediateur-interculturel-calais.fr.md"
	const today = "2025-06-01"
	base, _ := readRecord(t, copySite(t), today)
	tests := []struct {
		name     string
		old, new string
		changed  []string // languages whose page's hash changes
	}{
		{"a comment in the front matter", "contract: CDI", "# Permanent.\ncontract: CDI", nil},
		{"the salary", "max: 28000", "max: 29000", []string{"en", "fr"}},
		{"the French title", "title: Médiateur.rice", "title: Nouveau médiateur.rice", []string{"fr"}},
		{"the French text", "## Profil recherché", "## Profil", []string{"fr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copySite(t)
			editFile(t, root, fr, tt.old, tt.new)
			rec, _ := readRecord(t, root, today)
			if len(rec.Postings) != len(base.Postings) {
				t.Fatalf("%d postings, want %d", len(rec.Postings), len(base.Postings))
			}
			for i, p := range rec.Postings {
				lang := strings.Split(strings.TrimPrefix(p.URL, "https://emplois.ecpat-france.org/"), "/")[0]
				want := slices.Contains(tt.changed, lang)
				if got := p.Hash != base.Postings[i].Hash; got != want {
					t.Errorf("%s: hash changed %v, want %v", p.URL, got, want)
				}
			}
		})
	}
}

// TestRecordOfReusedPages: a rebuild that reuses the page of a posting
// takes its hash from the previous record, or, that record gone, works it
// out again: either way the record is the one of a build from empty.
func TestRecordOfReusedPages(t *testing.T) {
	const fr = "content/postings/mediateur-interculturel-calais.fr.md"
	for _, removeRecord := range []bool{false, true} {
		t.Run(map[bool]string{false: "kept", true: "removed"}[removeRecord], func(t *testing.T) {
			root := copySite(t)
			out := filepath.Join(t.TempDir(), "public")
			cfg := build.Config{Root: root, Out: out, Today: exampleToday}
			runBuild(t, cfg)
			if removeRecord {
				os.Remove(filepath.Join(out, feeds.RecordFile))
			}
			// The French page only is made again.
			editFile(t, root, fr, "## Profil recherché", "## Profil")
			res := runBuild(t, cfg)
			// The editor's files, at /admin/, and the assets are written by
			// every build (and kept, their bytes unchanged). Made again: the
			// French page, the French feed and its contract's and place's
			// feeds, jobs.xml and the record.
			copied := len(readTree(t, filepath.Join(out, "admin"))) + len(readTree(t, filepath.Join(out, "assets")))
			if _, err := os.Stat(filepath.Join(out, "en/mediateur-interculturel-calais/index.html")); err != nil || res.Files-res.Reused-copied > 6 {
				t.Fatalf("%d of %d files made again (%v): the English page should be reused", res.Files-res.Reused, res.Files, err)
			}
			t.Logf("%d of %d files made again", res.Files-res.Reused, res.Files)
			got, err := os.ReadFile(filepath.Join(out, feeds.RecordFile))
			if err != nil {
				t.Fatal(err)
			}
			fresh := filepath.Join(t.TempDir(), "public")
			runBuild(t, build.Config{Root: root, Out: fresh, Today: exampleToday})
			want, _ := os.ReadFile(filepath.Join(fresh, feeds.RecordFile))
			if string(got) != string(want) {
				t.Errorf("record after a rebuild:\n%s\nwant, as from empty:\n%s", got, want)
			}
		})
	}
}
