package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/help")

// TestHelp: jobboard -h and every command's -h, in English and in French,
// are as in testdata/help (go test -update rewrites them, to be read).
func TestHelp(t *testing.T) {
	langs := map[string]msg.Lang{"en": msg.English, "fr": msg.French}
	for _, cmd := range []string{"", "init", "new", "check", "build", "serve", "notify", "theme", "version"} {
		for name, l := range langs {
			args := []string{"-h"}
			if cmd != "" {
				args = []string{cmd, "-h"}
			}
			var out bytes.Buffer
			err := run(context.Background(), l, args, &out, &out)
			if code := exitCode(err, l, &out); code != 0 {
				t.Errorf("jobboard %v: exit status %d", args, code)
			}
			golden := filepath.Join("testdata", "help", cmd+"."+name+".txt")
			if cmd == "" {
				golden = filepath.Join("testdata", "help", "jobboard."+name+".txt")
			}
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != string(want) {
				t.Errorf("jobboard %v in %s:\n%s\nwant (%s):\n%s", args, name, out.String(), golden, want)
			}
		}
	}
}

// TestUnknownCommandFrench: the French side of TestUnknownCommand.
func TestUnknownCommandFrench(t *testing.T) {
	for _, tt := range []struct{ cmd, want string }{
		{"chek", "jobboard: commande inconnue \"chek\"\u00a0; vouliez-vous dire check\u00a0? (voir\u00a0: jobboard help)"},
		{"publish", "jobboard: commande inconnue \"publish\" (voir\u00a0: jobboard help)"},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), msg.French, []string{tt.cmd}, &out, &errb)
		if code := exitCode(err, msg.French, &errb); code != 2 {
			t.Errorf("run %s: exit status %d, want 2", tt.cmd, code)
		}
		if got := errb.String(); got != tt.want+"\n" {
			t.Errorf("run %s: printed %q, want %q", tt.cmd, got, tt.want)
		}
	}
}
