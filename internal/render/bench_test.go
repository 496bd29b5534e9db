package render

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/gensite"
)

// BenchmarkLayouts measures what html/template costs a build from empty
// on its own: the layouts (minified, as a build has them) executed for
// every page of a generated site, with the views of the pages made
// beforehand, on every core, into nothing. What a page shows is not
// made here (Markdown, JSON-LD, lists); this is the part of
// BenchmarkBuild/empty no work on jobboard's side takes off while the
// pages show what they show (see docs/performance.md, the floor).
func BenchmarkLayouts(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		if testing.Short() && n > 1000 {
			continue
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := gensite.Write(dir, gensite.Options{N: n, Seed: 1, Theme: filepath.Join("..", "..")}); err != nil {
				b.Fatal(err)
			}
			r, s := load(b, os.DirFS(dir), gensite.DefaultNow.Format(time.DateOnly), Options{Minify: minifyHTML})
			views := make([]*View, len(s.Pages))
			for i, pg := range s.Pages {
				v, err := r.view(s, pg, false)
				if err != nil {
					b.Fatal(err)
				}
				views[i] = v
			}
			workers := runtime.GOMAXPROCS(0)
			for b.Loop() {
				var wg sync.WaitGroup
				for w := range workers {
					wg.Go(func() {
						for i := w; i < len(views); i += workers {
							set := r.pages[views[i].Lang][layoutOf(s.Pages[i].Kind)]
							if err := set.ExecuteTemplate(io.Discard, layoutDir+"/base.html", views[i]); err != nil {
								b.Error(err)
							}
						}
					})
				}
				wg.Wait()
			}
			b.ReportMetric(float64(len(views))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
