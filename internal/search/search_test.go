package search

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Médiateur interculturel", []string{"mediateur", "interculturel"}},
		{"l'association « Œuvre » – CDD", []string{"l", "association", "oeuvre", "cdd"}},
		{"ÉCOLE, Straße; Æther", []string{"ecole", "strasse", "aether"}},
		{"Saint-Étienne (42000)", []string{"saint", "etienne", "42000"}},
		{"東京 Москва", []string{"東京", "москва"}},
		{"e\u0301te\u0301", []string{"ete"}}, // decomposed already
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"médiat", []string{"mediat"}},
		{"a médiat à Calais calais", []string{"mediat", "calais"}}, // one letter: left out; repeats once
		{"l'", nil},
	}
	for _, tt := range tests {
		if got := QueryWords(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("QueryWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var docs = []Doc{
	{Slug: "mediateur-calais", Title: "Médiateur interculturel", Summary: "Accompagner les familles exilées.", Employer: "ECPAT France", Contract: "CDD de 12 mois", Place: "Calais"},
	{Slug: "benevole-marseille", Title: "Bénévole soutien scolaire", Summary: "Aider des enfants à faire leurs devoirs.", Employer: "Association du réseau", Contract: "Bénévolat", Place: "Marseille"},
	{Slug: "chargee-plaidoyer", Title: "Chargé·e de plaidoyer", Summary: "Porter la voix des enfants auprès des institutions.", Employer: "ECPAT France", Contract: "CDI", Place: "Paris"},
}

func filesOf(fs []File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range fs {
		m[f.Name] = f.Data
	}
	return m
}

func TestSearch(t *testing.T) {
	files := filesOf(Index(docs))
	tests := []struct {
		query string
		want  []int
	}{
		{"médiat", []int{0}},
		{"MEDIATEUR", []int{0}},
		{"ecpat", []int{0, 2}},
		{"ecpat paris", []int{2}},      // every word must match
		{"ecpat marseille", nil},       // no posting has both
		{"enfants", []int{1, 2}},       // summary
		{"benevolat", []int{1}},        // contract, accents folded
		{"chargé", []int{2}},           // "Chargé·e": the middle dot separates
		{"calais médiateur", []int{0}}, // place and title
		{"zzz", nil},                   // no such word
		{"a", nil},                     // too short to search
		{"cd", []int{0, 2}},            // "cdd" and "cdi" both begin with it
		{"  médiateur   médiateur", []int{0}},
	}
	for _, tt := range tests {
		got, err := Search(files, tt.query)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.query, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
	e, err := EntryOf(files, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Entry{"chargee-plaidoyer", "Chargé·e de plaidoyer", "Paris", "CDI"}); e != want {
		t.Errorf("EntryOf(2) = %+v, want %+v", e, want)
	}
}

// The index of many postings is cut in shards and chunks, and finds every
// posting by every word of it, whatever shard the word fell in.
func TestIndexShardsFindEveryWord(t *testing.T) {
	var many []Doc
	for i := range 1500 {
		many = append(many, Doc{Slug: "p" + strconv.Itoa(i), Title: "Poste " + strconv.FormatInt(int64(i*7919), 36),
			Summary: "numéro " + strconv.Itoa(i), Employer: "Employeur " + strconv.Itoa(i%50), Contract: "CDD", Place: "Ville" + strconv.Itoa(i%40)})
	}
	fs := Index(many)
	files := filesOf(fs)
	var meta Meta
	if err := jsonUnmarshal(files["index.json"], &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Shards < 2 || meta.Chunk >= len(many) {
		t.Fatalf("index of %d postings: %d shards, %d entries a chunk; want it cut", len(many), meta.Shards, meta.Chunk)
	}
	for i, d := range many {
		for _, w := range Words(d.Title + " " + d.Summary + " " + d.Place) {
			if unitLen(w) < minQueryUnits {
				continue
			}
			ids, err := Search(files, w)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(ids, i) {
				t.Fatalf("Search(%q) = %v does not find posting %d (%q)", w, ids, i, d.Title)
			}
		}
		e, err := EntryOf(files, i)
		if err != nil || e.Slug != d.Slug {
			t.Fatalf("EntryOf(%d) = %+v, %v; want slug %s", i, e, err, d.Slug)
		}
	}
}

// The index of the same postings is the same bytes, and its version
// changes with them.
func TestIndexStable(t *testing.T) {
	a, b := Index(docs), Index(slices.Clone(docs))
	if !slices.EqualFunc(a, b, func(x, y File) bool { return x.Name == y.Name && bytes.Equal(x.Data, y.Data) }) {
		t.Fatal("two indexes of the same postings differ")
	}
	changed := slices.Clone(docs)
	changed[0].Title = "Médiatrice interculturelle"
	if bytes.Equal(Index(changed)[0].Data, a[0].Data) {
		t.Error("index.json is the same when a title changed: its version must change")
	}
}

func TestIndexGolden(t *testing.T) {
	var got strings.Builder
	for _, f := range Index(docs) {
		got.WriteString("== " + f.Name + "\n")
		got.Write(f.Data)
	}
	golden := filepath.Join("testdata", "index.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got.String() != string(want) {
		t.Errorf("index differs from %s (go test -update rewrites it):\n%s", golden, got.String())
	}
}

func TestIndexEmpty(t *testing.T) {
	files := filesOf(Index(nil))
	ids, err := Search(files, "mediateur")
	if err != nil || len(ids) != 0 {
		t.Errorf("Search in an empty index = %v, %v", ids, err)
	}
}

func TestIDsLen(t *testing.T) {
	for _, ids := range [][]int32{nil, {0}, {35}, {36}, {0, 1, 2}, {5, 1300, 1301, 99999}} {
		if got, want := idsLen(ids), len(appendIDs(nil, ids)); got != want {
			t.Errorf("idsLen(%v) = %d, want %d", ids, got, want)
		}
	}
}
