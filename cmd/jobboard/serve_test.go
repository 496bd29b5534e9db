package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/msg"
)

// serveCmd runs "jobboard serve" with args in the example site as a user
// does, and returns the address it printed and a function that stops it
// (Ctrl-C) and returns what it wrote to stderr.
func serveCmd(t *testing.T, args ...string) (url string, stop func() string) {
	t.Helper()
	root := exampleSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var errb bytes.Buffer // written by run's goroutines; read only after run returns
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, msg.English, append([]string{"serve", "-C", root, "-now", "2026-03-09"}, args...), pw, &errb)
		pw.Close()
	}()
	lines := bufio.NewReader(pr)
	first, err := lines.ReadString('\n')
	if err != nil {
		cancel()
		<-done
		t.Fatalf("reading serve's first line: %v\n%s", err, errb.String())
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(first), "serving ")
	url, _, _ = strings.Cut(url, " ")
	if !ok || !strings.HasPrefix(url, "http://") {
		t.Errorf("serve printed %q, want serving http://<address>/ (Ctrl-C to stop)", first)
	}
	go io.Copy(io.Discard, lines) // the rest of stdout
	var once sync.Once
	stop = func() string {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve returned %v after Ctrl-C, want nil\n%s", err, errb.String())
				}
			case <-time.After(15 * time.Second):
				t.Fatal("serve did not stop after Ctrl-C")
			}
		})
		return errb.String()
	}
	t.Cleanup(func() { stop() })
	return url, stop
}

// TestServeCommand runs "jobboard serve" as a user does: it prints the
// address, serves the site there, and stops cleanly on cancellation (Ctrl-C).
func TestServeCommand(t *testing.T) {
	url, stop := serveCmd(t, "-addr", "127.0.0.1:0")
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("serve serves at %s, want http://127.0.0.1:<port>/", url)
	}
	c := &http.Client{Timeout: 15 * time.Second}
	resp, err := c.Get(url + "fr/mediateur-interculturel-calais/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET the example posting = %d", resp.StatusCode)
	}
	errs := stop()
	if !strings.Contains(errs, "build 1: ") {
		t.Errorf("serve did not report its first build:\n%s", errs)
	}
	if strings.Contains(errs, "network") {
		t.Errorf("serve on the loopback warned of the network:\n%s", errs)
	}
}

// TestServeWarnsNetwork: serving on every interface says, in plain words,
// that other machines can see the preview, and its drafts with -drafts.
func TestServeWarnsNetwork(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-addr", "0.0.0.0:0", "-drafts"}, "warning: -addr 0.0.0.0:0 is reachable from other machines on the network: " +
			"anyone who can reach it sees the preview, drafts included.\n"},
		{[]string{"-addr", ":0"}, "warning: -addr :0 is reachable from other machines on the network: " +
			"anyone who can reach it sees the preview, changes not yet published included.\n"},
	} {
		_, stop := serveCmd(t, tt.args...)
		if errs := stop(); !strings.HasPrefix(errs, tt.want) {
			t.Errorf("serve %q wrote to stderr\n%s\nwant it to start with\n%s", tt.args, errs, tt.want)
		}
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "extra"},
		{"serve", "-addr"},
		{"serve", "-C", "/nonexistent/site"},
	} {
		var out, errb bytes.Buffer
		if code := exitCode(run(context.Background(), msg.English, args, &out, &errb), msg.English, &errb); code != 2 {
			t.Errorf("jobboard %q: exit %d, want 2; stderr %q", args, code, errb.String())
		}
	}
}
