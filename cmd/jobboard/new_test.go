package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

// exampleSite copies the repository's site (content/, layouts/, assets/)
// into a temporary folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"content", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestNew(t *testing.T) {
	root := exampleSite(t)
	var out, errb bytes.Buffer
	err := run(context.Background(), msg.English, []string{"new", "-C", root, "-now", "2026-03-09", "charge-de-communication"}, &out, &errb)
	if err != nil {
		t.Fatalf("new: %v\n%s", err, errb.String())
	}
	for _, want := range []string{
		"created content/postings/charge-de-communication.fr.md\n",
		"created content/postings/charge-de-communication.en.md\n",
		"jobboard serve -drafts",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("new printed %q, want it to contain %q", out.String(), want)
		}
	}
	fr, err := os.ReadFile(filepath.Join(root, "content/postings/charge-de-communication.fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nposted: 2026-03-09", "\ndraft: true", "\norganization: ecpat-france"} {
		if !bytes.Contains(fr, []byte(want)) {
			t.Errorf("French file lacks %q:\n%s", want, fr)
		}
	}

	// check on the site with the fresh draft: no error, and about the
	// draft only the warnings of what is left to do: a closing date, the
	// placeholders and the English title, still the French one.
	out.Reset()
	errb.Reset()
	if err := run(context.Background(), msg.English, []string{"check", "-C", root, "-now", "2026-03-09", "-drafts"}, &out, &errb); err != nil {
		t.Fatalf("check after new: %v\n%s", err, errb.String())
	}
	for _, line := range strings.Split(errb.String(), "\n") {
		if strings.Contains(line, "charge-de-communication") && !strings.Contains(line, "warning: expires:") && !strings.Contains(line, "warning: title: the same as in") && !strings.Contains(line, "warning: summary: still holds a placeholder") && !strings.Contains(line, "warning: still holds a placeholder") && !regexp.MustCompile(`warning: (title|salary\.min|salary\.max|location\.city|location\.postal_code|apply\.to): still marked`).MatchString(line) {
			t.Errorf("check reports on the fresh draft: %s", line)
		}
	}
}

func TestNewRefuses(t *testing.T) {
	root := exampleSite(t)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"new", "-C", root}, 2, "needs the name"},
		{[]string{"new", "-C", root, "a", "b"}, 2, "one name"},
		{[]string{"new", "-C", root, "Médiateur"}, 2, "cannot be used in a web address"},
		{[]string{"new", "-C", root, "archive"}, 2, "reserved"},
		{[]string{"new", "-C", root, "-now", "9 mars", "x"}, 2, "-now"},
		{[]string{"new", "-C", filepath.Join(root, "nope"), "x"}, 2, "no such folder"},
		{[]string{"new", "-C", root, "mediateur-interculturel-calais"}, 1, "already exists"},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), msg.English, tt.args, &out, &errb)
		code := exitCode(err, msg.English, &errb)
		if code != tt.code || !strings.Contains(errb.String(), tt.msg) {
			t.Errorf("jobboard %q: exit %d, stderr %q; want exit %d and %q", tt.args[1:], code, errb.String(), tt.code, tt.msg)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(root, "content/postings"))
	if len(entries) != 2 {
		t.Errorf("refused commands left %d files in content/postings, want the 2 of the example", len(entries))
	}
}
