package main

import (
	"bytes"
	"context"
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
