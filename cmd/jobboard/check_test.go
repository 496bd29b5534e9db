package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestCheckForgedMessages checks that a file name and a field name made to
// forge messages (a line break and a fake diagnostic, terminal escape
// codes, a bidi override) print as one line each in check and build, with
// no control character.
func TestCheckForgedMessages(t *testing.T) {
	for _, cmd := range []string{"check", "build"} {
		t.Run(cmd, func(t *testing.T) {
			root := exampleSite(t)
			files := map[string]string{
				"content/postings/a\x1b]0;pwned\x07\u202e.fr.md": "---\ntitle: x\n---\nText.\n",
				"content/postings/forged.fr.md":                  "---\ntitle: x\n\"x\\ncontent/postings/mediateur-interculturel-calais.fr.md:1: all good\": 1\n---\nText.\n",
			}
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var out, errb bytes.Buffer
			if err := run(context.Background(), msg.English, []string{cmd, "-C", root}, &out, &errb); err == nil {
				t.Fatalf("%s passed:\n%s", cmd, errb.String())
			}
			lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n")
			for _, line := range lines {
				for _, r := range line {
					if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
						t.Errorf("%U in %q", r, line)
					}
				}
				if strings.Contains(line, "all good") && !strings.HasPrefix(line, "content/postings/forged.fr.md:3: ") {
					t.Errorf("a field name starts a line of its own: %q", line)
				}
			}
			for _, want := range []string{
				`content/postings/a\x1b]0;pwned\x07\u202e.fr.md: "a\x1b]0;pwned\a\u202e" cannot be used in a web address`,
				`content/postings/forged.fr.md:3: x\ncontent/postings/mediateur-interculturel-calais.fr.md:1: all good: unknown field`,
			} {
				if !strings.Contains(errb.String(), want) {
					t.Errorf("%s output lacks %s:\n%s", cmd, want, errb.String())
				}
			}
		})
	}
}
