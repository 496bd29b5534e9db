package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// TestMain runs the command itself when asked to, for the tests that need
// a process of their own (its environment, its exit status).
func TestMain(m *testing.M) {
	if os.Getenv("JOBBOARD_TEST_RUN_MAIN") == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// TestLanguageFromEnvironment: the language follows the environment as
// the workflows set it (LANG: fr_FR.UTF-8), LC_MESSAGES and LC_ALL first.
func TestLanguageFromEnvironment(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"LANG=fr_FR.UTF-8"}, "jobboard: commande inconnue \"chek\"\u00a0; vouliez-vous dire check\u00a0? (voir\u00a0: jobboard help)\n"},
		{[]string{"LANG=en_GB.UTF-8", "LC_MESSAGES=fr_FR.UTF-8"}, "jobboard: commande inconnue \"chek\"\u00a0; vouliez-vous dire check\u00a0? (voir\u00a0: jobboard help)\n"},
		{[]string{"LANG=fr_FR.UTF-8", "LC_ALL=C.UTF-8"}, "jobboard: unknown command \"chek\"; did you mean check? (see: jobboard help)\n"},
		{nil, "jobboard: unknown command \"chek\"; did you mean check? (see: jobboard help)\n"},
	} {
		cmd := exec.Command(os.Args[0], "chek")
		cmd.Env = append([]string{"JOBBOARD_TEST_RUN_MAIN=1"}, c.env...)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Errorf("%v: %v, want exit status 2", c.env, err)
		}
		if string(out) != c.want {
			t.Errorf("%v: printed %q, want %q", c.env, out, c.want)
		}
	}
}

// TestFlagErrors: a mistake in a flag is said in the language, after the
// command's usage, with exit status 2.
func TestFlagErrors(t *testing.T) {
	for _, c := range []struct {
		lang msg.Lang
		args []string
		want string
	}{
		{msg.English, []string{"check", "-x"}, "jobboard: flag provided but not defined: -x (see: jobboard help)"},
		{msg.French, []string{"check", "-x"}, "jobboard: option inconnue\u00a0: -x (voir\u00a0: jobboard help)"},
		{msg.French, []string{"build", "-now"}, "jobboard: l'option -now a besoin d'une valeur (voir\u00a0: jobboard help)"},
		{msg.French, []string{"build", "-minify=oui"}, "jobboard: valeur \"oui\" invalide pour -minify\u00a0: écrivez true ou false (parse error) (voir\u00a0: jobboard help)"},
	} {
		var out, errb bytes.Buffer
		code := exitCode(run(context.Background(), c.lang, c.args, &out, &errb), c.lang, &errb)
		lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n")
		if code != 2 || lines[len(lines)-1] != c.want {
			t.Errorf("%v: exit status %d, last line %q, want 2 and %q", c.args, code, lines[len(lines)-1], c.want)
		}
	}
}
