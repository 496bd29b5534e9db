package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestUnknownCommand: a mistyped command names the one meant (issue 20,
// item 4); exit status 2 like every usage mistake.
func TestUnknownCommand(t *testing.T) {
	for _, tt := range []struct{ cmd, want string }{
		{"chek", `jobboard: unknown command "chek"; did you mean check? (see: jobboard help)`},
		{"biuld", `jobboard: unknown command "biuld"; did you mean build? (see: jobboard help)`},
		{"serv", `jobboard: unknown command "serv"; did you mean serve? (see: jobboard help)`},
		{"publish", `jobboard: unknown command "publish" (see: jobboard help)`},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), msg.English, []string{tt.cmd}, &out, &errb)
		if err == nil || err.Error() != tt.want {
			t.Errorf("run %s: error %v, want %s", tt.cmd, err, tt.want)
		}
		if code := exitCode(err, msg.English, &errb); code != 2 {
			t.Errorf("run %s: exit status %d, want 2", tt.cmd, code)
		}
	}
}

// TestLanguageEnv: the system's language (Windows) decides only when no
// variable does.
func TestLanguageEnv(t *testing.T) {
	french := func() string { return "fr-FR" }
	for _, tt := range []struct {
		env  map[string]string
		sys  func() string
		want msg.Lang
	}{
		{map[string]string{}, french, msg.French},
		{map[string]string{}, func() string { return "en-GB" }, msg.English},
		{map[string]string{}, func() string { return "" }, msg.English},
		{map[string]string{"LANG": "C.UTF-8"}, french, msg.English},
		{map[string]string{"LC_MESSAGES": "en_US.UTF-8"}, french, msg.English},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8"}, func() string { return "en-US" }, msg.French},
	} {
		getenv := func(k string) string { return tt.env[k] }
		if got := msg.FromEnvOr(getenv, tt.sys); got != tt.want {
			t.Errorf("env %v, system %q: %v, want %v", tt.env, tt.sys(), got, tt.want)
		}
	}
}

// TestMistypedFlag: a flag not defined names the one meant.
func TestMistypedFlag(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), msg.English, []string{"build", "-drafs"}, &out, &errb)
	if code := exitCode(err, msg.English, &errb); code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	if want := "flag provided but not defined: -drafs; did you mean -drafts?"; !strings.Contains(errb.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, errb.String())
	}
}

// TestThemeList: jobboard theme lists the files one can change, and the
// browser editor's numbered parts in one line.
func TestThemeList(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), msg.English, []string{"theme", "-C", t.TempDir()}, &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) > 40 || !strings.Contains(out.String(), "posting.html") || !strings.Contains(out.String(), "the browser editor's code, in ") {
		t.Errorf("jobboard theme printed %d lines:\n%s", len(lines), out.String())
	}
}
