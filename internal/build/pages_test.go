package build_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
	"github.com/jobboard/jobboard/internal/site"
)

// TestListPages builds 40 postings at 10 a page: page 2 of the French list
// is at /fr/page/2/, names itself as canonical and no translation, says
// its number in its title, and links to every page of the list in a
// labelled navigation marking itself as the current page, with the pages
// before and after; the first page keeps the list's address.
func TestListPages(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 40, Seed: 3, Theme: repoRoot, PageSize: 10}); err != nil {
		t.Fatal(err)
	}
	today := content.DateOf(gensite.DefaultNow)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: dir, Out: out, Today: today})
	s, _ := loadSite(t, dir, today)
	pages := (len(openIn(s, "fr")) + 9) / 10
	if pages < 3 {
		t.Fatalf("%d pages: the test wants 3 or more", pages)
	}
	p := readPage(t, out, "/fr/page/2/")
	for _, want := range []string{
		`<link rel="canonical" href="https://emplois.example.net/fr/page/2/">`,
		` – page 2</title>`,
		`<nav class="filters pages" aria-label="Pages de la liste">`,
		`<li><a href="/fr/" rel="prev">Page précédente</a></li>`,
		`<li><a href="/fr/page/2/" aria-current="page">2</a></li>`,
		`<li><a href="/fr/page/3/" rel="next">Page suivante</a></li>`,
		`<a href="/en/" lang="en" hreflang="en">English</a>`,
	} {
		if !strings.Contains(p, want) {
			t.Errorf("/fr/page/2/ does not have %s", want)
		}
	}
	if strings.Contains(p, `<link rel="alternate" hreflang`) {
		t.Error("/fr/page/2/ names translations: page 2 in English lists other postings")
	}
	for n := 1; n <= pages; n++ {
		if href := `href="` + site.PagePath("/fr/", n) + `"`; !strings.Contains(p, href) {
			t.Errorf("/fr/page/2/ has no link to page %d (%s)", n, href)
		}
	}
	if first := readPage(t, out, "/fr/"); !strings.Contains(first, `<li><a href="/fr/" aria-current="page">1</a></li>`) {
		t.Error("the list's first page is not at /fr/, page 1 of its pages")
	}
}

// TestFilterFeeds: on a site of 40 postings at 10 a page, the Atom feed of
// every contract, place and remote filter holds exactly the postings its
// pages list, and each of its pages links to it.
func TestFilterFeeds(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 40, Seed: 3, Theme: repoRoot, PageSize: 10}); err != nil {
		t.Fatal(err)
	}
	today := content.DateOf(gensite.DefaultNow)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: dir, Out: out, Today: today})
	s, _ := loadSite(t, dir, today)
	checkFilterFeeds(t, s, out)
}

// checkFilterFeeds checks that the Atom feed of every contract, place and
// remote filter of s, written in out, holds the open postings the
// filter's pages list, in their order, and that every one of those pages
// links to it in its head.
func checkFilterFeeds(t *testing.T, s *site.Site, out string) {
	t.Helper()
	base := strings.TrimSuffix(s.Content.BaseURL, "/")
	listed := map[string][]string{} // feed path → the postings its filter's pages list
	var order []string
	for _, pg := range s.Pages {
		path := site.FilterFeedPath(pg)
		if path == "" {
			continue
		}
		if _, ok := listed[path]; !ok {
			order = append(order, path)
		}
		for _, e := range pg.Entries {
			listed[path] = append(listed[path], e.Path)
		}
		page := readPage(t, out, pg.Path)
		if !strings.Contains(page, `<link rel="alternate" type="application/atom+xml" hreflang="`+pg.Lang+`" title="`) ||
			!strings.Contains(page, `href="`+s.URL(path)+`">`) {
			t.Errorf("%s does not link its filter's feed %s", pg.Path, path)
		}
	}
	if len(order) == 0 {
		t.Fatal("no filter pages")
	}
	for _, path := range order {
		var f atomFeed
		parseXMLFile(t, out, strings.TrimPrefix(path, "/"), &f)
		var got []string
		for _, e := range f.Entries {
			for _, l := range e.Links {
				if l.Rel == "alternate" {
					got = append(got, strings.TrimPrefix(l.Href, base))
				}
			}
		}
		if want := listed[path]; !slices.Equal(got, want) {
			t.Errorf("%s: %d entries, its filter lists %d postings (first %v, want %v)", path, len(got), len(want), got[:min(3, len(got))], want[:min(3, len(want))])
		}
	}
	t.Logf("%d filter feeds", len(order))
}
