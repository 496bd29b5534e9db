package build_test

import (
	"path/filepath"
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
		`<link rel="canonical" href="https://emplois.example.org/fr/page/2/">`,
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
