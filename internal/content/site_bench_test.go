package content

import (
	"fmt"
	"testing"

	"github.com/jobboard/jobboard/internal/gensite"
)

// BenchmarkLoadSite loads synthetic sites from disk, as a build does: the
// generated ~5 KB postings of internal/gensite rather than BenchmarkLoad's
// in-memory fixture. "fresh" is a first build; "reused" loads again with
// the same Loader and nothing changed, as serve does after an edit. 10,000
// postings only run without -short.
func BenchmarkLoadSite(b *testing.B) {
	sizes := []int{100, 1000, 10000}
	if testing.Short() {
		sizes = sizes[:2]
	}
	today := DateOf(gensite.DefaultNow)
	for _, n := range sizes {
		dir := b.TempDir()
		st, err := gensite.Write(dir, gensite.Options{N: n, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		fsys := DirFS(dir)
		files := float64(st.Files - 1) // site.yaml is not a content file
		check := func(b *testing.B, site *Site, ds Diagnostics) {
			if site == nil || len(site.Postings) != n {
				b.Fatalf("diagnostics %v", strs(ds))
			}
		}
		b.Run(fmt.Sprintf("fresh/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				site, ds := Load(fsys, Options{Today: today})
				check(b, site, ds)
			}
			b.ReportMetric(files*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
		b.Run(fmt.Sprintf("reused/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var ld Loader
			ld.Load(fsys, Options{Today: today})
			for b.Loop() {
				site, ds := ld.Load(fsys, Options{Today: today})
				check(b, site, ds)
			}
			b.ReportMetric(files*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
