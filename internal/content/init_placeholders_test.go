package content

import "testing"

// TestInitPlaceholders: the values "jobboard init" marks CHANGE ME in
// site.yaml and in the employer's files are warnings, at their line and
// field, until replaced; the site still loads.
func TestInitPlaceholders(t *testing.T) {
	runLoadCases(t, []loadCase{
		{
			name: "site.yaml",
			files: map[string]string{siteFile: edit(validSite,
				"base_url: https://jobs.example.org/", "# CHANGE ME in a comment is no value\nbase_url: https://jobs.example.org/  # CHANGE ME: your address")},
			want: []string{`content/site.yaml:2: warning: base_url: still the example value of "jobboard init", marked CHANGE ME: write the real value, then delete the note "# CHANGE ME…"`},
		},
		{
			name: "employer",
			files: map[string]string{
				orgFR: edit(validOrgFR, "name: Acme France", "name: Votre organisation  # CHANGE ME: le nom"),
				orgEN: edit(validOrgEN, "Acme is a charity.", "CHANGE ME: introduce it."),
			},
			want: []string{
				`content/organizations/acme.en.md:4: warning: still holds a placeholder from "jobboard init"; replace it before publishing`,
				`content/organizations/acme.fr.md:2: warning: name: still the example value of "jobboard init", marked CHANGE ME: write the real value, then delete the note "# CHANGE ME…"`,
			},
		},
	})
}
