package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestWorkflowLanguage: the workflows jobboard init writes for its French
// site, and the examples for the repository's French site, run check,
// build and notify with a LANG that makes jobboard speak French, read as the command
// reads it (msg.FromEnv).
func TestWorkflowLanguage(t *testing.T) {
	for _, host := range []string{"github", "gitlab"} {
		dir := t.TempDir()
		if _, err := Site(dir, SiteOptions{Host: host, Version: "latest"}); err != nil {
			t.Fatal(err)
		}
		checkWorkflowLanguage(t, host, filepath.Join(dir, Hosts[host]))
	}
	checkWorkflowLanguage(t, "github", "../../examples/github-actions.yml")
	checkWorkflowLanguage(t, "gitlab", "../../examples/gitlab-ci.yml")
}

func checkWorkflowLanguage(t *testing.T, host, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	jobs := githubSteps
	if host == "gitlab" {
		jobs = gitlabJobs
	}
	runs := 0
	for _, step := range jobs(doc) {
		script := strings.Join(strings.Fields(stringsOf(step["run"], step["script"])), " ")
		if !strings.Contains(script, "jobboard check") && !strings.Contains(script, "jobboard build") && !strings.Contains(script, "jobboard notify") {
			continue
		}
		runs++
		env, _ := step["env"].(map[string]any)
		if env == nil {
			env, _ = step["variables"].(map[string]any)
		}
		getenv := func(k string) string { s, _ := env[k].(string); return s }
		if msg.FromEnv(getenv) != msg.French {
			t.Errorf("%s: %q runs with %v: jobboard would speak English", file, script, env)
		}
	}
	if want := map[string]int{"github": 4, "gitlab": 2}[host]; runs != want {
		t.Errorf("%s: %d steps run check, build or notify, want %d", file, runs, want)
	}
}

func githubSteps(doc map[string]any) []map[string]any {
	var out []map[string]any
	for _, name := range []string{"build", "notify"} {
		job, _ := doc["jobs"].(map[string]any)[name].(map[string]any)
		steps, _ := job["steps"].([]any)
		for _, s := range steps {
			out = append(out, s.(map[string]any))
		}
	}
	return out
}

func gitlabJobs(doc map[string]any) []map[string]any {
	return []map[string]any{doc["check"].(map[string]any), doc["pages"].(map[string]any)}
}

// stringsOf joins the text of a run: line or a script: list.
func stringsOf(vs ...any) string {
	var b strings.Builder
	for _, v := range vs {
		switch v := v.(type) {
		case string:
			b.WriteString(v + "\n")
		case []any:
			for _, s := range v {
				b.WriteString(s.(string) + "\n")
			}
		}
	}
	return b.String()
}

func TestMessagesLocale(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"languages: [fr, en]\n", "fr_FR.UTF-8"},
		{"base_url: x\nlanguages: [ fr ]\n", "fr_FR.UTF-8"},
		{"languages: [en, fr]\n", ""},
		{"# languages: [fr]\nlanguages: [de]\n", ""},
	} {
		if got := messagesLocale([]byte(c.yaml)); got != c.want {
			t.Errorf("messagesLocale(%q) = %q, want %q", c.yaml, got, c.want)
		}
	}
}

// TestWorkflowBranches: the GitHub workflow of a site made by init
// publishes what is pushed to main or to master (the branch git makes
// first unless told otherwise), as read from its YAML.
func TestWorkflowBranches(t *testing.T) {
	dir := t.TempDir()
	if _, err := Site(dir, SiteOptions{Host: "github", Version: "latest"}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, Hosts["github"]))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		On struct {
			Push struct {
				Branches []string
			}
		}
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{"main", "master"} {
		if !slices.Contains(doc.On.Push.Branches, b) {
			t.Errorf("a push to %s is not published: on.push.branches = %q", b, doc.On.Push.Branches)
		}
	}
}
