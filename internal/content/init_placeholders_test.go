package content

import (
	"maps"
	"strings"
	"testing"
)

// TestInitPlaceholders: the values "jobboard init" marks CHANGE ME in
// site.yaml and in the employer's files are reported at their line and
// field until replaced: warnings while every posting is a draft (the site
// just made builds and previews), errors once one would be published.
func TestInitPlaceholders(t *testing.T) {
	cases := []loadCase{
		{
			name: "site.yaml",
			files: map[string]string{siteFile: edit(validSite,
				"base_url: https://jobs.example.org/", "# CHANGE ME in a comment is no value\nbase_url: https://jobs.example.org/  # CHANGE ME: your address"),
				postingFR: draftFR},
			opt:  Options{Drafts: true},
			want: []string{`content/site.yaml:2: warning: base_url: still marked CHANGE ME by "jobboard init": write the real value; if it is written already, delete the note "# CHANGE ME…"`},
		},
		{
			name: "employer",
			files: map[string]string{
				orgFR:     edit(validOrgFR, "name: Acme France", "name: Votre organisation  # CHANGE ME: le nom"),
				orgEN:     edit(validOrgEN, "Acme is a charity.", "CHANGE ME: introduce it."),
				postingFR: draftFR,
			},
			opt: Options{Drafts: true},
			want: []string{
				`content/organizations/acme.en.md:4: warning: still holds a placeholder from "jobboard init"; replace it before publishing`,
				`content/organizations/acme.fr.md:2: warning: name: still marked CHANGE ME by "jobboard init": write the real value; if it is written already, delete the note "# CHANGE ME…"`,
			},
		},
	}
	// A posting published: the same, as errors.
	for _, c := range cases[:2] {
		c.name += ", a posting published"
		c.files = maps.Clone(c.files)
		delete(c.files, postingFR)
		var want []string
		for _, w := range c.want {
			want = append(want, strings.Replace(w, ": warning: ", ": ", 1))
		}
		c.want = want
		cases = append(cases, c)
	}
	runLoadCases(t, cases)
}

// draftFR is the French posting as a draft.
var draftFR = edit(validPostingFR, "\ntitle:", "\ndraft: true\ntitle:")
