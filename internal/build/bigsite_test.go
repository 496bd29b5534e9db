//go:build !race

// The big sites' builds take minutes (10,000 and 30,000 postings), far
// more under the race detector: this file is left out of -race runs (CI's
// step b), and the tests skip themselves under -short; CI runs them once
// in step l.

package build_test

import (
	"bytes"
	"compress/gzip"
	"flag"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
	"github.com/jobboard/jobboard/internal/site"
)

// bigSite runs the big boards' tests, which take minutes: plain go test
// leaves them out; CI's step l runs them with -bigsite.
var bigSite = flag.Bool("bigsite", false, "run TestBigSite and TestBigSiteIndex (10,000 and 30,000 postings, minutes)")

// bigSitePostings is the size of the board TestBigSite builds.
const bigSitePostings = 10_000

// maxPageGzip is the most an HTML page of the site may weigh, gzipped: a
// page a cheap phone on a slow network loads in a few seconds.
const maxPageGzip = 30 << 10

// TestBigSite builds a generated board of 10,000 postings and checks what
// a big board needs: every HTML page at most 30 KB gzipped; every open
// posting reachable from its language's list by following links; every
// filter's Atom feed holding exactly the open postings its pages list, and
// linked from them; every address of the sitemap reached by links too;
// the sitemap within the sitemaps.org limits.
func TestBigSite(t *testing.T) {
	if !*bigSite {
		t.Skip("builds 10,000 postings (about a minute): run with -bigsite, as CI's step l does")
	}
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: bigSitePostings, Seed: 23, Theme: repoRoot}); err != nil {
		t.Fatal(err)
	}
	today := content.DateOf(gensite.DefaultNow)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: dir, Out: out, Today: today})
	s, _ := loadSite(t, dir, today)
	base := strings.TrimSuffix(s.Content.BaseURL, "/")

	t.Run("pages weigh at most 30 KB gzipped", func(t *testing.T) { checkPageWeights(t, out) })
	t.Run("open postings reachable from each list", func(t *testing.T) {
		for _, lang := range s.Content.Languages {
			reached := reachable(t, out, base, site.ListPath(lang))
			missing := 0
			for _, p := range openIn(s, lang) {
				if path := site.PostingPath(lang, p.Slug); !reached[path] {
					if missing++; missing <= 5 {
						t.Errorf("%s: no link from %s leads to it", path, site.ListPath(lang))
					}
				}
			}
			if missing > 5 {
				t.Errorf("and %d more open postings unreachable from %s", missing-5, site.ListPath(lang))
			}
		}
	})
	t.Run("every filter feed holds its filter's list", func(t *testing.T) { checkFilterFeeds(t, s, out) })
	t.Run("sitemap: reachable addresses, within the limits", func(t *testing.T) {
		reached := reachable(t, out, base, "/")
		var sm sitemapSet
		parseXMLFile(t, out, "sitemap.xml", &sm)
		for _, u := range sm.URLs {
			if !reached[strings.TrimPrefix(u.Loc, base)] {
				t.Errorf("%s is in the sitemap, but no link from / leads to it", u.Loc)
			}
		}
		info, err := os.Stat(filepath.Join(out, "sitemap.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(sm.URLs) > 50_000 || info.Size() > 50<<20 {
			t.Errorf("sitemap.xml: %d URLs, %d bytes; the limits are 50,000 and 50 MB", len(sm.URLs), info.Size())
		}
		t.Logf("sitemap.xml: %d URLs, %d bytes", len(sm.URLs), info.Size())
	})
}

// checkPageWeights checks that every HTML page under out weighs at most
// maxPageGzip gzipped, and logs the heaviest.
func checkPageWeights(t *testing.T, out string) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	heaviest, heaviestSize, pages := "", 0, 0
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		buf.Reset()
		zw.Reset(&buf)
		zw.Write(data)
		zw.Close()
		pages++
		if n := buf.Len(); n > heaviestSize {
			heaviest, heaviestSize = p, n
		}
		if buf.Len() > maxPageGzip {
			t.Errorf("%s: %d bytes gzipped (%d raw), more than %d", strings.TrimPrefix(p, out), buf.Len(), len(data), maxPageGzip)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d HTML pages; the heaviest, %s, weighs %d bytes gzipped", pages, strings.TrimPrefix(heaviest, out), heaviestSize)
}

// reachable follows the links of the site written in out from the page at
// start, and returns the addresses of the pages reached. base is the
// site's address, which absolute links start with.
func reachable(t *testing.T, out, base, start string) map[string]bool {
	t.Helper()
	reached := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p), "index.html"))
		if err != nil {
			t.Errorf("a link leads to %s, which is not written: %v", p, err)
			continue
		}
		for _, m := range anchorRE.FindAllSubmatch(data, -1) {
			href := strings.TrimPrefix(html.UnescapeString(string(m[1])), base)
			if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") || !strings.HasSuffix(href, "/") {
				continue // another site, a fragment, a feed, an asset
			}
			if !reached[href] {
				reached[href] = true
				queue = append(queue, href)
			}
		}
	}
	return reached
}

// TestBigSiteIndex builds a generated board of 30,000 postings, whose
// sitemap passes 50,000 URLs: sitemap.xml is then an index of sitemaps,
// each within the sitemaps.org limits, holding together every address
// the site's links reach from / and only those.
func TestBigSiteIndex(t *testing.T) {
	if !*bigSite {
		t.Skip("builds 30,000 postings (minutes): run with -bigsite, as CI's step l does")
	}
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 30_000, Seed: 30, Theme: repoRoot}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: dir, Out: out, Today: content.DateOf(gensite.DefaultNow)})
	const base = "https://emplois.example.net"
	var idx sitemapIndex
	parseXMLFile(t, out, "sitemap.xml", &idx)
	if len(idx.Sitemaps) < 2 {
		t.Fatalf("sitemap.xml lists %d sitemaps, want an index of 2 or more", len(idx.Sitemaps))
	}
	listed := map[string]bool{}
	for _, sm := range idx.Sitemaps {
		name := strings.TrimPrefix(sm.Loc, base+"/")
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		var part sitemapSet
		parseXMLFile(t, out, name, &part)
		if len(part.URLs) > 50_000 || info.Size() > 50<<20 {
			t.Errorf("%s: %d URLs, %d bytes; the limits are 50,000 and 50 MB", name, len(part.URLs), info.Size())
		}
		for _, u := range part.URLs {
			if listed[u.Loc] {
				t.Errorf("%s is in two sitemaps", u.Loc)
			}
			listed[u.Loc] = true
		}
		t.Logf("%s: %d URLs, %d bytes", name, len(part.URLs), info.Size())
	}
	reached := reachable(t, out, base, "/")
	for loc := range listed {
		if !reached[strings.TrimPrefix(loc, base)] {
			t.Errorf("%s is in the sitemap, but no link from / leads to it", loc)
		}
	}
	t.Logf("%d addresses in %d sitemaps; %d pages reached from /", len(listed), len(idx.Sitemaps), len(reached))
}
