package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestBuildRefusesOut: "jobboard build -out" with a folder the build would
// destroy files of the user's in exits with status 2 and says what was
// refused and what to do; the files are still there.
func TestBuildRefusesOut(t *testing.T) {
	tests := []struct {
		name string
		out  func(t *testing.T, root string) string // run in root
		want []string                               // in the message
	}{
		{"content", func(t *testing.T, root string) string { return "content" },
			[]string{"-out content", "content", "postings", "-out public"}},
		{"the site folder", func(t *testing.T, root string) string { return "." },
			[]string{"-out .", "site folder", "-out public"}},
		{"a folder of the user's", func(t *testing.T, root string) string {
			os.MkdirAll(filepath.Join(root, "other", "docs"), 0o755)
			if err := os.WriteFile(filepath.Join(root, "other", "docs", "thesis.txt"), []byte("years of work"), 0o644); err != nil {
				t.Fatal(err)
			}
			return "other"
		}, []string{"-out other", "docs/", "not a site jobboard built", "delete"}},
		{"a file", func(t *testing.T, root string) string {
			if err := os.WriteFile(filepath.Join(root, "notes.txt"), []byte("my notes"), 0o644); err != nil {
				t.Fatal(err)
			}
			return "notes.txt"
		}, []string{"-out notes.txt", "file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := exampleSite(t)
			t.Chdir(root)
			out := tt.out(t, root)
			posting := filepath.Join(root, "content", "postings", "mediateur-interculturel-calais.fr.md")
			before, err := os.ReadFile(posting)
			if err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			err = run(context.Background(), msg.English, []string{"build", "-now", "2026-03-09", "-out", out}, &stdout, &stderr)
			if code := exitCode(err, msg.English, &stderr); code != 2 {
				t.Errorf("build -out %s: exit status %d, want 2\nstdout: %s\nstderr: %s", out, code, stdout.String(), stderr.String())
			}
			for _, want := range tt.want {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("build -out %s said %q, want it to contain %q", out, stderr.String(), want)
				}
			}
			t.Log(stderr.String())
			if after, err := os.ReadFile(posting); err != nil || !bytes.Equal(after, before) {
				t.Errorf("the posting was changed or removed: %v", err)
			}
			if _, err := os.Stat(filepath.Join(root, "other", "docs", "thesis.txt")); tt.name == "a folder of the user's" && err != nil {
				t.Errorf("the user's file: %v", err)
			}
		})
	}
}
