package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/build"
	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
)

// BenchmarkEditVisible is what an author waits for in serve: from the save
// of one posting's text to its page showing the change over HTTP, the
// watcher's debounce and the rebuild included, on a synthetic site
// (internal/gensite; 10,000 postings only without -short). It reports the
// mean in ms/edit; the goal is 50 ms at 10,000 postings.
//
//	go test ./internal/serve -run '^$' -bench EditVisible -benchtime 20x
func BenchmarkEditVisible(b *testing.B) {
	sizes := []int{100, 1000}
	if !testing.Short() {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := gensite.Write(dir, gensite.Options{N: n, Seed: 1, Theme: filepath.Join("..", "..")}); err != nil {
				b.Fatal(err)
			}
			files, err := filepath.Glob(filepath.Join(dir, "content", "postings", "*.fr.md"))
			if err != nil || len(files) == 0 {
				b.Fatal("no postings", err)
			}
			file := files[len(files)/2]
			slug := strings.TrimSuffix(filepath.Base(file), ".fr.md")
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}

			ctx, cancel := context.WithCancel(context.Background())
			built := make(chan BuildInfo, 1)
			srv, err := New(Config{
				// As `jobboard serve` builds: not minified.
				Build: build.Config{Root: dir, Today: content.DateOf(gensite.DefaultNow), NoMinify: true},
				Addr:  "127.0.0.1:0",
				OnBuild: func(bi BuildInfo) {
					select {
					case built <- bi:
					default:
					}
				},
			})
			if err != nil {
				cancel()
				b.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- srv.Run(ctx) }()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					b.Error(err)
				}
			}()
			select {
			case bi := <-built:
				if !bi.OK {
					b.Fatalf("first build failed: %v", bi.Err)
				}
			case <-time.After(5 * time.Minute):
				b.Fatal("no first build")
			}

			page := "http://" + srv.Addr() + "/fr/" + slug + "/"
			client := &http.Client{Timeout: 10 * time.Second}
			shows := func(text string) bool {
				resp, err := client.Get(page)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					b.Fatal(err)
				}
				return resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(text))
			}
			i := 0
			for b.Loop() {
				i++
				// A new word at the end of the text, as an author's save.
				word := fmt.Sprintf("Relu%dfois", i)
				text := fmt.Appendf(bytes.TrimRight(bytes.Clone(orig), "\n"), " %s.\n", word)
				if err := os.WriteFile(file, text, 0o644); err != nil {
					b.Fatal(err)
				}
				deadline := time.Now().Add(30 * time.Second)
				for !shows(word) {
					if time.Now().After(deadline) {
						b.Fatalf("edit %d not visible at %s after 30 s", i, page)
					}
					// Look again soon, leaving the cores to the rebuild.
					time.Sleep(time.Millisecond)
				}
			}
			// The loop holds nothing but the save and the wait.
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/edit")
			os.WriteFile(file, orig, 0o644)
		})
	}
}
