package feeds

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/content"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden.* files")

// paris is a fixed +02:00 zone, so that the tests do not depend on tzdata.
var paris = time.FixedZone("CEST", 2*60*60)

func day(y int, m time.Month, d int) content.Date { return content.Date{Year: y, Month: m, Day: d} }

// nasty holds what must not break any writer; clean removes \x00, \x01, \x7f,
// U+0085, U+FFFE and the invalid byte \xff.
const nasty = "Tom & Jerry <b>\"quoted\"</b> 'single' ]]> ]]]]> a]]\x00\x01\x7f\u0085\ufffe\xff é 🙂"

func sampleSitemap() []SitemapURL {
	const base = "https://emplois.ecpat-france.org/"
	alts := func(path string) []Alternate {
		return []Alternate{
			{"fr", base + "fr/" + path},
			{"en", base + "en/" + path},
			{"x-default", base + "fr/" + path},
		}
	}
	return []SitemapURL{
		{Loc: base},
		{Loc: base + "fr/", LastMod: day(2025, 4, 22), Alternates: alts("")},
		{Loc: base + "en/", LastMod: day(2025, 4, 22), Alternates: alts("")},
		{Loc: base + "fr/mediateur-interculturel-calais/", LastMod: day(2025, 4, 22), Alternates: alts("mediateur-interculturel-calais/")},
		{Loc: base + "en/mediateur-interculturel-calais/", LastMod: day(2025, 4, 22), Alternates: alts("mediateur-interculturel-calais/")},
	}
}

func sampleAtom() AtomFeed {
	return AtomFeed{
		ID:         "https://emplois.ecpat-france.org/fr/",
		Title:      "Offres d'emploi — ECPAT France",
		Subtitle:   "Les postes à pourvoir chez ECPAT France",
		Lang:       "fr",
		SelfURL:    "https://emplois.ecpat-france.org/fr/feed.xml",
		AltURL:     "https://emplois.ecpat-france.org/fr/",
		AuthorName: "ECPAT France",
		AuthorURI:  "https://ecpat-france.fr/",
		Updated:    time.Date(2020, 1, 1, 0, 0, 0, 0, paris), // ignored: there are entries
		Entries: []AtomEntry{
			{
				Title:       "Médiateur.rice interculturel.le",
				URL:         "https://emplois.ecpat-france.org/fr/mediateur-interculturel-calais/",
				Summary:     "CDI à temps plein à l'antenne ECPAT France de Calais : aller vers les enfants en transit.",
				ContentHTML: "<p>ECPAT France à Calais recrute un ou une médiateur.rice interculturel.le.</p><ul><li>CDI & temps plein</li></ul>",
				Published:   time.Date(2025, 4, 22, 0, 0, 0, 0, paris),
				Updated:     time.Date(2025, 4, 23, 9, 30, 0, 0, paris),
				Categories:  []string{"CDI", "Calais"},
			},
			{
				ID:         "tag:emplois.ecpat-france.org,2025:juriste",
				Title:      `Juriste "droits de l'enfant" <stage> & co ]]>`,
				URL:        "https://emplois.ecpat-france.org/en/juriste/?a=1&b=2",
				Summary:    "Stage de six mois.",
				Published:  time.Date(2025, 3, 1, 0, 0, 0, 0, paris),
				Lang:       "en",
				Categories: []string{"stage"},
			},
		},
	}
}

func sampleJobs() JobFeed {
	return JobFeed{
		Publisher:     "ECPAT France",
		PublisherURL:  "https://emplois.ecpat-france.org/",
		LastBuildDate: time.Date(2025, 4, 23, 9, 30, 0, 0, paris),
		Jobs: []Job{
			{
				Title:           "Médiateur.rice interculturel.le",
				Date:            day(2025, 4, 22),
				ReferenceNumber: "mediateur-interculturel-calais",
				RequisitionID:   "mediateur-interculturel-calais",
				URL:             "https://emplois.ecpat-france.org/fr/mediateur-interculturel-calais/",
				Company:         "ECPAT France",
				City:            "Calais",
				State:           "Hauts-de-France",
				PostalCode:      "62100",
				Country:         "FR",
				Email:           "mhugeux@ecpat-france.org",
				Salary:          "24 000 – 28 000 € bruts annuels",
				JobType:         "fulltime",
				Description:     "<p>ECPAT France à Calais recrute.</p>\n<ul><li>CDI & temps plein</li><li>a ]]> b</li></ul>",
			},
			{
				Title:           "Juriste <stage> & co",
				Date:            day(2025, 3, 1),
				ReferenceNumber: "juriste",
				RequisitionID:   "juriste",
				URL:             "https://emplois.ecpat-france.org/fr/juriste/?a=1&b=2",
				Company:         "ECPAT France",
				City:            "Paris",
				Country:         "FR",
				Description:     "<p>Stage.</p>",
				ExpirationDate:  day(2025, 6, 30),
				Remote:          "Hybrid remote",
			},
		},
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (- want, + got; run go test -update to accept):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff is a small LCS line diff with two lines of context.
func lineDiff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var ops []line
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			ops = append(ops, line{' ', x[i]})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, line{'-', x[i]})
			i++
		default:
			ops = append(ops, line{'+', y[j]})
			j++
		}
	}
	var out strings.Builder
	last := -1
	for k, l := range ops {
		near := false
		for d := -2; d <= 2; d++ {
			if k+d >= 0 && k+d < len(ops) && ops[k+d].op != ' ' {
				near = true
			}
		}
		if !near {
			continue
		}
		if last >= 0 && k != last+1 {
			out.WriteString("…\n")
		}
		fmt.Fprintf(&out, "%c %s\n", l.op, l.text)
		last = k
	}
	return out.String()
}

// xmllint runs xmllint with args on data and fails the test if xmllint does;
// it does nothing when xmllint is absent.
func xmllint(t *testing.T, data []byte, args ...string) {
	t.Helper()
	if out, err := runXmllint(t, data, args...); err != nil {
		t.Errorf("xmllint %s: %v\n%s\ninput:\n%s", strings.Join(args, " "), err, out, data)
	}
}

// runXmllint runs "xmllint --nonet --noout args file" on data; without xmllint
// it returns a nil error.
func runXmllint(t *testing.T, data []byte, args ...string) ([]byte, error) {
	t.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		return nil, nil
	}
	f := filepath.Join(t.TempDir(), "in.xml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(append([]string{"--nonet", "--noout"}, args...), f)
	return exec.Command(path, args...).CombinedOutput()
}

func needXmllint(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not found (Debian: apt-get install libxml2-utils)")
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain é 🙂 \t\n\r", "plain é 🙂 \t\n\r"},
		{"a\x00b\x01c\x1fd\x7fe", "abcde"},
		{"c1\u0080\u0085\u009f.", "c1."},
		{"bad\xff\xfeutf8\xc3", "badutf8"},
		{"nonchar\ufffe\uffff.", "nonchar."},
		{"kept \ufffd \ue000 \U0010FFFF", "kept \ufffd \ue000 \U0010FFFF"},
		{nasty, "Tom & Jerry <b>\"quoted\"</b> 'single' ]]> ]]]]> a]] é 🙂"},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := cleanCDATA("a\r\nb\rc\n\x00"); got != "a\nb\nc\n" {
		t.Errorf("cleanCDATA = %q", got)
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"sitemap.golden.xml", func(b *bytes.Buffer) error { return WriteSitemap(b, sampleSitemap()) }},
		{"robots.golden.txt", func(b *bytes.Buffer) error {
			return WriteRobots(b, "https://emplois.ecpat-france.org/sitemap.xml")
		}},
		{"atom.golden.xml", func(b *bytes.Buffer) error { return WriteAtom(b, sampleAtom()) }},
		{"jobs.golden.xml", func(b *bytes.Buffer) error { return WriteJobs(b, sampleJobs()) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := tc.write(&a); err != nil {
				t.Fatal(err)
			}
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatalf("two runs differ:\n%s", lineDiff(a.String(), b.String()))
			}
			golden(t, tc.name, a.Bytes())
		})
	}
}

func TestRobots(t *testing.T) {
	var b bytes.Buffer
	if err := WriteRobots(&b, "https://x.example/sitemap.xml"); err != nil {
		t.Fatal(err)
	}
	if want := "User-agent: *\nAllow: /\n\nSitemap: https://x.example/sitemap.xml\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	for _, bad := range []string{"", "/sitemap.xml", "sitemap.xml", "https://x.example/a\nDisallow: /", "https://x.example/a b", "ftp://x.example/s.xml"} {
		b.Reset()
		if err := WriteRobots(&b, bad); err == nil || b.Len() > 0 {
			t.Errorf("WriteRobots(%q): err %v, wrote %q", bad, err, b.String())
		}
	}
}
