package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// A posting published with the markers "jobboard new" leaves in its values
// is an error; while it is a draft, a warning.
func TestPlaceholders(t *testing.T) {
	posting := func(draft string) string {
		return "---\ntitle: Chargé de communication\nsummary: \"À REMPLACER : le poste en une phrase.\"\n" +
			"organization: asso\ncontract: CDI\nhours: full-time\nsalary: {min: 24000, max: 24000, period: year}\n" +
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
			_, diags := Load(placeholderSite(posting(tt.draft)), Options{Drafts: true})
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

// The facts "jobboard new" fills with stand-ins that pass every other check
// (a salary of 1, a city, an address at example.org) carry a note beside
// them; a posting published with a note left is an error at its line,
// naming the field; a draft, a warning. Comment lines and a note beside a
// key that opens a block are not values.
func TestPlaceholderNotes(t *testing.T) {
	posting := func(draft string) string {
		return "---\n" +
			"# Remplacez chaque valeur marquée À REMPLACER.\n" + // 2
			"title: Chargé de communication\n" + // 3
			"organization: asso\ncontract: CDI\nhours: full-time\n" + // 4-6
			"salary:   # CHANGE ME below\n" + // 7
			"  min: 1   # À REMPLACER : le minimum\n" + // 8
			"  max: 2   # À REMPLACER : le maximum\n" + // 9
			"  period: year\n" + // 10
			"location:\n  city: Lyon\n  postal_code: \"69001\"   # CHANGE ME: in quotes\n  country: FR\n" + // 11-14
			"start: asap\nposted: 2026-03-09\nexpires: 2026-04-09\n" + // 15-17
			"apply:\n  to:\n    - a@asso.example.org\n    - b@example.org   # À REMPLACER ; une adresse par ligne\n" + // 18-21
			draft + "---\nIntro.\n"
	}
	note := func(line, field, marker string) string {
		return "content/postings/charge-com.fr.md:" + line + ": " + field + ": still marked " + marker +
			" by \"jobboard new\": write the real value; if it is written already, delete the note \"# " + marker + "…\""
	}
	want := []string{
		note("8", "salary.min", "À REMPLACER"),
		note("9", "salary.max", "À REMPLACER"),
		note("13", "location.postal_code", "CHANGE ME"),
		note("21", "apply.to", "À REMPLACER"),
	}
	for _, tt := range []struct {
		name, draft string
		sev         Severity
	}{
		{"published", "", Error},
		{"draft", "draft: true\n", Warning},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Load(placeholderSite(posting(tt.draft)), Options{Drafts: true})
			var got []string
			for _, d := range diags {
				if d.Severity != tt.sev {
					t.Errorf("%s: severity %d, want %d", d, d.Severity, tt.sev)
				}
				s := d.String()
				if d.Severity == Warning {
					s = strings.Replace(s, ": warning: ", ": ", 1)
				}
				got = append(got, s)
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// placeholderSite is a French-only site whose one posting,
// content/postings/charge-com.fr.md, is posting.
func placeholderSite(posting string) fstest.MapFS {
	return fstest.MapFS{
		"content/site.yaml":                 {Data: []byte("base_url: https://jobs.example.org/\nlanguages: [fr]\ntitle: {fr: Emplois}\n")},
		"content/organizations/asso.fr.md":  {Data: []byte("---\nname: Asso\nurl: https://asso.example.org/\n---\nUne association.\n")},
		"content/postings/charge-com.fr.md": {Data: []byte(posting)},
	}
}
