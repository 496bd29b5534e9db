package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeCommand runs "jobboard serve" as a user does: it prints the
// address, serves the site there, and stops cleanly on cancellation (Ctrl-C).
func TestServeCommand(t *testing.T) {
	root := exampleSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var errb bytes.Buffer // written by run's goroutines; read only after run returns
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-C", root, "-addr", "127.0.0.1:0", "-now", "2026-03-09"}, pw, &errb)
		pw.Close()
	}()
	lines := bufio.NewReader(pr)
	first, err := lines.ReadString('\n')
	if err != nil {
		t.Fatalf("reading serve's first line: %v", err)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(first), "serving ")
	url, _, _ = strings.Cut(url, " ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("serve printed %q, want serving http://127.0.0.1:<port>/ (Ctrl-C to stop)", first)
	}
	go io.Copy(io.Discard, lines) // the rest of stdout

	c := &http.Client{Timeout: 15 * time.Second}
	resp, err := c.Get(url + "fr/mediateur-interculturel-calais/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET the example posting = %d", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after Ctrl-C, want nil\n%s", err, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after Ctrl-C")
	}
	if !strings.Contains(errb.String(), "build 1: ") {
		t.Errorf("serve did not report its first build:\n%s", errb.String())
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "extra"},
		{"serve", "-addr"},
		{"serve", "-C", "/nonexistent/site"},
	} {
		var out, errb bytes.Buffer
		if code := exitCode(run(context.Background(), args, &out, &errb), &errb); code != 2 {
			t.Errorf("jobboard %q: exit %d, want 2; stderr %q", args, code, errb.String())
		}
	}
}
