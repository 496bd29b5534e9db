package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jobboard/jobboard/internal/msg"
)

// generatedSite returns the fixture with n postings (each in fr and en),
// varied enough that no two files are equal.
func generatedSite(n int) fstest.MapFS {
	fsys := testSite(map[string]string{postingFR: deleted, postingEN: deleted})
	for i := range n {
		slug := fmt.Sprintf("poste-%04d", i)
		frText := fr(
			"title: Médiateur interculturel", fmt.Sprintf("title: Poste numéro %d", i),
			"  min: 24000", fmt.Sprintf("  min: %d", 20000+i),
			"  max: 28000", fmt.Sprintf("  max: %d", 30000+i),
		) + "\nUn deuxième paragraphe, pour que le corps ait une taille réaliste.\n\n## Missions\n\n- aller vers\n- interpréter\n- orienter\n"
		enText := edit(validPostingEN, "Intercultural mediator", fmt.Sprintf("Job number %d", i))
		fsys["content/postings/"+slug+".fr.md"] = &fstest.MapFile{Data: []byte(frText)}
		fsys["content/postings/"+slug+".en.md"] = &fstest.MapFile{Data: []byte(enText)}
	}
	return fsys
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100, 1000} {
		fsys := generatedSite(n)
		files := float64(len(fsys) - 2) // site.yaml and the logo are not content files
		check := func(b *testing.B, site *Site, ds Diagnostics) {
			if site == nil || len(site.Postings) != n || len(ds) != 0 {
				b.Fatalf("%d postings, diagnostics %v", len(site.Postings), strs(ds))
			}
		}
		b.Run(fmt.Sprintf("fresh/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				site, ds := Load(fsys, Options{})
				check(b, site, ds)
			}
			b.ReportMetric(files*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
		b.Run(fmt.Sprintf("reused/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var ld Loader
			ld.Load(fsys, Options{})
			for b.Loop() {
				site, ds := ld.Load(fsys, Options{})
				check(b, site, ds)
			}
			b.ReportMetric(files*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// BenchmarkDiagnosticLines prints the diagnostics of 1,000 postings with
// three mistakes each (an unknown field, a French word for a value, a
// missing closing date) as check does, in each language: the cost of
// keeping a message as format and arguments and translating it when
// printed.
func BenchmarkDiagnosticLines(b *testing.B) {
	fsys := generatedSite(1000)
	for name, f := range fsys {
		if strings.HasSuffix(name, ".fr.md") && strings.HasPrefix(name, "content/postings/") {
			f.Data = []byte(edits(string(f.Data), "hours: full-time", "hours: temps plein\nexpire: 2025-06-30", "expires: 2025-06-30\n", ""))
		}
	}
	_, ds := Load(fsys, Options{})
	if len(ds) != 3000 {
		b.Fatalf("%d diagnostics, want 3000: %v", len(ds), strs(ds[:min(len(ds), 5)]))
	}
	for _, l := range []msg.Lang{msg.English, msg.French} {
		b.Run(map[msg.Lang]string{msg.English: "en", msg.French: "fr"}[l], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range ds {
					_ = d.In(l)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ds)), "ns/line")
		})
	}
}
