package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// FuzzIndex: whatever the texts, the words of an index are folded words
// (no separator, no tab or newline in them, folding them again changes
// nothing), every entry reads back as written (less tabs and line
// breaks), and a search for any word of a posting finds it.
func FuzzIndex(f *testing.F) {
	f.Add("Médiateur interculturel", "Accompagner les familles.", "ECPAT France", "CDD", "Calais", "médiat")
	f.Add("Chargé·e\tde\nplaidoyer", "« Œuvre » – Straße", "東京", "CDI", "Saint-Étienne", "oeu")
	f.Add("\xff\xfe", "e\u0301", "İstanbul", "ΟΔΟΣ", "", "i")
	f.Fuzz(func(t *testing.T, title, summary, employer, contract, place, query string) {
		ds := []Doc{
			{Slug: "a", Title: title, Summary: summary, Employer: employer, Contract: contract, Place: place},
			{Slug: "b", Title: summary, Summary: title, Employer: place, Contract: contract, Place: employer},
		}
		for _, text := range []string{title, summary, employer, contract, place, query} {
			if got, want := (wordCache{}).words(text), Words(text); !slices.Equal(got, want) {
				t.Fatalf("wordCache.words(%q) = %q, Words = %q", text, got, want)
			}
		}
		files := filesOf(Index(ds))
		for name, data := range files {
			if name == "index.json" || !strings.HasPrefix(name, "w") {
				continue
			}
			for line := range strings.Lines(string(data)) {
				w, _, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
				if !ok || w == "" || strings.ContainsFunc(w, separator) || Fold(w) != w {
					t.Fatalf("%s: line %q: not one folded word", name, line)
				}
			}
		}
		for i, d := range ds {
			e, err := EntryOf(files, i)
			if err != nil {
				t.Fatal(err)
			}
			if want := (Entry{field(d.Slug), field(d.Title), field(d.Place), field(d.Contract)}); e != want {
				t.Fatalf("entry %d = %q, want %q", i, e, want)
			}
			for _, w := range QueryWords(d.Title + " " + d.Employer) {
				ids, err := Search(files, w)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Contains(ids, i) {
					t.Fatalf("Search(%q) = %v does not find posting %d", w, ids, i)
				}
			}
		}
		if _, err := Search(files, query); err != nil {
			t.Fatalf("Search(%q): %v", query, err)
		}
	})
}
