package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/jobboard/jobboard/internal/msg"
)

func runVersion(_ context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version",
		l.Sprintf("Version prints the version of jobboard and of the Go it was built with.\n"+
			"Give it when you report a problem."), l, stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("version takes no arguments")
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintf(stdout, "jobboard %s (%s, %s/%s)\n", version(info), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// version is the module version go install recorded (v0.3.0 for
// go install …@v0.3.0), or, for a build from a clone, the commit it was
// built from.
func version(info *debug.BuildInfo) string {
	if info == nil {
		return "(unknown)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "(devel)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "+changes"
	}
	return "(devel " + rev + ")"
}
