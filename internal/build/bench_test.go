package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
	"github.com/jobboard/jobboard/internal/render"
	"github.com/jobboard/jobboard/internal/site"
)

// The benchmarks build synthetic sites from internal/gensite with this
// repository's layouts and assets, for the day the generator chose the
// dates around. 10,000 postings only run without -short.
//
//	go test ./internal/build -run '^$' -bench . -benchtime 3x
//	go test ./internal/build -run '^$' -bench 'Build/empty/10000' -benchtime 1x -cpuprofile cpu.out -memprofile mem.out

var benchToday = content.DateOf(gensite.DefaultNow)

func benchSizes(b *testing.B) []int {
	if testing.Short() {
		return []int{100, 1000}
	}
	return []int{100, 1000, 10000}
}

// benchSite generates a site of n postings into a temporary folder.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: n, Seed: 1, Theme: filepath.Join("..", "..")}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func perSecond(b *testing.B, pages int, unit string) {
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), unit)
}

// BenchmarkBuild is a whole build from a fresh Builder, as `jobboard build`
// does it: load, assemble, render, minify, write, swap. "empty" builds a
// site with neither public/ nor the build cache (as on a CI runner with a
// fresh checkout; they are removed between iterations, untimed);
// "rebuild" builds over the previous build, nothing changed, as an
// author's second build. (Until 2026-12-06 it was one benchmark whose first
// iteration was from empty and the others rebuilds.)
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes(b) {
		dir := benchSite(b, n)
		cfg := Config{Root: dir, Today: benchToday}
		out := filepath.Join(dir, "public")
		removeOutput := func(b *testing.B) {
			for _, d := range []string{out, cacheDir(out)} {
				if err := os.RemoveAll(d); err != nil {
					b.Fatal(err)
				}
			}
		}
		for _, mode := range []string{"empty", "rebuild"} {
			b.Run(fmt.Sprintf("%s/%d", mode, n), func(b *testing.B) {
				removeOutput(b)
				if mode == "rebuild" {
					if _, err := Run(context.Background(), cfg); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportAllocs()
				pages := 0
				for b.Loop() {
					if mode == "empty" {
						b.StopTimer()
						removeOutput(b)
						b.StartTimer()
					}
					res, err := Run(context.Background(), cfg)
					if err != nil {
						b.Fatal(err)
					}
					pages = res.Pages
				}
				perSecond(b, pages, "pages/s")
			})
		}
	}
}

// BenchmarkRender renders every page of an assembled site, Markdown
// included (a new Renderer each time), with the build's worker pool, but
// neither minifies nor writes.
func BenchmarkRender(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := benchSite(b, n)
			fsys := os.DirFS(dir)
			cs, ds := content.Load(fsys, content.Options{Today: benchToday})
			if cs == nil {
				b.Fatal(ds)
			}
			s, _ := site.Assemble(cs, benchToday)
			assets, err := copyAssets(fsys, newMinifier(true), func(string, []byte) error { return nil })
			if err != nil {
				b.Fatal(err)
			}
			bld := NewBuilder(Config{Root: dir, Today: benchToday})
			off := newMinifier(false)
			nop := func(string, []byte) error { return nil }
			b.ReportAllocs()
			for b.Loop() {
				r, err := render.New(fsys, cs, render.Options{Assets: assets})
				if err != nil {
					b.Fatal(err)
				}
				p := &pass{b: bld, ctx: context.Background(), r: r, s: s, m: off}
				if err := p.renderPages(s.Pages, nop, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
			perSecond(b, len(s.Pages), "pages/s")
		})
	}
}

// BenchmarkBuildSite builds the site folder named by $JOBBOARD_BENCH_SITE
// (made with cmd/gensite, for instance), to profile one size without
// generating it again: JOBBOARD_BENCH_SITE=/tmp/site10k go test -run '^$'
// -bench BuildSite -benchtime 1x -cpuprofile cpu.out ./internal/build
func BenchmarkBuildSite(b *testing.B) {
	dir := os.Getenv("JOBBOARD_BENCH_SITE")
	if dir == "" {
		b.Skip("JOBBOARD_BENCH_SITE is not set")
	}
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		res, err := Run(context.Background(), Config{Root: dir, Today: benchToday})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	perSecond(b, pages, "pages/s")
}

// BenchmarkRebuildOneEdit is serve's rebuild after one posting's text was
// saved: an Update after a build, with the files kept in memory, as serve
// keeps them. "stat" finds the edit by the files' sizes and times, as a
// Builder does on its own; "watched" is told by Invalidate and hands the
// feeds over as parts (UpdateParts), as serve does, and looks at no other
// file. Without -short it also runs at 10,000
// postings.
func BenchmarkRebuildOneEdit(b *testing.B) {
	sizes := []int{1000}
	if !testing.Short() {
		sizes = append(sizes, 10000)
	}
	for _, n := range sizes {
		dir := benchSite(b, n)
		postings, err := filepath.Glob(filepath.Join(dir, "content", "postings", "*.fr.md"))
		if err != nil || len(postings) == 0 {
			b.Fatal("no postings", err)
		}
		file := postings[len(postings)/2]
		name, _ := filepath.Rel(dir, file)
		name = filepath.ToSlash(name)
		orig, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		for _, mode := range []string{"stat", "watched"} {
			b.Run(fmt.Sprintf("%s/%d", mode, n), func(b *testing.B) {
				bld := NewBuilder(Config{Root: dir, Today: benchToday, NoMinify: true, LiveReload: "/_jobboard/events"})
				bld.Watch(mode == "watched")
				var live memSite
				if _, err := bld.Update(context.Background(), live.write, live.remove); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i++
					// A new word in the last paragraph, as an author's save.
					text := fmt.Appendf(bytes.TrimRight(bytes.Clone(orig), "\n"), " Modifié %d.\n", i)
					if err := os.WriteFile(file, text, 0o644); err != nil {
						b.Fatal(err)
					}
					var res *Result
					if mode == "watched" {
						bld.Invalidate(name)
						res, err = bld.UpdateParts(context.Background(), live.write, live.writeParts, live.remove)
					} else {
						res, err = bld.Update(context.Background(), live.write, live.remove)
					}
					if err != nil {
						b.Fatal(err)
					}
					if res.Files == 0 {
						b.Fatal("the edit was not seen")
					}
				}
				os.WriteFile(file, orig, 0o644)
			})
		}
	}
}

// BenchmarkFloor measures, on the same sites, the work a build from empty
// cannot do without, with this project's libraries and file system and
// without any of its own: read every content file, turn every posting's
// text into HTML with goldmark (its defaults), minify every page (as the
// build's minifier does, from a readable build's pages) and write each
// posting page, minified, into a new folder of its own in its language's,
// as public/ has them. Each runs on every core. The sum of the four is a floor under
// BenchmarkBuild/empty, whatever the templates, JSON-LD and lists cost: at
// 10,000 postings it is above the 3 s goal of issue 7 on a 2-core machine.
func BenchmarkFloor(b *testing.B) {
	for _, n := range benchSizes(b) {
		dir := benchSite(b, n)
		var sources []string
		err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				sources = append(sources, p)
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		cs, ds := content.Load(os.DirFS(dir), content.Options{Today: benchToday})
		if cs == nil {
			b.Fatal(ds)
		}
		var texts [][]byte
		for _, p := range cs.Postings {
			for _, lang := range p.Langs {
				texts = append(texts, p.Translations[lang].Body)
			}
		}
		var readable memSite
		if _, err := NewBuilder(Config{Root: dir, Today: benchToday, NoMinify: true}).Generate(context.Background(), readable.write); err != nil {
			b.Fatal(err)
		}
		m := newMinifier(true)
		var pages [][]byte
		var postingPages []memFile // minified
		for _, name := range slices.Sorted(maps.Keys(readable.files)) {
			if path.Ext(name) != ".html" {
				continue
			}
			pages = append(pages, readable.files[name])
			if strings.Count(name, "/") == 2 { // <lang>/<slug>/index.html
				var out bytes.Buffer
				data, err := m.bytes(&out, "text/html", readable.files[name])
				if err != nil {
					b.Fatal(err)
				}
				postingPages = append(postingPages, memFile{filepath.FromSlash(name), bytes.Clone(data)})
			}
		}

		b.Run(fmt.Sprintf("read/%d", n), func(b *testing.B) {
			for b.Loop() {
				eachOnCores(b, len(sources), func(i int) error {
					_, err := os.ReadFile(sources[i])
					return err
				})
			}
			perSecond(b, len(sources), "files/s")
		})
		b.Run(fmt.Sprintf("goldmark/%d", n), func(b *testing.B) {
			md := goldmark.New()
			b.ReportAllocs()
			for b.Loop() {
				eachOnCores(b, len(texts), func(i int) error {
					var out bytes.Buffer
					return md.Convert(texts[i], &out)
				})
			}
			perSecond(b, len(texts), "texts/s")
		})
		b.Run(fmt.Sprintf("minify/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				eachOnCores(b, len(pages), func(i int) error {
					var out bytes.Buffer
					_, err := m.bytes(&out, "text/html", pages[i])
					return err
				})
			}
			perSecond(b, len(pages), "pages/s")
		})
		b.Run(fmt.Sprintf("write/%d", n), func(b *testing.B) {
			for b.Loop() {
				out := b.TempDir()
				for _, lang := range cs.Languages {
					if err := os.Mkdir(filepath.Join(out, lang), 0o755); err != nil {
						b.Fatal(err)
					}
				}
				eachOnCores(b, len(postingPages), func(i int) error {
					p := filepath.Join(out, postingPages[i].name)
					if err := os.Mkdir(filepath.Dir(p), 0o755); err != nil {
						return err
					}
					return os.WriteFile(p, postingPages[i].data, 0o644)
				})
			}
			perSecond(b, len(postingPages), "pages/s")
		})
	}
}

// memFile is a file of the output: its path in the output folder.
type memFile struct {
	name string
	data []byte
}

// eachOnCores calls do for 0 to n-1 on every CPU (parallel), and fails b
// if any call failed.
func eachOnCores(b *testing.B, n int, do func(i int) error) {
	errs := make([]error, n)
	parallel(n, func(i int) { errs[i] = do(i) })
	if err := errors.Join(errs...); err != nil {
		b.Fatal(err)
	}
}
