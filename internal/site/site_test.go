package site

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/content"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Calais", "calais"},
		{"Île-de-France", "ile-de-france"},
		{"Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur"},
		{"Saint-Étienne", "saint-etienne"},
		{"  Briançon  ", "briancon"},
		{"Zürich 2", "zurich-2"},
		// Latin letters that do not decompose keep their address of
		// before (a new one would break links already shared).
		{"København", "k-benhavn"},
		{"Straße", "stra-e"},
		{"", "x"},
		{"?!", "x"},
		// Cyrillic and Greek are transliterated.
		{"Москва", "moskva"},
		{"Санкт-Петербург", "sankt-peterburg"},
		{"Щёлково", "shchelkovo"},
		{"Київ", "kiiv"},
		{"Αθήνα", "athina"},
		{"Θεσσαλονίκη", "thessaloniki"},
		// Other scripts keep their letters, marks and digits: an IRI.
		{"東京", "東京"},
		{"القاهرة", "القاهرة"},
		{"दिल्ली", "दिल्ली"},
		{"Tokyo 東京", "tokyo-東京"},
		{"서울 2", "서울-2"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func date(s string) content.Date {
	d, err := content.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// posting makes a posting present in langs, with the facts the site stage reads.
func posting(slug string, contract content.Contract, city, posted, expires string, langs ...string) *content.Posting {
	p := &content.Posting{Slug: slug, Translations: map[string]*content.Translation{}, Langs: langs,
		FactsFile: "content/postings/" + slug + "." + langs[0] + ".md"}
	p.Facts.Contract = contract
	p.Facts.Location.City = city
	p.Facts.Posted = date(posted)
	if expires != "" {
		p.Facts.Expires = date(expires)
	}
	for _, l := range langs {
		p.Translations[l] = &content.Translation{Lang: l, Title: slug + " " + l}
	}
	return p
}

func testSite(postings ...*content.Posting) *content.Site {
	return &content.Site{BaseURL: "https://jobs.example.org/", Languages: []string{"fr", "en"},
		TimeZone: time.UTC, Postings: postings}
}

func paths(pages []*Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Path)
	}
	return out
}

func entryPaths(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Path)
	}
	return out
}

func TestAssemble(t *testing.T) {
	cs := testSite(
		posting("old", content.CDD, "Lyon", "2025-01-10", "2025-02-01", "fr", "en"),
		posting("mediateur", content.CDI, "Calais", "2025-04-22", "", "fr", "en"),
		posting("stage-paris", content.Stage, "Paris", "2025-05-01", "2025-12-31", "fr"),
		posting("english-only", content.CDI, "Île-de-France", "2025-03-01", "", "en"),
	)
	s, diags := Assemble(cs, date("2025-06-01"))
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	wantPages := []string{
		"/",
		"/fr/", "/fr/archive/", "/fr/contract/cdi/", "/fr/contract/stage/", "/fr/place/calais/", "/fr/place/paris/",
		"/en/", "/en/archive/", "/en/contract/cdi/", "/en/place/calais/", "/en/place/ile-de-france/",
		"/fr/stage-paris/", "/fr/mediateur/", "/en/mediateur/", "/en/english-only/", "/fr/old/", "/en/old/",
		"/404.html",
	}
	if got := paths(s.Pages); !slices.Equal(got, wantPages) {
		t.Errorf("pages:\n got %q\nwant %q", got, wantPages)
	}
	byPath := map[string]*Page{}
	for _, p := range s.Pages {
		byPath[p.Path] = p
	}
	// Lists: newest first, closed postings in the archive only, and postings
	// with no translation in the list's language offered apart.
	if got, want := entryPaths(byPath["/fr/"].Entries), []string{"/fr/stage-paris/", "/fr/mediateur/"}; !slices.Equal(got, want) {
		t.Errorf("/fr/ entries = %q, want %q", got, want)
	}
	if got, want := entryPaths(byPath["/fr/"].Elsewhere), []string{"/en/english-only/"}; !slices.Equal(got, want) {
		t.Errorf("/fr/ elsewhere = %q, want %q", got, want)
	}
	if got, want := entryPaths(byPath["/en/"].Elsewhere), []string{"/fr/stage-paris/"}; !slices.Equal(got, want) {
		t.Errorf("/en/ elsewhere = %q, want %q", got, want)
	}
	if got, want := entryPaths(byPath["/fr/archive/"].Entries), []string{"/fr/old/"}; !slices.Equal(got, want) {
		t.Errorf("/fr/archive/ entries = %q, want %q", got, want)
	}
	if got := byPath["/fr/old/"].Posting.Expired; !got {
		t.Errorf("/fr/old/ not expired on 2025-06-01")
	}
	// Alternates: every translation plus x-default, which is the default
	// language when present, else the first language present.
	tests := []struct {
		path string
		want []Alternate
	}{
		{"/fr/mediateur/", []Alternate{{"fr", "/fr/mediateur/"}, {"en", "/en/mediateur/"}, {"x-default", "/fr/mediateur/"}}},
		// A page in one language has no alternates.
		{"/en/english-only/", nil},
		{"/fr/contract/stage/", nil},
		{"/en/place/calais/", []Alternate{{"fr", "/fr/place/calais/"}, {"en", "/en/place/calais/"}, {"x-default", "/fr/place/calais/"}}},
		// The home pages: the chooser at / is their x-default.
		{"/", []Alternate{{"fr", "/fr/"}, {"en", "/en/"}, {"x-default", "/"}}},
		{"/en/", []Alternate{{"fr", "/fr/"}, {"en", "/en/"}, {"x-default", "/"}}},
	}
	for _, tt := range tests {
		if got := byPath[tt.path].Alternates; !slices.Equal(got, tt.want) {
			t.Errorf("%s alternates = %v, want %v", tt.path, got, tt.want)
		}
	}
	// Filters with counts, in the order of content.Contracts and of the towns.
	var filters []string
	for _, f := range byPath["/fr/"].Contracts {
		filters = append(filters, f.Path)
	}
	for _, f := range byPath["/fr/"].Places {
		filters = append(filters, f.Path)
	}
	if want := []string{"/fr/contract/cdi/", "/fr/contract/stage/", "/fr/place/calais/", "/fr/place/paris/"}; !slices.Equal(filters, want) {
		t.Errorf("/fr/ filters = %q, want %q", filters, want)
	}
}

func TestExpiryIsInclusive(t *testing.T) {
	cs := testSite(posting("p", content.CDI, "Calais", "2025-04-01", "2025-06-30", "fr", "en"))
	for _, tt := range []struct {
		today   string
		expired bool
	}{{"2025-06-29", false}, {"2025-06-30", false}, {"2025-07-01", true}} {
		s, _ := Assemble(cs, date(tt.today))
		if got := s.Postings[0].Expired; got != tt.expired {
			t.Errorf("on %s: expired = %v, want %v", tt.today, got, tt.expired)
		}
	}
}

func TestReservedSlug(t *testing.T) {
	cs := testSite(posting("archive", content.CDI, "Calais", "2025-04-01", "", "fr", "en"))
	_, diags := Assemble(cs, date("2025-05-01"))
	if len(diags) != 1 || diags[0].File != "content/postings/archive.fr.md" || diags[0].Severity != content.Error {
		t.Fatalf("diagnostics = %v, want one error on content/postings/archive.fr.md", diags)
	}
}

// TestAssemblerReuses: an Assembler gives back the postings (and their
// pages and entries) of the last site for the same *content.Posting, open
// or closed as before, in the same languages, and new ones otherwise; every
// site it makes is the one Assemble makes.
func TestAssemblerReuses(t *testing.T) {
	a, b, c := posting("a", content.CDI, "Calais", "2025-04-22", "", "fr", "en"),
		posting("b", content.CDD, "Lyon", "2025-01-10", "2025-06-15", "fr", "en"),
		posting("c", content.Stage, "Paris", "2025-05-01", "", "fr")
	var asm Assembler
	build := func(step string, cs *content.Site, today string) map[string]*Posting {
		t.Helper()
		s, ds := asm.Assemble(cs, date(today))
		fresh, freshDs := Assemble(cs, date(today))
		if !reflect.DeepEqual(s, fresh) || !reflect.DeepEqual(ds, freshDs) {
			t.Fatalf("%s: the Assembler's site differs from Assemble's", step)
		}
		by := map[string]*Posting{}
		for _, p := range s.Postings {
			by[p.Slug] = p
			if asm.last[p.Posting] != p {
				t.Errorf("%s: the Assembler does not keep posting %s for the next site", step, p.Slug)
			}
		}
		// Nor any other: the replaced ones are let go.
		if len(asm.last) != len(s.Postings) {
			t.Errorf("%s: the Assembler keeps %d postings, the site has %d", step, len(asm.last), len(s.Postings))
		}
		return by
	}
	same := func(step string, x, y map[string]*Posting, slug string, want bool) {
		t.Helper()
		if got := x[slug] == y[slug] && x[slug].Pages["fr"] == y[slug].Pages["fr"]; got != want {
			t.Errorf("%s: posting %s and its page reused: %v, want %v", step, slug, got, want)
		}
	}
	first := build("first", testSite(a, b, c), "2025-06-01")
	again := build("again", testSite(a, b, c), "2025-06-01")
	for _, slug := range []string{"a", "b", "c"} {
		same("nothing changed", first, again, slug, true)
	}
	patched := func(step string, want bool) {
		t.Helper()
		if asm.patched != want {
			t.Errorf("%s: the last site patched: %v, want %v", step, asm.patched, want)
		}
	}
	patched("again", true) // nothing changed: nothing replaced
	// Another *content.Posting for b, as a Loader gives after an edit of
	// its title: the same place in the lists, the last site patched, the
	// lists showing the new title.
	b2 := *b
	b2.Translations = maps.Clone(b.Translations)
	frTitle := *b.Translations["fr"]
	frTitle.Title = "b édité"
	b2.Translations["fr"] = &frTitle
	edited := build("b edited", testSite(a, &b2, c), "2025-06-01")
	patched("b edited", true)
	same("b edited", again, edited, "a", true)
	same("b edited", again, edited, "b", false)
	// Moved to another town, then posted on another day: grouped and
	// sorted anew.
	b3 := b2
	b3.Facts.Location.City = "Calais"
	build("b moved", testSite(a, &b3, c), "2025-06-01")
	patched("b moved", false)
	b4 := b2
	b4.Facts.Posted = date("2025-05-02")
	build("b posted later", testSite(a, &b4, c), "2025-06-01")
	patched("b posted later", false)
	edited = build("b back", testSite(a, &b2, c), "2025-06-01")
	// b closes on 2025-06-16.
	closed := build("b closed", testSite(a, &b2, c), "2025-06-16")
	patched("b closed", false)
	same("b closed", edited, closed, "a", true)
	same("b closed", edited, closed, "b", false)
	// Another language list: every posting's alternates change.
	en := testSite(a, &b2, c)
	en.Languages = []string{"en", "fr"}
	other := build("languages", en, "2025-06-16")
	same("languages", closed, other, "a", false)
}

// TestPlacesOfOtherScripts: every town gets a place page of its own, at a
// distinct address, and a filter in the lists. Every name in another
// script than Latin used to become "x": Москва, 東京 and القاهرة shared
// /fr/place/x/, and two of them were missing from the filters.
func TestPlacesOfOtherScripts(t *testing.T) {
	cities := []string{"Москва", "東京", "القاهرة", "Αθήνα", "Calais"}
	var ps []*content.Posting
	for i, city := range cities {
		ps = append(ps, posting(fmt.Sprintf("poste-%d", i), content.CDI, city, "2025-04-22", "", "fr"))
	}
	s, diags := Assemble(testSite(ps...), date("2025-06-01"))
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var list *Page
	places := map[string]*Page{}
	for _, pg := range s.Pages {
		switch {
		case pg.Path == "/fr/":
			list = pg
		case pg.Kind == PlacePage:
			if places[pg.Path] != nil {
				t.Errorf("two place pages at %s", pg.Path)
			}
			places[pg.Path] = pg
		}
	}
	want := map[string]string{"/fr/place/moskva/": "Москва", "/fr/place/東京/": "東京", "/fr/place/القاهرة/": "القاهرة",
		"/fr/place/athina/": "Αθήνα", "/fr/place/calais/": "Calais"}
	for path, city := range want {
		pg := places[path]
		if pg == nil || len(pg.Entries) != 1 || pg.Entries[0].Posting.Facts.Location.City != city {
			t.Errorf("%s: %v, want the page of %s with its one posting", path, pg, city)
		}
	}
	if len(places) != len(want) {
		t.Errorf("place pages %v, want %d", slices.Sorted(maps.Keys(places)), len(want))
	}
	var filters []string
	for _, f := range list.Places {
		filters = append(filters, f.City)
	}
	if len(filters) != len(cities) {
		t.Errorf("the filters of /fr/ are %q, want the %d towns", filters, len(cities))
	}
}

// TestPlaceAddressesCollide: two towns whose names differ but would get
// the same address are an error naming both; names that differ only by
// case, accents or punctuation are the same town, on one page.
func TestPlaceAddressesCollide(t *testing.T) {
	cs := testSite(
		posting("a", content.CDI, "Łódź", "2025-04-22", "", "fr"),
		posting("b", content.CDI, "Odz", "2025-04-22", "", "fr"),
		posting("c", content.CDI, "Saint-Étienne", "2025-04-22", "", "fr"),
		posting("d", content.CDI, "saint etienne", "2025-04-22", "", "fr"),
	)
	for _, p := range cs.Postings {
		p.CityLines = []int{12}
	}
	_, diags := Assemble(cs, date("2025-06-01"))
	if len(diags) != 1 || diags.Errors() != 1 {
		t.Fatalf("diagnostics %v, want one error", diags)
	}
	d := diags[0]
	if d.File != "content/postings/b.fr.md" || d.Line != 12 || d.Field != "location.city" ||
		!strings.Contains(d.Msg.String(), `"Odz"`) || !strings.Contains(d.Msg.String(), `"Łódź"`) || !strings.Contains(d.Msg.String(), "content/postings/a.fr.md") || !strings.Contains(d.Msg.String(), "/place/odz/") {
		t.Errorf("diagnostic %s; want one on content/postings/b.fr.md naming Odz, Łódź, a.fr.md and /place/odz/", d)
	}
}

// TestRemoteFilters: hybrid and full remote work get filter pages listing
// exactly their open postings, offered by the lists only when they filter
// something (some postings on site, or both kinds), as places are.
func TestRemoteFilters(t *testing.T) {
	withRemote := func(p *content.Posting, r string) *content.Posting { p.Facts.Remote = r; return p }
	tests := []struct {
		name    string
		remotes []string // of postings a, b, c (c expired)
		offered []string // the remote filters the lists offer
		pages   map[string][]string
	}{
		{"all on site", []string{"no", "no", "no"}, nil, map[string][]string{}},
		{"one hybrid", []string{"hybrid", "no", "full"}, []string{"/fr/remote/hybrid/"},
			map[string][]string{"/fr/remote/hybrid/": {"/fr/a/"}}},
		{"both kinds", []string{"hybrid", "full", "no"}, []string{"/fr/remote/hybrid/", "/fr/remote/full/"},
			map[string][]string{"/fr/remote/hybrid/": {"/fr/a/"}, "/fr/remote/full/": {"/fr/b/"}}},
		{"all hybrid", []string{"hybrid", "hybrid", "no"}, nil,
			map[string][]string{"/fr/remote/hybrid/": {"/fr/a/", "/fr/b/"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := Assemble(testSite(
				withRemote(posting("a", content.CDI, "Lille", "2026-03-02", "", "fr"), tt.remotes[0]),
				withRemote(posting("b", content.CDD, "Lille", "2026-03-01", "", "fr"), tt.remotes[1]),
				withRemote(posting("c", content.CDD, "Lille", "2026-01-01", "2026-02-01", "fr"), tt.remotes[2]),
			), date("2026-03-10"))
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			byPath := map[string]*Page{}
			for _, pg := range s.Pages {
				byPath[pg.Path] = pg
			}
			var offered []string
			for _, f := range byPath["/fr/"].Remotes {
				offered = append(offered, f.Path)
			}
			if !slices.Equal(offered, tt.offered) {
				t.Errorf("offered %v, want %v", offered, tt.offered)
			}
			var got []string
			for _, pg := range s.Pages {
				if pg.Kind != RemotePage {
					continue
				}
				got = append(got, pg.Path)
				if want := tt.pages[pg.Path]; !slices.Equal(entryPaths(pg.Entries), want) {
					t.Errorf("%s lists %v, want %v", pg.Path, entryPaths(pg.Entries), want)
				}
				if pg.Unlinked != (tt.offered == nil) {
					t.Errorf("%s: Unlinked %v with filters offered %v", pg.Path, pg.Unlinked, tt.offered)
				}
			}
			if len(got) != len(tt.pages) {
				t.Errorf("remote pages %v, want those of %v", got, tt.pages)
			}
		})
	}
}

// TestSeveralPlaces: a posting with several places of work is listed on
// the page of each of their towns, once per town, and its places count
// for the filter by place.
func TestSeveralPlaces(t *testing.T) {
	a := posting("a", content.CDI, "Lille", "2026-03-02", "", "fr")
	a.Facts.MoreLocations = []content.Location{{City: "Calais", Country: "FR"}, {City: "lille", Country: "FR"}}
	s, diags := Assemble(testSite(a, posting("b", content.CDD, "Lille", "2026-03-01", "", "fr")), date("2026-03-10"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	byPath := map[string]*Page{}
	for _, pg := range s.Pages {
		byPath[pg.Path] = pg
	}
	want := map[string][]string{"/fr/place/lille/": {"/fr/a/", "/fr/b/"}, "/fr/place/calais/": {"/fr/a/"}}
	for path, es := range want {
		pg := byPath[path]
		if pg == nil {
			t.Fatalf("no page %s", path)
		}
		if got := entryPaths(pg.Entries); !slices.Equal(got, es) {
			t.Errorf("%s lists %v, want %v", path, got, es)
		}
		if pg.Unlinked {
			t.Errorf("%s is unlinked; the lists offer two places", path)
		}
	}
	var offered []string
	for _, f := range byPath["/fr/"].Places {
		offered = append(offered, fmt.Sprintf("%s %d", f.City, f.Count))
	}
	if !slices.Equal(offered, []string{"Calais 1", "Lille 2"}) {
		t.Errorf("place filters %v, want Calais 1, Lille 2", offered)
	}
}

// TestPages: a list longer than the page size goes on over numbered pages,
// the first at the list's address, each with its share of the entries
// (those in the page's language, then those elsewhere), the later ones
// without alternates; an Assembler patching the site after an edit makes
// the same pages as a new assembly.
func TestPages(t *testing.T) {
	var ps []*content.Posting
	for i := range 5 {
		ps = append(ps, posting(fmt.Sprintf("p%d", i), content.CDI, "Lille", fmt.Sprintf("2026-03-0%d", 5-i), "", "fr", "en"))
	}
	ps = append(ps, posting("solo", content.CDI, "Lille", "2026-02-01", "", "fr"))
	cs := testSite(ps...)
	cs.PageSize = 2
	s, diags := Assemble(cs, date("2026-03-10"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	type shown struct {
		entries, elsewhere []string
		number, count      int
	}
	want := map[string]shown{
		"/fr/":                     {[]string{"/fr/p0/", "/fr/p1/"}, nil, 1, 3},
		"/fr/page/2/":              {[]string{"/fr/p2/", "/fr/p3/"}, nil, 2, 3},
		"/fr/page/3/":              {[]string{"/fr/p4/", "/fr/solo/"}, nil, 3, 3},
		"/en/":                     {[]string{"/en/p0/", "/en/p1/"}, nil, 1, 3},
		"/en/page/2/":              {[]string{"/en/p2/", "/en/p3/"}, nil, 2, 3},
		"/en/page/3/":              {[]string{"/en/p4/"}, []string{"/fr/solo/"}, 3, 3},
		"/fr/contract/cdi/page/3/": {[]string{"/fr/p4/", "/fr/solo/"}, nil, 3, 3},
		"/en/archive/":             {nil, nil, 1, 1},
		"/fr/contract/cdi/page/2/": {[]string{"/fr/p2/", "/fr/p3/"}, nil, 2, 3},
		"/en/contract/cdi/page/2/": {[]string{"/en/p2/", "/en/p3/"}, nil, 2, 3},
		"/en/contract/cdi/page/3/": {[]string{"/en/p4/"}, nil, 3, 3},
	}
	byPath := map[string]*Page{}
	for _, pg := range s.Pages {
		if byPath[pg.Path] != nil {
			t.Errorf("two pages at %s", pg.Path)
		}
		byPath[pg.Path] = pg
	}
	for path, w := range want {
		pg := byPath[path]
		if pg == nil {
			t.Errorf("no page %s", path)
			continue
		}
		got := shown{entryPaths(pg.Entries), entryPaths(pg.Elsewhere), pg.Number, pg.PageCount}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s shows %+v, want %+v", path, got, w)
		}
		if pg.Number > 1 && (pg.Alternates != nil || pg.First != byPath[strings.Split(path, "page/")[0]]) {
			t.Errorf("%s: alternates %v, first page %s", path, pg.Alternates, pg.First.Path)
		}
		if pg.Number == 1 && pg.First != pg {
			t.Errorf("%s: the first page is not its own First", path)
		}
	}
	if pg := byPath["/fr/page/4/"]; pg != nil {
		t.Error("a fourth page of 6 postings at 2 a page")
	}

	var asm Assembler
	asm.Assemble(cs, date("2026-03-10"))
	edited := *ps[3]
	edited.Translations = maps.Clone(edited.Translations)
	tr := *edited.Translations["fr"]
	tr.Title = "édité"
	edited.Translations["fr"] = &tr
	ps[3] = &edited
	cs2 := testSite(ps...)
	cs2.PageSize = 2
	patched, _ := asm.Assemble(cs2, date("2026-03-10"))
	fresh, _ := Assemble(cs2, date("2026-03-10"))
	if !asm.patched || !reflect.DeepEqual(patched, fresh) {
		t.Errorf("after an edit, the patched site (patched: %v) differs from a new one", asm.patched)
	}
}

// TestClosedOn: a closed posting left the lists the day its job was
// filled or the day after its expires day, whichever came first, and the
// day stays as the build day moves on; an open posting has none.
func TestClosedOn(t *testing.T) {
	for _, tt := range []struct {
		expires, filled, today, want string
	}{
		{"2026-11-30", "", "2026-11-30", ""}, // open through its expires day
		{"2026-11-30", "", "2026-12-01", "2026-12-01"},
		{"2026-11-30", "", "2027-03-01", "2026-12-01"},
		{"", "2026-11-16", "2026-11-15", ""}, // filled in the future: open
		{"", "2026-11-16", "2026-11-16", "2026-11-16"},
		{"2026-11-30", "2026-11-16", "2026-12-05", "2026-11-16"}, // filled first
		{"2026-11-30", "2026-12-03", "2026-12-05", "2026-12-01"}, // expired first
		{"2026-11-30", "2026-12-01", "2026-12-05", "2026-12-01"},
	} {
		p := posting("p", content.CDI, "Calais", "2026-11-01", tt.expires, "fr")
		if tt.filled != "" {
			p.Facts.Filled = date(tt.filled)
		}
		s, _ := Assemble(testSite(p), date(tt.today))
		var want content.Date // zero: open
		if tt.want != "" {
			want = date(tt.want)
		}
		if got := s.Postings[0].closedOn(); got != want {
			t.Errorf("expires %q, filled %q, on %s: closed on %v, want %v", tt.expires, tt.filled, tt.today, got, want)
		}
	}
}

// TestPageOrder: the posting pages of a site, assembled or patched, are
// one run of the pages of its postings, in order, each in its languages',
// after the lists and before the 404 page (as Site.Pages says, and the
// build's sitemap key takes them).
func TestPageOrder(t *testing.T) {
	a, b, c := posting("a", content.CDI, "Calais", "2025-04-22", "", "fr", "en"),
		posting("b", content.CDD, "Lyon", "2025-01-10", "2025-06-15", "fr", "en"),
		posting("c", content.Stage, "Paris", "2025-05-01", "", "fr")
	b2 := *b
	b2.Translations = maps.Clone(b.Translations)
	title := *b.Translations["fr"]
	title.Title = "b édité"
	b2.Translations["fr"] = &title
	var asm Assembler
	for _, step := range []struct {
		name, today string
		cs          *content.Site
	}{
		{"first", "2025-06-01", testSite(a, b, c)},
		{"b edited (patched)", "2025-06-01", testSite(a, &b2, c)},
		{"b closed", "2025-06-16", testSite(a, &b2, c)},
	} {
		s, _ := asm.Assemble(step.cs, date(step.today))
		var want []*Page
		for _, p := range s.Postings {
			for _, l := range p.Langs {
				want = append(want, p.Pages[l])
			}
		}
		if from, to := s.PostingRun(); !slices.Equal(s.Pages[from:to], want) {
			t.Fatalf("%s: PostingRun is not the postings' pages in order", step.name)
		}
		for _, pg := range slices.Concat(s.Pages[:s.postingsFrom], s.Pages[s.postingsTo:]) {
			if pg.Kind == PostingPage {
				t.Errorf("%s: posting page %s out of the run", step.name, pg.Path)
			}
		}
		if last := s.Pages[len(s.Pages)-1]; last.Kind != NotFoundPage {
			t.Errorf("%s: the last page is %s, not the 404 page", step.name, last.Path)
		}
	}
}
