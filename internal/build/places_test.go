package build_test

import (
	"encoding/xml"
	"html"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
)

// TestPlacePagesOfOtherScripts builds postings in towns written in other
// scripts than Latin: each town has its own place page, which the sitemap,
// the page's canonical and alternate links and the list's filters lead to,
// as URLs that parse, in ASCII where XML and HTTP want it. (Every name in
// another script used to become "x", all at /fr/place/x/.)
func TestPlacePagesOfOtherScripts(t *testing.T) {
	root := copySite(t)
	const facts = "content/postings/mediateur-interculturel-calais.fr.md"
	data, err := os.ReadFile(filepath.Join(root, facts))
	if err != nil {
		t.Fatal(err)
	}
	en, err := os.ReadFile(filepath.Join(root, strings.Replace(facts, ".fr.md", ".en.md", 1)))
	if err != nil {
		t.Fatal(err)
	}
	cities := map[string]string{"moscou": "Москва", "tokyo": "東京", "le-caire": "القاهرة", "athenes": "Αθήνα"}
	for slug, city := range cities {
		text := strings.Replace(string(data), "  city: Calais\n", "  city: "+city+"\n", 1)
		name := filepath.Join(root, "content/postings", "poste-"+slug+".fr.md")
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.Replace(name, ".fr.md", ".en.md", 1), en, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cities["calais"] = "Calais"
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})

	// The written sitemap, parsed: every loc an ASCII URL whose path is a
	// page written; one place page per town and language.
	raw, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(raw, &sm); err != nil {
		t.Fatal(err)
	}
	pageOf := func(where, u string) string {
		t.Helper()
		for _, r := range u {
			if r > 0x7e || r <= ' ' {
				t.Errorf("%s: %q is not an ASCII URL", where, u)
				break
			}
		}
		pu, err := url.Parse(u)
		if err != nil {
			t.Errorf("%s: %q: %v", where, u, err)
			return ""
		}
		file := filepath.Join(out, filepath.FromSlash(pu.Path))
		if strings.HasSuffix(pu.Path, "/") {
			file = filepath.Join(file, "index.html")
		}
		if _, err := os.Stat(file); err != nil {
			t.Errorf("%s: %s leads to no page: %v", where, u, err)
		}
		return pu.Path
	}
	places := map[string]bool{}
	for _, u := range sm.URLs {
		p := pageOf("sitemap.xml", u.Loc)
		if strings.Contains(p, "/place/") {
			places[p] = true
		}
		for _, l := range u.Links {
			pageOf("sitemap.xml", l.Href)
		}
	}
	if len(places) != 2*len(cities) {
		t.Errorf("the sitemap lists the place pages %q, want %d (each town in fr and en)", slices.Sorted(maps.Keys(places)), 2*len(cities))
	}
	for _, want := range []string{"/fr/place/moskva/", "/fr/place/東京/", "/en/place/القاهرة/", "/fr/place/athina/", "/fr/place/calais/"} {
		if !places[want] {
			t.Errorf("the sitemap lacks %s", want)
		}
	}

	// The links of the pages: canonical and alternates (absolute, ASCII),
	// and the list's filters.
	href := regexp.MustCompile(`(?:href|src)="?([^" >]+)`)
	for p := range places {
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`<link rel="?(?:canonical|alternate)"? (?:hreflang="?[a-z-]+"? )?href="?([^" >]+)`).FindAllStringSubmatch(string(page), -1) {
			pageOf(p+" (head)", html.UnescapeString(m[1]))
		}
	}
	list, err := os.ReadFile(filepath.Join(out, "fr", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for _, m := range href.FindAllStringSubmatch(string(list), -1) {
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err == nil && strings.Contains(u.Path, "/place/") {
			linked[u.Path] = true
		}
	}
	for p := range places {
		if strings.HasPrefix(p, "/fr/") && !linked[p] {
			t.Errorf("/fr/ has no filter leading to %s (it links to %q)", p, slices.Sorted(maps.Keys(linked)))
		}
	}
}
