package content

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// tomlPlaces is a clean TOML posting whose places are an array of tables
// ([[location]]), at the end of the front matter: the first place's city
// is on line 16, the second's on 21.
const tomlPlaces = `+++
title = "Médiateur interculturel"
organization = "acme"
contract = "CDI"
hours = "full-time"
start = 2025-05-21
posted = 2025-04-22
expires = 2025-06-30

[salary]
min = 24000
max = 28000
period = "year"

[[location]]
city = "Calais"
postal_code = "62100"
country = "FR"

[[location]]
city = "Lille"
region = "Hauts-de-France"
country = "FR"

[apply]
to = ["jobs@example.org"]
+++
Texte.
`

// tomlPlacesBlock is the places of tomlPlaces, lines 15 to 23.
const tomlPlacesBlock = `[[location]]
city = "Calais"
postal_code = "62100"
country = "FR"

[[location]]
city = "Lille"
region = "Hauts-de-France"
country = "FR"
`

// tomlInline is tomlPlaces with location = value on line 9, before the
// tables, in place of the array of tables.
func tomlInline(t *testing.T, value string) string {
	t.Helper()
	if !strings.Contains(tomlPlaces, tomlPlacesBlock) {
		t.Fatal("tomlPlaces has no tomlPlacesBlock")
	}
	s := strings.Replace(tomlPlaces, tomlPlacesBlock, "", 1)
	return strings.Replace(s, "expires = 2025-06-30\n", "expires = 2025-06-30\nlocation = "+value+"\n", 1)
}

// TestTOMLSeveralLocations: in TOML, location may be an array of tables
// ([[location]]) or of inline tables, read as the YAML list: the first
// place is Location, the others MoreLocations, with each city's line.
func TestTOMLSeveralLocations(t *testing.T) {
	want := []Location{{City: "Calais", PostalCode: "62100", Country: "FR"}, {City: "Lille", Region: "Hauts-de-France", Country: "FR"}}
	for _, c := range []struct {
		name, text string
		lines      []int
	}{
		{"array of tables", tomlPlaces, []int{16, 21}},
		{"array of inline tables, one a line", tomlInline(t, `[
  {city = "Calais", postal_code = "62100", country = "FR"},
  {city = "Lille", region = "Hauts-de-France", country = "FR"}, # Lille
]`), []int{10, 11}},
		{"array of inline tables on one line", tomlInline(t, `[{city = "Calais", postal_code = "62100", country = "FR"}, {city = "Lille", region = "Hauts-de-France", country = "FR"}]`), []int{9, 9}},
	} {
		site, ds := Load(testSite(map[string]string{postingFR: c.text}), Options{})
		if site == nil || len(ds) != 0 {
			t.Fatalf("%s: diagnostics: %v", c.name, strs(ds))
		}
		p := site.Postings[0]
		if got := p.Facts.Locations(); !slices.Equal(got, want) || !slices.Equal(p.CityLines, c.lines) {
			t.Errorf("%s: places %v at lines %v, want %v at %v", c.name, got, p.CityLines, want, c.lines)
		}
	}
}

// TestTOMLLocationRules: the mistakes of TOML places are reported at
// their line and field, as those of YAML's (TestPostingRules): a
// [[location]] table's at its header or its own key's line, an inline
// table's at its line.
func TestTOMLLocationRules(t *testing.T) {
	toml := func(pairs ...string) string {
		t.Helper()
		s := tomlPlaces
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("the TOML posting has no %q", pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		return s
	}
	runLoadCases(t, []loadCase{
		{name: "second place without country", files: map[string]string{postingFR: toml("region = \"Hauts-de-France\"\ncountry = \"FR\"\n", "region = \"Hauts-de-France\"\n#\n")},
			want: []string{at(20, "location.country: missing; give the country code, like FR")}},
		{name: "second place without city", files: map[string]string{postingFR: toml(`city = "Lille"`, `# city`)},
			want: []string{at(20, "location.city: missing; say in which town or city the job is")}},
		{name: "a place twice", files: map[string]string{postingFR: toml("city = \"Lille\"\nregion = \"Hauts-de-France\"\n", "city = \"Calais\"\npostal_code = \"62100\"\n")},
			want: []string{at(20, "location.city: Calais is listed twice; list each place of work once")}},
		{name: "unknown key in the second place", files: map[string]string{postingFR: toml(`region = "Hauts-de-France"`, `zip = "59000"`)},
			want: []string{at(22, "location.zip: unknown field; the fields are: city, postal_code, region, country")}},
		{name: "country in lower case in the second place", files: map[string]string{postingFR: toml("region = \"Hauts-de-France\"\ncountry = \"FR\"\n", "region = \"Hauts-de-France\"\ncountry = \"fr\"\n")},
			want: []string{at(23, `location.country: "fr": write country codes in capitals: FR`)}},
		{name: "city a list in the first place", files: map[string]string{postingFR: toml(`city = "Calais"`, `city = ["Calais"]`)},
			want: []string{at(16, "location.city: must be a single value, not a list")}},
		{name: "inline: second place without country", files: map[string]string{postingFR: tomlInline(t, "[\n  {city = \"Calais\", country = \"FR\"},\n  {city = \"Lille\"},\n]")},
			want: []string{at(11, "location.country: missing; give the country code, like FR")}},
		{name: "inline: a place that is no table", files: map[string]string{postingFR: tomlInline(t, "[\n  \"Calais\",\n  {city = \"Lille\", country = \"FR\"},\n]")},
			want: []string{at(10, `location: must be a group of fields (location: {…}), not "Calais"`)}},
		{name: "inline: empty list of places", files: map[string]string{postingFR: tomlInline(t, "[]")},
			want: []string{at(9, "location: is an empty list; give at least one place of work: location: {city: …, country: FR}")}},
		{name: "a table, then an array of tables", files: map[string]string{postingFR: toml("[[location]]\ncity = \"Calais\"", "[location]\ncity = \"Calais\"")},
			want: []string{at(20, "this front matter is not valid TOML: Key 'location' was already created and cannot be used as an array.")}},
	})
}

// TestTOMLKeyLines: the line of each key of arrays of tables, nested
// ones included, and of the items of arrays that start on their lines.
func TestTOMLKeyLines(t *testing.T) {
	const text = `a = [
  1, 2,
  [3],
]
[[t]]
x = 1
[t.sub]
y = 2
[[t]]
x = "[a, b]" # [
[[t.list]]
z = 3
[[t.list]]
z = 4
`
	want := map[string]int{
		"a": 1, "a[0]": 2, "a[1]": 2, "a[2]": 3,
		"t": 5, "t[0]": 5, "t[0].x": 6, "t[0].sub": 7, "t[0].sub.y": 8,
		"t[1]": 9, "t[1].x": 10, "t[1].list": 11, "t[1].list[0]": 11, "t[1].list[0].z": 12,
		"t[1].list[1]": 13, "t[1].list[1].z": 14,
	}
	if got := tomlKeyLines([]byte(text), 1); !maps.Equal(got, want) {
		t.Errorf("tomlKeyLines:\n got %v\nwant %v", got, want)
	}
}
