package jsonld

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The reference checker lives outside the repository, in
// <repo>/../shared/tools/jsonld-check. It is built once per test binary.

var checker struct {
	once sync.Once
	dir  string // temporary directory holding the binary
	bin  string
	skip string // reason to skip, when the checker cannot be built
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if checker.dir != "" {
		os.RemoveAll(checker.dir)
	}
	os.Exit(code)
}

// repoRoot is the directory holding go.mod, above the package directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

// checkerBinary builds the reference checker, or skips the test.
func checkerBinary(t *testing.T) string {
	t.Helper()
	checker.once.Do(func() {
		root, err := repoRoot()
		if err != nil {
			checker.skip = err.Error()
			return
		}
		src := filepath.Join(root, "..", "shared", "tools", "jsonld-check")
		if _, err := os.Stat(filepath.Join(src, "main.go")); err != nil {
			checker.skip = "reference checker not found at " + src
			return
		}
		goTool, err := exec.LookPath("go")
		if err != nil {
			checker.skip = "go is not on PATH, cannot build the reference checker"
			return
		}
		checker.dir, err = os.MkdirTemp("", "jsonld-check-")
		if err != nil {
			checker.err = err
			return
		}
		checker.bin = filepath.Join(checker.dir, "jsonld-check")
		cmd := exec.Command(goTool, "build", "-o", checker.bin, ".")
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			checker.err = fmt.Errorf("building %s: %v\n%s", src, err, out)
		}
	})
	if checker.skip != "" {
		t.Skip(checker.skip)
	}
	if checker.err != nil {
		t.Fatal(checker.err)
	}
	return checker.bin
}

// problem is one line of the checker's output.
type problem struct{ sev, code, msg string }

var problemRE = regexp.MustCompile(`^.*?:\d+: (error|warning|info) ([a-z0-9-]+): (.*)$`)

// runChecker runs the reference checker with -strict -expired error -now
// 2026-11-25 on page and returns its exit status and its problems.
func runChecker(t *testing.T, page string) (int, []problem, string) {
	t.Helper()
	bin := checkerBinary(t)
	cmd := exec.Command(bin, "-strict", "-expired", "error", "-now", "2026-11-25", page)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("running the checker: %v", err)
		}
		code = ee.ExitCode()
	}
	var ps []problem
	for _, line := range strings.Split(stdout.String(), "\n") {
		if m := problemRE.FindStringSubmatch(line); m != nil {
			ps = append(ps, problem{m[1], m[2], m[3]})
		}
	}
	return code, ps, stdout.String() + stderr.String()
}

// writePage writes a posting page carrying jp the way the site would, with
// the title and the description visible.
func writePage(t *testing.T, dir, name, lang string, jp *JobPosting) string {
	t.Helper()
	data, err := Marshal(jp)
	if err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf(`<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>%s</title>
<link rel="canonical" href="%s">
<script type="application/ld+json">%s</script>
</head>
<body>
<h1>%s</h1>
%s
</body>
</html>
`, lang, html.EscapeString(jp.Title), html.EscapeString(jp.URL), data, html.EscapeString(jp.Title), jp.Description)
	path := filepath.Join(dir, name+".html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// expectChecker runs the checker on page and wants exactly the failing
// problems (errors and warnings) listed in allowed, as "code" or
// "code: message substring"; info lines are ignored.
func expectChecker(t *testing.T, page string, allowed ...string) {
	t.Helper()
	code, ps, out := runChecker(t, page)
	var got []string
	matched := make([]bool, len(allowed))
	for _, p := range ps {
		if p.sev == "info" {
			continue
		}
		ok := false
		for i, a := range allowed {
			c, sub, _ := strings.Cut(a, ": ")
			if p.code == c && strings.Contains(p.msg, sub) {
				ok, matched[i] = true, true
			}
		}
		if !ok {
			got = append(got, p.sev+" "+p.code+": "+p.msg)
		}
	}
	for i, m := range matched {
		if !m {
			got = append(got, "missing expected problem "+allowed[i])
		}
	}
	sort.Strings(got)
	wantCode := 0
	if len(allowed) > 0 {
		wantCode = 1 // -strict: the expected warnings fail the run
	}
	if len(got) > 0 || code != wantCode {
		t.Errorf("checker exit %d (want %d), unexpected: %q\n%s", code, wantCode, got, out)
	}
}
