package build_test

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
)

// TestSitemapListLastMod builds a site of 25 postings in pages of 10 and
// reads the sitemap written: every page of a list (its first page, then
// /page/2/, /page/3/…) is dated by the newest posting of the whole list,
// not of the postings it shows itself, as one posting added at the top
// shifts every page. A newer posting added then moves every page of its
// lists to its date, and those of the other lists keep theirs, in a
// build over the previous output.
func TestSitemapListLastMod(t *testing.T) {
	root, addPosting := lastmodSite(t)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	// 25 postings: 3 pages of the home and CDI lists, 2 of Calais (13)
	// and Lille (12).
	checkListLastMod(t, out, map[string]listDate{
		"/contract/cdi/": {3, "2025-04-22"}, "/": {3, "2025-04-22"},
		"/place/calais/": {2, "2025-04-22"}, "/place/lille/": {2, "2025-03-24"},
	})

	addPosting("poste-nouveau", "2026-11-20", "Calais", "")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	checkListLastMod(t, out, map[string]listDate{
		"/contract/cdi/": {3, "2026-11-20"}, "/": {3, "2026-11-20"},
		"/place/calais/": {2, "2026-11-20"}, "/place/lille/": {2, "2025-03-24"},
	})
}

// TestSitemapListLastModClosing builds the site of TestSitemapListLastMod
// with postings that close, on later and later days, over the previous
// output, and reads the sitemap written: a posting that closes changes the
// lists it leaves, which are dated by the day it closed (the day after its
// expires, or the day it was filled) when that is their newest, though
// the newest posting they still show is older; the archive it joins is
// dated so too, though an older posting joined it.
func TestSitemapListLastModClosing(t *testing.T) {
	root, addPosting := lastmodSite(t)
	addPosting("lille-a", "2026-11-20", "Lille", "expires: 2026-11-30\n")
	addPosting("lille-b", "2026-11-10", "Lille", "")
	addPosting("lille-c", "2026-11-12", "Lille", "expires: 2026-11-28\n")
	addPosting("calais-d", "2026-11-15", "Calais", "filled: 2026-11-16\n")
	out := filepath.Join(t.TempDir(), "public")
	day := func(d int) content.Date { return content.Date{Year: 2026, Month: exampleToday.Month, Day: d} }
	steps := []struct {
		today content.Date
		want  map[string]listDate
	}{
		// D, filled, left Calais's list (13 open) and the lists of all.
		{exampleToday, map[string]listDate{
			"/": {3, "2026-11-20"}, "/contract/cdi/": {3, "2026-11-20"},
			"/place/calais/": {2, "2026-11-16"}, "/place/lille/": {2, "2026-11-20"},
			"/archive/": {1, "2026-11-16"},
		}},
		// C, posted before D, closed after its expires day.
		{day(29), map[string]listDate{
			"/": {3, "2026-11-29"}, "/contract/cdi/": {3, "2026-11-29"},
			"/place/calais/": {2, "2026-11-16"}, "/place/lille/": {2, "2026-11-29"},
			"/archive/": {1, "2026-11-29"},
		}},
		// A, the newest of Lille, closed: Lille shows B (11-10) first.
		{content.Date{Year: 2026, Month: exampleToday.Month + 1, Day: 1}, map[string]listDate{
			"/": {3, "2026-12-01"}, "/contract/cdi/": {3, "2026-12-01"},
			"/place/calais/": {2, "2026-11-16"}, "/place/lille/": {2, "2026-12-01"},
			"/archive/": {1, "2026-12-01"},
		}},
	}
	for _, st := range steps {
		t.Logf("build of %s", st.today)
		runBuild(t, build.Config{Root: root, Out: out, Today: st.today})
		checkListLastMod(t, out, st.want)
	}
}

// lastmodSite is a copy of the example site in pages of 10 with 24
// postings older than the example's (2025-04-22), half in Calais, half in
// Lille, so that a list's newest is on its first page only; and a
// function that adds one more, a copy of the example's in French and
// English posted on posted in city, with the lines extra after posted.
func lastmodSite(t *testing.T) (root string, addPosting func(slug, posted, city, extra string)) {
	t.Helper()
	root = copySite(t)
	editFile(t, root, "content/site.yaml", "timezone: Europe/Paris\n", "timezone: Europe/Paris\npage_size: 10\n")
	const facts = "content/postings/mediateur-interculturel-calais.fr.md"
	fr, err := os.ReadFile(filepath.Join(root, facts))
	if err != nil {
		t.Fatal(err)
	}
	en, err := os.ReadFile(filepath.Join(root, strings.Replace(facts, ".fr.md", ".en.md", 1)))
	if err != nil {
		t.Fatal(err)
	}
	addPosting = func(slug, posted, city, extra string) {
		t.Helper()
		text := strings.Replace(string(fr), "posted: 2025-04-22\n", "posted: "+posted+"\n"+extra, 1)
		text = strings.Replace(text, "  city: Calais\n", "  city: "+city+"\n", 1)
		if !strings.Contains(text, "posted: "+posted+"\n") || !strings.Contains(text, "  city: "+city+"\n") {
			t.Fatal("the example posting has no posted: 2025-04-22 or city: Calais line")
		}
		name := filepath.Join(root, "content/postings", slug+".fr.md")
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.Replace(name, ".fr.md", ".en.md", 1), en, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 24; i++ {
		city := "Calais"
		if i > 12 {
			city = "Lille"
		}
		addPosting(fmt.Sprintf("poste-%02d", i), fmt.Sprintf("2025-03-%02d", i), city, "")
	}
	return root, addPosting
}

// listDate is how many pages a list has, and the lastmod of each.
type listDate struct {
	pages   int
	lastmod string
}

// pageN matches the address of a list's page after the first.
var pageN = regexp.MustCompile(`^(.*/)page/([0-9]+)/$`)

// checkListLastMod reads the sitemap of out: each list of want (by its
// path after the language) has its pages in each language, all dated as
// want says.
func checkListLastMod(t *testing.T, out string, want map[string]listDate) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(raw, &sm); err != nil {
		t.Fatal(err)
	}
	pages := map[string]int{} // pages of each list, by its first page's path
	dates := map[string]string{}
	for _, u := range sm.URLs {
		pu, err := url.Parse(u.Loc)
		if err != nil {
			t.Fatalf("%q: %v", u.Loc, err)
		}
		dates[pu.Path] = u.LastMod
		list := pu.Path
		if m := pageN.FindStringSubmatch(pu.Path); m != nil {
			list = m[1]
		}
		pages[list]++
	}
	for _, lang := range []string{"fr", "en"} {
		for rel, w := range want {
			list := "/" + lang + rel
			if pages[list] != w.pages {
				t.Errorf("the sitemap lists %d pages of %s, want %d", pages[list], list, w.pages)
			}
			for n := 1; n <= w.pages; n++ {
				path := list
				if n > 1 {
					path = fmt.Sprintf("%spage/%d/", list, n)
				}
				if got, ok := dates[path]; !ok {
					t.Errorf("%s is not in the sitemap", path)
				} else if got != w.lastmod {
					t.Errorf("%s: lastmod %s, want %s (the list's newest posting or closing)", path, got, w.lastmod)
				}
			}
		}
	}
}
