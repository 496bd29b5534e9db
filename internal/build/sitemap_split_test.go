package build_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
)

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

// TestSitemapSplit builds a site of 40 postings whose sitemap holds at
// most 25 URLs a file: sitemap.xml is then an index of sitemap-1.xml…,
// which hold, in order, the URLs of the sitemap a build without the limit
// writes, each at most 25 and dated in the index by its newest; robots.txt
// names the index; the files are valid against the sitemaps.org schemas
// (with xmllint); and an Update after an edit gives the files a new build
// gives.
func TestSitemapSplit(t *testing.T) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 40, Seed: 11, Theme: repoRoot}); err != nil {
		t.Fatal(err)
	}
	today := content.DateOf(gensite.DefaultNow)
	whole := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: dir, Out: whole, Today: today, NoMinify: true})
	var all sitemapSet
	parseXMLFile(t, whole, "sitemap.xml", &all)

	const perFile = 25
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: dir, Out: out, Today: today, NoMinify: true, SitemapURLs: perFile})
	var idx sitemapIndex
	parseXMLFile(t, out, "sitemap.xml", &idx)
	if want := (len(all.URLs) + perFile - 1) / perFile; len(idx.Sitemaps) != want || want < 2 {
		t.Fatalf("the index lists %d sitemaps; want %d for %d URLs", len(idx.Sitemaps), want, len(all.URLs))
	}
	var got []string
	var parts []string
	for i, sm := range idx.Sitemaps {
		name := strings.TrimPrefix(sm.Loc, "https://emplois.example.net/")
		if want := "sitemap-" + string(rune('1'+i)) + ".xml"; name != want {
			t.Errorf("sitemap %d at %s, want %s", i+1, sm.Loc, want)
		}
		parts = append(parts, filepath.Join(out, name))
		var part sitemapSet
		parseXMLFile(t, out, name, &part)
		if len(part.URLs) == 0 || len(part.URLs) > perFile {
			t.Errorf("%s: %d URLs, want 1 to %d", name, len(part.URLs), perFile)
		}
		newest := ""
		for _, u := range part.URLs {
			got = append(got, u.Loc)
			newest = max(newest, u.LastMod)
		}
		if sm.LastMod != newest {
			t.Errorf("%s dated %s in the index, its newest URL %s", name, sm.LastMod, newest)
		}
	}
	var want []string
	for _, u := range all.URLs {
		want = append(want, u.Loc)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the parts hold %d URLs, the whole sitemap %d, or not in the same order", len(got), len(want))
	}
	if robots, _ := os.ReadFile(filepath.Join(out, "robots.txt")); !strings.Contains(string(robots), "Sitemap: https://emplois.example.net/sitemap.xml") {
		t.Errorf("robots.txt does not name the index:\n%s", robots)
	}
	if _, err := exec.LookPath("xmllint"); err == nil {
		validate(t, filepath.Join(repoRoot, ".ci/siteindex.xsd"), filepath.Join(out, "sitemap.xml"))
		validate(t, filepath.Join(repoRoot, "internal/feeds/testdata/sitemap-wrapper.xsd"), parts...)
	}

	// Update, after an edit that adds a page (a posting's closing day
	// moved past today reopens it), gives the files of a new build.
	b := build.NewBuilder(build.Config{Root: dir, Today: today, NoMinify: true, SitemapURLs: perFile})
	// The Writer is called from several goroutines at once.
	var mu sync.Mutex
	live, fresh := map[string][]byte{}, map[string][]byte{}
	into := func(files map[string][]byte) build.Writer {
		return func(name string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			files[name] = bytes.Clone(data)
			return nil
		}
	}
	write := into(live)
	remove := func(name string) { mu.Lock(); defer mu.Unlock(); delete(live, name) }
	if _, err := b.Update(context.Background(), write, remove); err != nil {
		t.Fatal(err)
	}
	closed := closedPosting(t, dir)
	editFile(t, dir, closed, "\nexpires: ", "\nexpires: 2099-01-01\n# was: ")
	if _, err := b.Update(context.Background(), write, remove); err != nil {
		t.Fatal(err)
	}
	if _, err := build.NewBuilder(build.Config{Root: dir, Today: today, NoMinify: true, SitemapURLs: perFile}).Generate(context.Background(), into(fresh)); err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(fresh)) {
		if strings.HasPrefix(name, "sitemap") && !bytes.Equal(live[name], fresh[name]) {
			t.Errorf("after the edit, Update's %s differs from a new build's", name)
		}
	}
	for name := range live {
		if _, ok := fresh[name]; !ok && strings.HasPrefix(name, "sitemap") {
			t.Errorf("after the edit, Update left %s, which a new build does not make", name)
		}
	}
}

// validate runs xmllint with the schema xsd on files.
func validate(t *testing.T, xsd string, files ...string) {
	t.Helper()
	args := append([]string{"--noout", "--nonet", "--schema", xsd}, files...)
	if out, err := exec.Command("xmllint", args...).CombinedOutput(); err != nil {
		t.Errorf("xmllint --schema %s: %v\n%s", filepath.Base(xsd), err, out)
	}
}

// closedPosting is the French file of a posting of the generated site in
// dir that is closed on gensite.DefaultNow, by its expires.
func closedPosting(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "content/postings/*.fr.md"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(data, []byte("\nexpires: "))
		if i >= 0 && string(data[i+10:i+20]) < content.DateOf(gensite.DefaultNow).String() {
			rel, _ := filepath.Rel(dir, f)
			return rel
		}
	}
	t.Fatal("no closed posting")
	return ""
}
