package content

import (
	"testing"
	"testing/fstest"
)

// A posting published with the markers "jobboard new" leaves in its values
// is an error; while it is a draft, a warning.
func TestPlaceholders(t *testing.T) {
	site := "base_url: https://jobs.example.org/\nlanguages: [fr]\ntitle: {fr: Emplois}\n"
	org := "---\nname: Asso\nurl: https://asso.example.org/\n---\nUne association.\n"
	posting := func(draft string) string {
		return "---\ntitle: Chargé de communication\nsummary: \"À REMPLACER : le poste en une phrase.\"\n" +
			"organization: asso\ncontract: CDI\nhours: full-time\nsalary: {min: 1, max: 1, period: year}\n" +
			"location: {city: Lyon, country: FR}\nstart: asap\nposted: 2026-03-09\nexpires: 2026-04-09\n" +
			"apply: {to: [a@asso.example.org]}\n" + draft + "---\nIntro.\n\n- CHANGE ME\n"
	}
	for _, tt := range []struct {
		name, draft string
		sev         Severity
		bodyLine    string // the line of "- CHANGE ME"
	}{
		{"published", "", Error, "16"},
		{"draft", "draft: true\n", Warning, "17"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/site.yaml":                 {Data: []byte(site)},
				"content/organizations/asso.fr.md":  {Data: []byte(org)},
				"content/postings/charge-com.fr.md": {Data: []byte(posting(tt.draft))},
			}
			_, diags := Load(fsys, Options{Drafts: true})
			want := []string{
				"content/postings/charge-com.fr.md:3: summary: still holds a placeholder from \"jobboard new\"; replace it before publishing",
				"content/postings/charge-com.fr.md:" + tt.bodyLine + ": still holds a placeholder from \"jobboard new\"; replace it before publishing",
			}
			if len(diags) != len(want) {
				t.Fatalf("diagnostics = %q, want %q", diags, want)
			}
			for i, d := range diags {
				w := want[i]
				if tt.sev == Warning {
					w = d.File + ":" + itoa(d.Line) + ": warning: " + w[len(d.File)+len(itoa(d.Line))+3:]
				}
				if d.String() != w || d.Severity != tt.sev {
					t.Errorf("diagnostic %d = %q (severity %d), want %q", i, d, d.Severity, w)
				}
			}
		})
	}
}

func itoa(n int) string { return formatNumber(float64(n)) }
