package content

import (
	"slices"
	"strings"
	"testing"
)

func TestEditorSettings(t *testing.T) {
	const sf = siteFile
	site := func(editor string) map[string]string { return map[string]string{sf: validSite + editor} }
	runLoadCases(t, []loadCase{
		{name: "github", files: site("editor:\n  backend: github\n  repo: ecpat-france/emplois\n  auth_url: https://auth.example.org/\n")},
		{name: "gitlab subgroup", files: site("editor:\n  backend: gitlab\n  repo: ngo/web/emplois\n  branch: pages\n  app_id: 0123abc\n")},
		{name: "unknown backend", files: site("editor:\n  backend: gitea\n  repo: a/b\n"),
			want: []string{sf + `:8: editor.backend: "gitea" is not allowed; did you mean gitlab? (allowed: github, gitlab)`}},
		{name: "no repo", files: site("editor:\n  backend: gitlab\n  app_id: x\n"),
			want: []string{sf + ":7: editor.repo: missing; give the repository as in its address, like ecpat-france/emplois"}},
		{name: "repo as an address", files: site("editor:\n  backend: github\n  repo: https://github.com/a/b\n  auth_url: https://auth.example.org\n"),
			want: []string{sf + `:9: editor.repo: "https://github.com/a/b" is not a repository; write its owner and name as in its address, like ecpat-france/emplois`}},
		{name: "github without sign-in helper", files: site("editor:\n  backend: github\n  repo: a/b\n"),
			want: []string{sf + ":7: editor.auth_url: missing; GitHub needs a sign-in helper: give its address (see docs/publishing.md, Editing in the browser)"}},
		{name: "gitlab without application", files: site("editor:\n  backend: gitlab\n  repo: a/b\n"),
			want: []string{sf + ":7: editor.app_id: missing; give the application ID GitLab showed when you added the application (see docs/publishing.md, Editing in the browser)"}},
		{name: "bad branch", files: site("editor:\n  backend: gitlab\n  repo: a/b\n  app_id: x\n  branch: a..b\n"),
			want: []string{sf + `:11: editor.branch: "a..b" is not a branch name; give the branch the site is built from, like main`}},
		{name: "unknown key", files: site("editor:\n  backend: gitlab\n  repo: a/b\n  app_id: x\n  token: secret\n"),
			want: []string{sf + ":11: editor.token: unknown field; the fields are: backend, repo, branch, auth_url, app_id"}},
	})
}

// TestPostingFieldsAreTheModel holds the form's fields and the content
// model together: every key the checks read is a field, in the same
// order, and the table of kinds names no key the checks do not read.
func TestPostingFieldsAreTheModel(t *testing.T) {
	var names []string
	var walk func(prefix string, fs []Field)
	walk = func(prefix string, fs []Field) {
		for _, f := range fs {
			if f.Path != prefix+f.Name {
				t.Errorf("%s: path %q", prefix+f.Name, f.Path)
			}
			names = append(names, f.Path)
			walk(f.Path+".", f.Fields)
		}
	}
	walk("", PostingFields())
	var want []string
	for _, k := range postingKeys {
		want = append(want, k)
		for _, sub := range groupKeys[k] {
			want = append(want, k+"."+sub)
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("fields:\n%s\nwant the model's keys:\n%s", strings.Join(names, " "), strings.Join(want, " "))
	}
	for path := range fieldKinds {
		if !slices.Contains(names, path) {
			t.Errorf("fieldKinds names %s, which no check reads", path)
		}
	}
	for _, k := range postingKeys {
		if _, ok := fieldKinds[k]; !ok {
			t.Logf("%s has no kind in fieldKinds: forms show it as one line of text", k)
		}
	}
}
