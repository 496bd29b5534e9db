package build

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
)

// The property of incremental builds: after any sequence of edits, what
// an incremental build gives is byte for byte what a build from empty
// gives, with the same diagnostics. Two incremental builds are checked
// after every edit: serve's (one Builder whose Update or UpdateParts hands
// over the files that changed, applied to a map) and `jobboard build`'s
// (Run over the previous output folder and its manifest). The edits are
// drawn at random from a seed: TestIncrementalProperty runs two short
// sequences of fixed seeds, FuzzIncrementalProperty as many as it is
// given time for. Lists go over pages of the fewest postings site.yaml
// allows (10, for 10 to 19 postings), so that edits move postings
// between pages.
//
//	go test ./internal/build -run IncrementalProperty -prop.seed 12345 -prop.steps 200 -v
//	go test ./internal/build -run '^$' -fuzz FuzzIncrementalProperty -fuzztime 10m

var (
	propSeed  = flag.Uint64("prop.seed", 0, "TestIncrementalProperty: run this seed only (0: two fixed seeds; the fuzz target draws others)")
	propSteps = flag.Int("prop.steps", 8, "TestIncrementalProperty: edits per sequence")
)

func TestIncrementalProperty(t *testing.T) {
	seeds := []uint64{1, 2} // fixed, so that go test gives the same answer twice; FuzzIncrementalProperty explores
	steps := *propSteps
	if raceDetector && *propSeed == 0 {
		seeds, steps = seeds[1:], min(steps, 4) // the races are in the builds, not the edits
	}
	if *propSeed != 0 {
		seeds = []uint64{*propSeed}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { runProperty(t, seed, steps, propSize(seed)) })
	}
	if *propSeed == 0 && !testing.Short() && !raceDetector {
		// More postings than the Atom feeds carry with their text: edits
		// move postings in and out of those (atomFullTexts, cached apart).
		t.Run("3-many", func(t *testing.T) { runProperty(t, 3, steps, 3*atomFullTexts) })
	}
}

// propSize is the number of postings of the site of seed: 10 to 19.
func propSize(seed uint64) int { return 10 + int(seed%10) }

// FuzzIncrementalProperty takes the seed of a sequence of edits from the
// fuzzer; CI gives it a few seconds, a long run as long as wanted.
func FuzzIncrementalProperty(f *testing.F) {
	f.Add(uint64(3), uint8(2))
	f.Fuzz(func(t *testing.T, seed uint64, steps uint8) {
		runProperty(t, seed, 1+int(steps%4), propSize(seed))
	})
}

// propSite is a generated site being edited at random, with its two
// incremental builds.
type propSite struct {
	t       testing.TB
	seed    uint64
	r       *rand.Rand
	dir     string // the site folder
	out     string // Run's output folder, built over and over
	today   content.Date
	parted  bool // serve's builder does not minify and takes the feeds in parts (UpdateParts)
	drafts  bool // the drafts are built (Config.Drafts)
	live    *Builder
	site    memSite  // what live handed over
	history []string // the edits so far, for the failure message
	added   int      // postings and employers added, for their names
	noRun   bool     // no file identities here: Run keeps no manifest, its check is skipped
}

// edit changes the site folder and returns what it did, and the files it
// touched (slash paths) with their content before, to undo it.
type edit func(p *propSite) (what string, undo map[string][]byte)

func runProperty(t testing.TB, seed uint64, steps, n int) {
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: n, Seed: seed, Theme: filepath.Join("..", ".."), PageSize: content.MinPageSize}); err != nil {
		t.Fatal(err)
	}
	_, ids := statID(os.Args[0])
	p := &propSite{t: t, seed: seed, r: rand.New(rand.NewPCG(seed, 22)), dir: dir,
		out: filepath.Join(t.TempDir(), "public"), today: benchToday, parted: seed%2 == 1, drafts: seed/2%2 == 1, noRun: !ids}
	p.live = NewBuilder(p.config())
	p.live.Watch(true) // as serve does: it is told every file that changed
	if !p.check(fmt.Sprintf("first build (%d postings)", n)) {
		t.Fatalf("seed %d: the generated site does not build: every edit would be undone", seed)
	}
	for range steps {
		e := propEdits[p.r.IntN(len(propEdits))]
		what, undo := e(p)
		built := p.check(what)
		p.t.Logf("%s: built %v", what, built)
		if !built {
			p.restore(undo)
			p.check("undo: " + what)
		}
	}
}

func (p *propSite) config() Config {
	return Config{Root: p.dir, Today: p.today, NoMinify: p.parted, Drafts: p.drafts}
}

// check builds the site in the three ways after the edit what and fails
// the test unless both incremental builds are the build from empty. It
// reports whether the site built.
func (p *propSite) check(what string) bool {
	p.t.Helper()
	p.history = append(p.history, what)
	ctx := context.Background()
	var fresh memSite
	want, wantErr := NewBuilder(p.config()).Generate(ctx, fresh.write)
	// A failed build leaves the previous site as it was.
	wantLive := fresh.files
	if wantErr != nil {
		wantLive = p.site.joined()
	}
	// serve drops what a failed build handed over.
	kept := memSite{files: maps.Clone(p.site.files), parts: maps.Clone(p.site.parts)}
	var got *Result
	var err error
	if p.parted {
		got, err = p.live.UpdateParts(ctx, p.site.write, p.site.writeParts, p.site.remove)
	} else {
		got, err = p.live.Update(ctx, p.site.write, p.site.remove)
	}
	if err != nil {
		p.site.files, p.site.parts = kept.files, kept.parts
	}
	p.same("serve's Update", want, wantErr, got, err, wantLive, p.site.joined)
	if p.noRun {
		return wantErr == nil
	}
	before := p.outFiles()
	cfg := p.config()
	cfg.Out, cfg.NoMinify = p.out, false
	got, err = Run(ctx, cfg)
	if wantErr != nil {
		p.same("build over the previous output", want, wantErr, got, err, before, p.outFiles)
		return false
	}
	var freshMin memSite
	if p.parted {
		cfg.Out = ""
		want, wantErr = NewBuilder(cfg).Generate(ctx, freshMin.write)
	} else {
		freshMin.files = fresh.files
	}
	p.same("build over the previous output", want, wantErr, got, err, freshMin.files, p.outFiles)
	return wantErr == nil
}

// same fails the test unless an incremental build (got, err, its files)
// is the build from empty (want, wantErr, wantFiles).
func (p *propSite) same(how string, want *Result, wantErr error, got *Result, err error, wantFiles map[string][]byte, files func() map[string][]byte) {
	p.t.Helper()
	var problems []string
	if (err == nil) != (wantErr == nil) {
		problems = append(problems, fmt.Sprintf("error %v, want (from empty) %v", err, wantErr))
	}
	if got != nil && want != nil {
		if g, w := strs(got.Diagnostics), strs(want.Diagnostics); !slices.Equal(g, w) {
			problems = append(problems, fmt.Sprintf("diagnostics\n\t%s\nwant (from empty)\n\t%s", strings.Join(g, "\n\t"), strings.Join(w, "\n\t")))
		}
	}
	gotFiles := files()
	for _, n := range sortedNames(wantFiles) {
		if g, ok := gotFiles[n]; !ok {
			problems = append(problems, n+" missing")
		} else if !bytes.Equal(g, wantFiles[n]) {
			problems = append(problems, n+" differs: "+firstDifference(g, wantFiles[n]))
		}
	}
	for _, n := range sortedNames(gotFiles) {
		if _, ok := wantFiles[n]; !ok {
			problems = append(problems, n+" left behind")
		}
	}
	if len(problems) == 0 {
		return
	}
	if len(problems) > 8 {
		problems = append(problems[:8], fmt.Sprintf("and %d more", len(problems)-8))
	}
	p.t.Fatalf("seed %d (parted %v, drafts %v): %s differs from a build from empty after:\n\t%s\n%s\nreplay: go test ./internal/build -run 'IncrementalProperty$' -prop.seed %d -prop.steps %d",
		p.seed, p.parted, p.drafts, how, strings.Join(p.history, "\n\t"), strings.Join(problems, "\n"), p.seed, len(p.history))
}

// firstDifference shows where a and b first differ.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("at byte %d: %q, want %q", i, a[from:min(len(a), i+60)], b[from:min(len(b), i+60)])
}

// outFiles is every file of Run's output folder; none before the first build.
func (p *propSite) outFiles() map[string][]byte {
	if _, err := os.Stat(p.out); err != nil {
		return map[string][]byte{}
	}
	return filesOf(p.t.(*testing.T), p.out)
}

// path is the file of slash path name in the site folder.
func (p *propSite) path(name string) string { return filepath.Join(p.dir, filepath.FromSlash(name)) }

// files are the slash paths of the site's files matching pattern.
func (p *propSite) files(pattern string) []string {
	matches, _ := filepath.Glob(p.path(pattern))
	slices.Sort(matches)
	for i, m := range matches {
		matches[i] = rel(p.t.(*testing.T), p.dir, m)
	}
	return matches
}

// pick is one of names at random, "" if none.
func (p *propSite) pick(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[p.r.IntN(len(names))]
}

// write sets the files (slash path → content; nil removes it), noting
// their content before in undo, and tells the Builder.
func (p *propSite) write(undo map[string][]byte, files map[string][]byte) {
	for name, data := range files {
		if _, ok := undo[name]; !ok {
			old, err := os.ReadFile(p.path(name))
			if err != nil {
				old = nil
			}
			undo[name] = old
		}
		var err error
		if data == nil {
			err = os.Remove(p.path(name))
		} else {
			err = os.WriteFile(p.path(name), data, 0o644)
		}
		if err != nil && !os.IsNotExist(err) {
			p.t.Fatal(err)
		}
		p.live.Invalidate(name)
	}
}

// restore puts back the files as undo holds them.
func (p *propSite) restore(undo map[string][]byte) { p.write(map[string][]byte{}, undo) }

// rewrite replaces in file name the matches of re picked at random (one
// of them, or all when all) by what repl makes of the match; it returns
// false when name has none.
func (p *propSite) rewrite(undo map[string][]byte, name string, re *regexp.Regexp, all bool, repl func(match string) string) bool {
	data, err := os.ReadFile(p.path(name))
	if err != nil {
		return false
	}
	locs := re.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return false
	}
	if !all {
		locs = [][]int{locs[p.r.IntN(len(locs))]}
	}
	var b bytes.Buffer
	at := 0
	for _, l := range locs {
		b.Write(data[at:l[0]])
		b.WriteString(repl(string(data[l[0]:l[1]])))
		at = l[1]
	}
	b.Write(data[at:])
	p.write(undo, map[string][]byte{name: b.Bytes()})
	return true
}

// propDay is the build day moved by days.
func (p *propSite) day(days int) string {
	return time.Date(p.today.Year, p.today.Month, p.today.Day+days, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

var (
	reHeading    = regexp.MustCompile(`(?m)^## `)
	reParagraph  = regexp.MustCompile(`\n\n[A-Z]`)
	reTitle      = regexp.MustCompile(`(?m)^(title|name): "`)
	reTitleColon = regexp.MustCompile("Poste(?: |\u202f): ")
	colonSwap    = map[string]string{"Poste : ": "Poste\u202f: ", "Poste\u202f: ": "Poste : "}
	reQuoted     = regexp.MustCompile(`(?m)^(\s*[a-z._]+): "`)
	reLocation   = regexp.MustCompile(`(?m)^location: .*$`)
	reHours      = regexp.MustCompile(`(?m)^hours: full-time$`)
	reOrg        = regexp.MustCompile(`(?m)^organization: .*$`)
	reExpires    = regexp.MustCompile(`(?m)^expires: .*$`)
	rePosted     = regexp.MustCompile(`(?m)^posted: .*$`)
	reContract   = regexp.MustCompile(`(?m)^contract: `)
	reDraft      = regexp.MustCompile(`(?m)^draft: true\n`)
	reClosing    = regexp.MustCompile(`</(p|li|h1|h2|a|footer)>`)
	reCSS        = regexp.MustCompile(`\{`)
	reShown      = regexp.MustCompile(`</(p|li)>`)
)

// propShowAll shows, where a layout writes text, every value of the page
// (the layout's data, render.View) that layouts do not show today, so
// that a later edit of the content changing only those fails the
// property unless the page's key covers them. (Where the data is not a
// View, the build fails and the edit is undone.)
const propShowAll = `{{with $.Posting}}{{.Facts}}{{.OG}}{{.OrgURL}}{{.Status}}{{.Closed}}{{.City}}{{.JSONLD}}{{end}}` +
	`{{with $.List}}{{.Open}}/{{.Closed}}/{{.Archive}}/{{.Filter}}{{range .Entries}}{{.}}{{end}}{{range .Elsewhere}}{{.}}{{end}}{{.Contracts}}{{.Places}}{{.Remotes}}{{.Pager}}{{.Feed}}{{.All}}{{end}}` +
	`{{$.Description}}{{$.Alternates}}{{$.Switch}}{{$.Feeds}}{{$.Langs}}{{$.Canonical}}{{$.NoIndex}}{{$.FilterFeed}}`

var propPlaces = []string{
	`location: {city: Lyon, postal_code: "69001", region: "Auvergne-Rhône-Alpes", country: FR}`,
	`location: {city: Calais, postal_code: "62100", region: "Hauts-de-France", country: FR}`,
	`location: {city: Brest, postal_code: "29200", region: "Bretagne", country: FR}`,
	`location: [{city: Calais, postal_code: "62100", region: "Hauts-de-France", country: FR}, {city: Lille, postal_code: "59000", region: "Hauts-de-France", country: FR}]`,
}

// posting is the slash path of the facts file of a posting picked at
// random (or of its English translation when en).
func (p *propSite) posting(en bool) string {
	f := p.pick(p.files("content/postings/*.fr.md"))
	if en && f != "" {
		f = strings.Replace(f, ".fr.md", ".en.md", 1)
	}
	return f
}

// propEdits are the kinds of edit, each as likely.
var propEdits = []edit{
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(p.r.IntN(2) == 0)
		p.rewrite(undo, f, reHeading, false, func(string) string { return "## Modifié " })
		return "text of " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(p.r.IntN(2) == 0)
		p.rewrite(undo, f, reParagraph, false, func(m string) string { return "\n\nEdited. " + m[2:] })
		return "a paragraph of " + f + " (the first one is the summary when there is none)", undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(p.r.IntN(2) == 0)
		p.rewrite(undo, f, reTitle, true, func(m string) string { return m + "Nouveau " })
		return "title of " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		// The space before ":" of a French title, plain or narrow no-break:
		// the lists show the same, the feeds and the search index do not.
		undo := map[string][]byte{}
		f := p.posting(false)
		if !p.rewrite(undo, f, reTitleColon, true, func(m string) string { return colonSwap[m] }) {
			p.rewrite(undo, f, reTitle, true, func(m string) string { return m + "Poste : " })
		}
		return "the space before a colon in the title of " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		place := p.pick(propPlaces)
		p.rewrite(undo, f, reLocation, true, func(string) string { return place })
		return "place of " + f + ": " + place, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		if !p.rewrite(undo, f, reHours, true, func(string) string { return "hours: part-time\nhours_per_week: 20" }) {
			remote := p.pick([]string{"full", "hybrid"})
			p.rewrite(undo, f, reContract, true, func(m string) string { return "remote: " + remote + "\n" + m })
		}
		return "facts of " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		org := strings.TrimSuffix(filepath.Base(p.pick(p.files("content/organizations/*.fr.md"))), ".fr.md")
		p.rewrite(undo, f, reOrg, true, func(string) string { return "organization: " + org })
		return "employer of " + f + ": " + org, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		day := p.day(p.r.IntN(40) - 20)
		p.rewrite(undo, f, reExpires, true, func(string) string { return "expires: " + day })
		return "closing day of " + f + ": " + day, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		day := p.day(-1 - p.r.IntN(100))
		p.rewrite(undo, f, rePosted, true, func(string) string { return "posted: " + day })
		return "publication day of " + f + ": " + day, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		if p.rewrite(undo, f, reDraft, true, func(string) string { return "" }) {
			return "draft no more: " + f, undo
		}
		p.rewrite(undo, f, reContract, true, func(m string) string { return "draft: true\n" + m })
		return "draft: " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		day := p.day(-p.r.IntN(10))
		p.rewrite(undo, f, reContract, true, func(m string) string { return "filled: " + day + "\n" + m })
		return "filled: " + f + " on " + day, undo
	},
	func(p *propSite) (string, map[string][]byte) { // a posting added, a copy of another
		undo := map[string][]byte{}
		f := p.posting(false)
		p.added++
		slug := fmt.Sprintf("ajout-%d", p.added)
		files := map[string][]byte{}
		for _, lang := range []string{"fr", "en"} {
			src := strings.Replace(f, ".fr.md", "."+lang+".md", 1)
			data, err := os.ReadFile(p.path(src))
			if err == nil {
				files["content/postings/"+slug+"."+lang+".md"] = bytes.Replace(data, []byte(`title: "`), []byte(`title: "Ajout `), 1)
			}
		}
		p.write(undo, files)
		return "posting " + slug + " added, a copy of " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.posting(false)
		files := map[string][]byte{strings.Replace(f, ".fr.md", ".en.md", 1): nil}
		what := "English translation removed: " + f
		if p.r.IntN(2) == 0 {
			files[f] = nil
			what = "posting removed: " + f
		}
		p.write(undo, files)
		return what, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.pick(p.files("content/organizations/*.md"))
		if p.r.IntN(2) == 0 {
			p.rewrite(undo, f, reTitle, true, func(m string) string { return m + "The " })
			return "employer renamed: " + f, undo
		}
		p.rewrite(undo, f, regexp.MustCompile(`---\n\n`), false, func(m string) string { return m + "Edited. " })
		return "employer's text: " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		p.added++
		key := fmt.Sprintf("ajout-%d", p.added)
		p.write(undo, map[string][]byte{
			"content/organizations/" + key + ".fr.md": []byte("---\nname: \"Ajout\"\nurl: https://ajout.example.org/\n---\n\nUne association.\n"),
		})
		return "employer added: " + key, undo
	},
	func(p *propSite) (string, map[string][]byte) { // an error unless no posting is theirs: then undone
		undo := map[string][]byte{}
		f := p.pick(p.files("content/organizations/*.fr.md"))
		p.write(undo, map[string][]byte{f: nil, strings.Replace(f, ".fr.md", ".en.md", 1): nil})
		return "employer removed: " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		switch p.r.IntN(4) {
		case 0:
			p.rewrite(undo, "content/site.yaml", reQuoted, false, func(m string) string { return m + "Nouveau " })
			return "site.yaml: a title or description", undo
		case 1:
			p.rewrite(undo, "content/site.yaml", regexp.MustCompile(`(?m)^timezone: `), true, func(m string) string { return "indexnow_key: abcdef123456\n" + m })
			return "site.yaml: an IndexNow key", undo
		case 2:
			size := fmt.Sprintf("page_size: %d", content.MinPageSize+5+p.r.IntN(15))
			p.rewrite(undo, "content/site.yaml", regexp.MustCompile(`page_size: \d+`), false, func(string) string { return size })
			return "site.yaml: " + size, undo
		}
		p.rewrite(undo, "content/site.yaml", regexp.MustCompile(`(?m)^timezone: `), true, func(m string) string { return "listing_days: 30\n" + m })
		return "site.yaml: listing_days", undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.pick(p.files("layouts/*.html"))
		for !p.rewrite(undo, f, reClosing, false, func(m string) string { return "·" + m }) {
			f = p.pick(p.files("layouts/*.html"))
		}
		return "layout " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) { // a layout shows more of what it receives
		undo := map[string][]byte{}
		f := p.pick(p.files("layouts/*.html"))
		for !p.rewrite(undo, f, reShown, false, func(m string) string { return propShowAll + m }) {
			f = p.pick(p.files("layouts/*.html"))
		}
		return "layout " + f + " shows more", undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		f := p.pick(p.files("layouts/i18n/*.yaml"))
		p.rewrite(undo, f, reQuoted, false, func(m string) string { return m + "·" })
		return "interface string in " + f, undo
	},
	func(p *propSite) (string, map[string][]byte) {
		undo := map[string][]byte{}
		p.rewrite(undo, "assets/style.css", reCSS, false, func(m string) string { return m + "color:red;" })
		return "stylesheet", undo
	},
	func(p *propSite) (string, map[string][]byte) {
		days := p.r.IntN(30) - 10
		p.today = content.DateOf(time.Date(p.today.Year, p.today.Month, p.today.Day+days, 0, 0, 0, 0, time.UTC))
		p.live.cfg.Today = p.today
		return fmt.Sprintf("build day %v (%+d)", p.today, days), map[string][]byte{}
	},
	func(p *propSite) (string, map[string][]byte) { return "nothing", map[string][]byte{} },
}
