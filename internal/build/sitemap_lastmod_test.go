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
)

// TestSitemapListLastMod builds a site of 25 postings in pages of 10 and
// reads the sitemap written: every page of a list (its first page, then
// /page/2/, /page/3/…) is dated by the newest posting of the whole list,
// not of the postings it shows itself, as one posting added at the top
// shifts every page. A newer posting added then moves every page of its
// lists to its date, and those of the other lists keep theirs, in a
// build over the previous output.
func TestSitemapListLastMod(t *testing.T) {
	root := copySite(t)
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
	addPosting := func(slug, posted, city string) {
		t.Helper()
		text := strings.Replace(string(fr), "posted: 2025-04-22\n", "posted: "+posted+"\n", 1)
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
	// 24 postings older than the example's (2025-04-22), half in
	// Calais, half in Lille: a list's newest is on its first page only.
	for i := 1; i <= 24; i++ {
		city := "Calais"
		if i > 12 {
			city = "Lille"
		}
		addPosting(fmt.Sprintf("poste-%02d", i), fmt.Sprintf("2025-03-%02d", i), city)
	}
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	// 25 postings: 3 pages of the home and CDI lists, 2 of Calais (13)
	// and Lille (12).
	checkListLastMod(t, out, map[string]listDate{
		"/contract/cdi/": {3, "2025-04-22"}, "/": {3, "2025-04-22"},
		"/place/calais/": {2, "2025-04-22"}, "/place/lille/": {2, "2025-03-24"},
	})

	addPosting("poste-nouveau", "2026-11-20", "Calais")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	checkListLastMod(t, out, map[string]listDate{
		"/contract/cdi/": {3, "2026-11-20"}, "/": {3, "2026-11-20"},
		"/place/calais/": {2, "2026-11-20"}, "/place/lille/": {2, "2025-03-24"},
	})
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
					t.Errorf("%s: lastmod %s, want %s (the newest posting of the list)", path, got, w.lastmod)
				}
			}
		}
	}
}
