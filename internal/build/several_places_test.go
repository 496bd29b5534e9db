package build_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/build"
)

// TestSeveralPlaces: a posting whose location lists two towns is on the
// place page of each, its page names both, its JobPosting has one
// jobLocation per place (parsed from the page), its Atom entries name both
// towns, and jobs.xml gives the first place (Indeed takes one town).
func TestSeveralPlaces(t *testing.T) {
	root := copySite(t)
	const fr = "content/postings/mediateur-interculturel-calais.fr.md"
	editFile(t, root, fr, "location:\n  city: Calais\n", "location:\n- city: Calais\n")
	editFile(t, root, fr, "  postal_code: \"62100\"       # in quotes, so that it stays text\n  region: Hauts-de-France\n  country: FR\n",
		"  postal_code: \"62100\"\n  region: Hauts-de-France\n  country: FR\n- city: Lille\n  postal_code: \"59000\"\n  country: FR\n")
	out := filepath.Join(t.TempDir(), "public")
	runBuild(t, build.Config{Root: root, Out: out, Today: exampleToday})

	const page = "/fr/mediateur-interculturel-calais/"
	for _, place := range []string{"/fr/place/calais/", "/fr/place/lille/", "/en/place/lille/"} {
		if p := readPage(t, out, place); !strings.Contains(p, `href="`+strings.Replace(page, "/fr/", place[:4], 1)+`"`) {
			t.Errorf("%s does not list the posting", place)
		}
	}
	p := readPage(t, out, page)
	if text := visibleText(p); !strings.Contains(text, "Calais (62100), Hauts-de-France, France\u202f; Lille (59000), France") ||
		!strings.Contains(text, "Calais et Lille") {
		t.Errorf("the page does not name both places:\n%s", text)
	}
	blocks := ldJSONBlocks(p)
	if len(blocks) != 1 {
		t.Fatalf("%d JSON-LD blocks", len(blocks))
	}
	var jp struct {
		JobLocation []struct {
			Type    string `json:"@type"`
			Address struct {
				Locality string `json:"addressLocality"`
				Postal   string `json:"postalCode"`
				Country  string `json:"addressCountry"`
			} `json:"address"`
		} `json:"jobLocation"`
	}
	if err := json.Unmarshal([]byte(blocks[0]), &jp); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range jp.JobLocation {
		got = append(got, l.Type+" "+l.Address.Locality+" "+l.Address.Postal+" "+l.Address.Country)
	}
	if want := []string{"Place Calais 62100 FR", "Place Lille 59000 FR"}; !slices.Equal(got, want) {
		t.Errorf("jobLocation %v, want %v", got, want)
	}
	tree := readTree(t, out)
	if feed := string(tree["fr/feed.xml"]); !strings.Contains(feed, `<category term="Lille">`) && !strings.Contains(feed, `term="Lille"`) {
		t.Errorf("the Atom feed does not name Lille:\n%s", feed)
	}
	if jobs := string(tree["jobs.xml"]); !strings.Contains(jobs, "<city><![CDATA[Calais]]></city>") || strings.Contains(jobs, "Lille") {
		t.Errorf("jobs.xml does not give the first place only:\n%s", jobs)
	}
}
