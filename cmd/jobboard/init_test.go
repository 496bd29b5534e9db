package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestInitNewCheckBuild starts a site from an empty folder as a new
// organisation would, with the built-in theme only: init, new, check and
// build succeed, and the site has no layouts/ or assets/ of its own.
func TestInitNewCheckBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "emplois")
	run1 := func(args ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), msg.English, args, &stdout, &stderr); err != nil {
			t.Fatalf("jobboard %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	out, _ := run1("init", dir)
	for _, f := range []string{"content/site.yaml", "content/organizations/votre-organisation.fr.md",
		"content/organizations/votre-organisation.en.md", ".gitignore", ".github/workflows/publish.yml"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("init did not write %s: %v", f, err)
		}
		if !strings.Contains(out, filepath.Join(dir, filepath.FromSlash(f))) {
			t.Errorf("init does not say it created %s:\n%s", f, out)
		}
	}
	for _, step := range []string{"jobboard new", "jobboard serve -drafts", "git init -b main", "git push -u origin main", `Settings → Pages, choose "Source: GitHub Actions"`} {
		if !strings.Contains(out, step) {
			t.Errorf("init does not print the step %q:\n%s", step, out)
		}
	}
	run1("new", "-C", dir, "-now", "2026-11-20", "educateur")
	_, warnings := run1("check", "-C", dir, "-now", "2026-11-25", "-drafts")
	if !strings.Contains(warnings, "CHANGE ME") && !strings.Contains(warnings, "placeholder") {
		t.Errorf("check does not report the values to change:\n%s", warnings)
	}
	public := filepath.Join(t.TempDir(), "public")
	run1("build", "-C", dir, "-now", "2026-11-25", "-drafts", "-out", public)
	for _, f := range []string{"index.html", "fr/educateur/index.html", "en/educateur/index.html", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(public, f)); err != nil {
			t.Errorf("the build has no %s: %v", f, err)
		}
	}
	for _, d := range []string{"layouts", "assets"} {
		if _, err := os.Stat(filepath.Join(dir, d)); err == nil {
			t.Errorf("the site has a %s/ folder: the theme should be the built-in one", d)
		}
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), msg.English, []string{"init", dir}, &stdout, &stderr)
	if code := exitCode(err, msg.English, &stderr); code != 2 || !strings.Contains(stderr.String(), "already holds a site") {
		t.Errorf("init over a site: exit %d, %q; want 2 and 'already holds a site'", code, stderr.String())
	}
}
