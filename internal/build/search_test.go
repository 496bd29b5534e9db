package build_test

import (
	"bytes"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/search"
)

// indexOf reads the search index of lang from a built tree.
func indexOf(tree map[string][]byte, lang string) map[string][]byte {
	files := map[string][]byte{}
	for name, data := range tree {
		if rest, ok := strings.CutPrefix(name, lang+"/search/"); ok {
			files[rest] = data
		}
	}
	return files
}

// TestSearchIndex: the build writes each language's index of the open
// postings, which finds the example posting by words of its title,
// employer, contract and town, as folded, in its language; once the
// posting is closed, a rebuild into the same folder (which reuses the
// files that did not change) writes an index that finds nothing.
func TestSearchIndex(t *testing.T) {
	root := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	tree := readTree(t, out)
	tests := []struct{ lang, query string }{
		{"fr", "médiat"},
		{"fr", "MEDIATEUR interculturel calais"},
		{"fr", "ecpat cdi"},
		{"en", "intercultural mediator"},
		{"en", "permanent"}, // the contract in English words
	}
	for _, tt := range tests {
		files := indexOf(tree, tt.lang)
		ids, err := search.Search(files, tt.query)
		if err != nil {
			t.Fatalf("%s: %v", tt.lang, err)
		}
		if !slices.Equal(ids, []int{0}) {
			t.Errorf("%s: Search(%q) = %v, want the example posting", tt.lang, tt.query, ids)
			continue
		}
		if e, err := search.EntryOf(files, 0); err != nil || e.Slug != "mediateur-interculturel-calais" || e.Place != "Calais" {
			t.Errorf("%s: entry = %+v, %v", tt.lang, e, err)
		}
	}
	if ids, _ := search.Search(indexOf(tree, "en"), "médiateur"); len(ids) != 0 {
		t.Errorf("the English index finds the French title: %v", ids)
	}

	// A rebuild with nothing changed links the index from the previous
	// output: the same files, the same bytes.
	res := runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	if again := readTree(t, out); !maps.EqualFunc(again, tree, bytes.Equal) {
		t.Error("a rebuild with nothing changed gives other files")
	}
	if res.Reused == 0 {
		t.Error("a rebuild with nothing changed linked no file from the previous output")
	}

	// The employer renamed: the index is made again, with its new name.
	editFile(t, root, "content/organizations/ecpat-france.fr.md", "name: ECPAT France", "name: ECPAT Hauts-de-France")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	if ids, err := search.Search(indexOf(readTree(t, out), "fr"), "hauts"); err != nil || !slices.Equal(ids, []int{0}) {
		t.Errorf("after the employer was renamed, Search(hauts) = %v, %v; want the posting", ids, err)
	}

	editFile(t, root, "content/postings/mediateur-interculturel-calais.fr.md", "\nposted: 2025-04-22", "\nposted: 2025-04-22\nfilled: 2026-11-25")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	tree = readTree(t, out)
	for _, lang := range []string{"fr", "en"} {
		files := indexOf(tree, lang)
		if ids, err := search.Search(files, "calais"); err != nil || len(ids) != 0 {
			t.Errorf("%s: the closed posting is still found: %v, %v", lang, ids, err)
		}
		if !strings.Contains(string(files["index.json"]), `"n":0`) {
			t.Errorf("%s: index.json = %s, want no posting", lang, files["index.json"])
		}
	}
}

// TestSearchIndexPlaces: a posting of several places is found by each of
// its towns, and its entry names them all, as the lists do.
func TestSearchIndexPlaces(t *testing.T) {
	root := copySite(t)
	editFile(t, root, "content/postings/mediateur-interculturel-calais.fr.md",
		"location:\n  city: Calais\n  postal_code: \"62100\"       # in quotes, so that it stays text\n  region: Hauts-de-France\n  country: FR\n",
		"location:\n  - city: Calais\n    postal_code: \"62100\"\n    region: Hauts-de-France\n    country: FR\n  - city: Lille\n    postal_code: \"59000\"\n    region: Hauts-de-France\n    country: FR\n")
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})
	tree := readTree(t, out)
	for lang, place := range map[string]string{"fr": "Calais et Lille", "en": "Calais and Lille"} {
		files := indexOf(tree, lang)
		for _, town := range []string{"calais", "lille"} {
			if ids, err := search.Search(files, town); err != nil || !slices.Equal(ids, []int{0}) {
				t.Errorf("%s: Search(%q) = %v, %v; want the posting", lang, town, ids, err)
			}
		}
		if e, err := search.EntryOf(files, 0); err != nil || e.Place != place {
			t.Errorf("%s: entry's place = %q, %v; want %q", lang, e.Place, err, place)
		}
	}
}
